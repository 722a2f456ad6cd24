/**
 * Walking a paginated list to its end, and never further: checkpoint pagination (`take`, `from` = the previous
 * answer's `next`; no `next` = last page) for connections and enabled clients, offset pagination (`page`,
 * `per_page`, `include_totals`) for clients. A server that hands back a page token it already gave (which would loop
 * for ever) or more pages than any tenant holds is stopped with a message saying so.
 */

import type { ApiFailure, ApiResult } from './apiResult';
import type { ManagementApi } from './managementApi';

/** Past this many pages a listing stops: 1000 pages of 100 is far beyond any tenant's connections or clients. */
export const DEFAULT_MAX_PAGES = 1000;

export interface CheckpointPage<T> {
  items: T[];
  /** The `next` of the answer: there are more results from there. */
  next: string | undefined;
}

export interface Listed<T> {
  items: T[];
  /** Requests that answered a page (for reports: "500 connections in 5 pages"). */
  pages: number;
}

export interface PageLimits {
  maxPages?: number;
  /** For messages: `the connections`, `the applications`. */
  what: string;
}

/** Every page of a checkpoint-paginated list, in order. */
export async function collectCheckpointPages<T>(
  api: ManagementApi,
  fetchPage: (from: string | undefined) => Promise<ApiResult<CheckpointPage<T>>>,
  limits: PageLimits,
): Promise<ApiResult<Listed<T>>> {
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  const items: T[] = [];
  const seen = new Set<string>();
  let from: string | undefined;
  let attempts = 0;
  for (let pages = 1; ; pages++) {
    const page = await fetchPage(from);
    if (!page.ok) return page;
    attempts += page.attempts;
    items.push(...page.value.items);
    const next = page.value.next;
    if (next === undefined || next === '') return { ok: true, value: { items, pages }, attempts };
    if (seen.has(next)) {
      return stopped(api, limits, attempts, `${api.tenant} answered page ${pages} with a page token ("next") it had already given, so the listing would never end`);
    }
    if (pages >= maxPages) {
      return stopped(api, limits, attempts, `${api.tenant} still had more after ${pages} pages (${items.length} items), more than any tenant holds`);
    }
    seen.add(next);
    from = next;
  }
}

export interface OffsetPage<T> {
  items: T[];
  /** `total` of an `include_totals=true` answer, when it gave one. */
  total: number | undefined;
}

/** Every page of an offset-paginated list (`page` from 0), until `total` is reached or a page comes back short. */
export async function collectOffsetPages<T>(
  api: ManagementApi,
  fetchPage: (page: number) => Promise<ApiResult<OffsetPage<T>>>,
  perPage: number,
  limits: PageLimits,
): Promise<ApiResult<Listed<T>>> {
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  const items: T[] = [];
  let attempts = 0;
  for (let page = 0; ; page++) {
    const answer = await fetchPage(page);
    if (!answer.ok) return answer;
    attempts += answer.attempts;
    items.push(...answer.value.items);
    const { total } = answer.value;
    const done = total !== undefined ? items.length >= total || answer.value.items.length === 0 : answer.value.items.length < perPage;
    if (done) return { ok: true, value: { items, pages: page + 1 }, attempts };
    if (page + 1 >= maxPages) {
      return stopped(api, limits, attempts, `${api.tenant} still had more after ${page + 1} pages (${items.length} items), more than any tenant holds`);
    }
  }
}

function stopped(api: ManagementApi, limits: PageLimits, attempts: number, why: string): ApiFailure {
  const message = `Stopped listing ${limits.what}: ${why}. Nothing was changed. This is not how the Management API answers; try again later, and report it if it persists.`;
  return {
    ok: false,
    kind: 'unexpected',
    tenant: api.tenant,
    operation: `list ${limits.what}`,
    severity: 'error',
    actions: [],
    attempts,
    userMessage: api.redact(message),
  };
}
