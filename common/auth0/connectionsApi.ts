/**
 * The connection endpoints beyond create: list (checkpoint pagination, `name` and `strategy` filters), read one by
 * id or by name, and update (`PATCH /connections/{id}`, which replaces `options` whole). Each returns an
 * `ApiResult` (apiResult.ts); the HTTP policy and the meaning of every answer are operation.ts's.
 */

import type { ApiResult } from './apiResult';
import { SCOPES } from './connectionFields';
import { isRecord, parseJson } from './http';
import type { ManagementApi } from './managementApi';
import { runOperation } from './operation';
import { collectCheckpointPages, type CheckpointPage, type Listed } from './pagination';
import { collectSecrets } from './redact';

/** A connection as the Management API returns it (every property kept; `options` may hold secrets). */
export type LiveConnection = Record<string, unknown> & { id: string; name: string; strategy: string };

/** Page size for listing: 100 is what Terraform's provider sends (recorded), well under any limit. */
export const LIST_TAKE = 100;

export interface ListQuery {
  /** Only the connection with this exact name. */
  name?: string;
  /** Only connections of these strategies. */
  strategies?: readonly string[];
  take?: number;
  maxPages?: number;
}

export function isLiveConnection(value: unknown): value is LiveConnection {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && typeof value.name === 'string' && typeof value.strategy === 'string';
}

function readPage(text: string | undefined): CheckpointPage<LiveConnection> | undefined {
  const body = parseJson(text);
  // Checkpoint form `{connections, next?}`; a bare array (no paging) is one last page.
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.connections) ? body.connections : undefined;
  if (list === undefined || !list.every(isLiveConnection)) return undefined;
  const next = isRecord(body) && typeof body.next === 'string' ? body.next : undefined;
  return { items: list, next };
}

function listPath(query: ListQuery, from: string | undefined): string {
  const params = new URLSearchParams({ take: String(query.take ?? LIST_TAKE) });
  if (from !== undefined) params.set('from', from);
  if (query.name !== undefined) params.set('name', query.name);
  for (const strategy of query.strategies ?? []) params.append('strategy', strategy);
  return `/connections?${params.toString()}`;
}

/** Every connection matching `query`, page after page (`GET /connections?take=&from=`). */
export function listConnections(api: ManagementApi, query: ListQuery = {}): Promise<ApiResult<Listed<LiveConnection>>> {
  const what = query.name !== undefined ? `the connection named ${query.name}` : 'the connections';
  return collectCheckpointPages(
    api,
    (from) =>
      runOperation(api, {
        method: 'GET',
        path: listPath(query, from),
        doing: `Listing ${what}${from === undefined ? '' : ' (next page)'}`,
        verb: `list ${what}`,
        scope: SCOPES.readConnections,
        read: (answer) => readPage(answer.response.text),
      }),
    { what, ...(query.maxPages !== undefined ? { maxPages: query.maxPages } : {}) },
  );
}

/** The connection named `name` (exactly; else the one match ignoring case), or undefined when there is none. */
export async function findConnection(api: ManagementApi, name: string): Promise<ApiResult<LiveConnection | undefined>> {
  const listed = await listConnections(api, { name });
  if (!listed.ok) return listed;
  return { ok: true, value: connectionNamed(listed.value.items, name), attempts: listed.attempts };
}

/** The connection named `name` in `items`: exactly, else the one match ignoring case (Auth0 matches names so). */
export function connectionNamed(items: readonly LiveConnection[], name: string): LiveConnection | undefined {
  const exact = items.find((c) => c.name === name);
  const loose = items.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return exact ?? (loose.length === 1 ? loose[0] : undefined);
}

/** `GET /connections/{id}`. */
export function getConnection(api: ManagementApi, id: string, name = id): Promise<ApiResult<LiveConnection>> {
  return runOperation(api, {
    method: 'GET',
    path: `/connections/${encodeURIComponent(id)}`,
    doing: `Reading the connection ${name}`,
    verb: `read the connection ${name}`,
    scope: SCOPES.readConnections,
    notFound: `The connection ${name} (${id}) does not exist on ${api.tenant} (deleted?).`,
    read: (answer) => {
      const body = parseJson(answer.response.text);
      return isLiveConnection(body) ? body : undefined;
    },
  });
}

/**
 * `PATCH /connections/{id}` with `patch` (no `name`, `strategy` or `enabled_clients`). Auth0 replaces `options`
 * whole: a patch carrying options must carry all of them. A 5xx or timeout is `uncertain` (compare again).
 */
export function updateConnection(
  api: ManagementApi,
  live: LiveConnection,
  patch: Record<string, unknown>,
  /** Values in the patch that are secrets although no key names them so (placeholder values). */
  secrets: readonly string[] = [],
): Promise<ApiResult<LiveConnection>> {
  return runOperation(api, {
    method: 'PATCH',
    path: `/connections/${encodeURIComponent(live.id)}`,
    body: patch,
    doing: `Updating the connection ${live.name}`,
    verb: `update the connection ${live.name}`,
    scope: SCOPES.updateConnections,
    secrets: [...collectSecrets(patch), ...collectSecrets(live), ...secrets],
    notFound: `The connection ${live.name} (${live.id}) no longer exists on ${api.tenant} (deleted meanwhile?).`,
    read: (answer) => {
      const body = parseJson(answer.response.text);
      return isLiveConnection(body) ? body : undefined;
    },
  });
}
