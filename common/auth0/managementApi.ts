/**
 * One logical request to a tenant's Management API, with the retry policy every operation shares ("nothing lost,
 * nothing done twice"):
 *   - 401 with client credentials: one fresh token and one retry (Auth0 did not process a request it refused);
 *   - 429: wait as the headers say (bounded), then retry, a bounded number of times (not processed either);
 *   - 5xx, timeouts, dropped connections, unreadable answers: never retried; the caller says what that means;
 *   - cancellation: before sending and while waiting, nothing was done; in flight, the answer is unknown.
 * Requests go only to the tenant's configured endpoints; redirects are not followed. Never throws. Each operation
 * (create, list, update, ...) turns the exchange into its own outcome.
 */
import { readAuth0Error, type Auth0ErrorBody } from './auth0Errors';
import { createTokenSource, isTokenSource, type Credentials, type TokenFailure, type TokenSource } from './credentials';
import { defaultSleep, sendHttp, type FetchLike, type HttpResult, type Sleep } from './http';
import { countdown, rateLimitWait } from './rateLimit';
import { endpointsFor, type TenantConfig, type TenantEndpoints } from './tenant';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 3;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;

/** Progress reports, e.g. for a notification's text. */
export type ApiProgress =
  | { stage: 'getting-token'; message: string }
  | { stage: 'sending'; attempt: number; message: string }
  | { stage: 'refreshing-token'; message: string }
  | { stage: 'rate-limited'; waitSeconds: number; retry: number; message: string };

/** How to reach a tenant and how patient to be; shared by every operation. */
export interface ApiSettings {
  /** The tenant: its domain and optional loopback overrides (validated here again). */
  tenant: TenantConfig;
  /** Credentials, or a token source kept by the caller so that its cached token is reused across requests. */
  credentials: Credentials | TokenSource;
  /** Per HTTP request (token and API), default 30 s. */
  timeoutMs?: number;
  /** Cancels: before sending and while waiting out a rate limit, nothing was done; in flight, the outcome is uncertain. */
  signal?: AbortSignal;
  onProgress?: (progress: ApiProgress) => void;
  /** Called each second while waiting after a 429: seconds left, and which retry this wait precedes (1-based). */
  onRateLimitWait?: (secondsLeft: number, attempt: number) => void;
  /** How many times to retry after 429 (default 3). */
  maxRateLimitRetries?: number;
  /** A 429 asking to wait longer than this is not waited out (default 60 s). */
  maxRateLimitWaitSeconds?: number;
  fetch?: FetchLike;
  sleep?: Sleep;
  /** Milliseconds since epoch, for X-RateLimit-Reset; injectable for tests. */
  now?: () => number;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the API base, e.g. `/connections` or `/connections/con_1/clients?take=50`. */
  path: string;
  /** JSON text of the body, if any. */
  body?: string;
  /** What the request does, for progress ("Creating the connection x on t…"). */
  doing: string;
}

/** How one logical request ended. `attempts` counts requests that reached (or may have reached) the API. */
export type ApiExchange =
  | { type: 'answered'; result: HttpResult; attempts: number; refreshed: boolean }
  | { type: 'token-failure'; failure: TokenFailure; attempts: number }
  | { type: 'cancelled'; phase: 'before-sending' | 'rate-limit-wait'; attempts: number }
  | { type: 'rate-limited'; why: string; retryAt: Date; retries: number; auth0Error?: Auth0ErrorBody; attempts: number };

function safeCall<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    callback?.(...args);
  } catch {
    // A front end's progress callback must not break the request.
  }
}

export class ManagementApi {
  readonly tenant: string;
  readonly endpoints: TenantEndpoints;
  readonly source: TokenSource;
  readonly #settings: ApiSettings;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;

  private constructor(settings: ApiSettings, endpoints: TenantEndpoints, source: TokenSource, fetchFn: FetchLike) {
    this.#settings = settings;
    this.endpoints = endpoints;
    this.tenant = endpoints.domain;
    this.source = source;
    this.#fetch = fetchFn;
    this.#timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * The API of `settings.tenant`, or why no request can go there: a domain or override refused by the loopback rule,
   * or credentials that belong to another tenant (they are sent only to their own).
   */
  static open(settings: ApiSettings): { ok: true; api: ManagementApi } | { ok: false; message: string } {
    const resolved = endpointsFor(settings.tenant);
    if (!resolved.ok) return { ok: false, message: `${resolved.message} Nothing was sent.` };
    const endpoints = resolved.endpoints;
    const fetchFn: FetchLike = settings.fetch ?? ((url, init) => fetch(url, init));
    const credentials = settings.credentials;
    const source = isTokenSource(credentials)
      ? credentials
      : createTokenSource(credentials, endpoints, { fetch: fetchFn, now: settings.now ?? Date.now, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    if (source.domain !== endpoints.domain) {
      return {
        ok: false,
        message: `The credentials given belong to ${source.domain}, not to ${endpoints.domain}; they are sent only to their own tenant. Nothing was sent.`,
      };
    }
    return { ok: true, api: new ManagementApi(settings, endpoints, source, fetchFn) };
  }

  /** Milliseconds since epoch, as the settings give it (tests fix it). */
  now(): number {
    return (this.#settings.now ?? Date.now)();
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Sends `request` under the shared policy (see the file comment); never throws. */
  async call(request: ApiRequest): Promise<ApiExchange> {
    const signal = this.#settings.signal;
    let attempts = 0;
    let refreshed = false;
    let retries = 0;
    for (;;) {
      if (signal?.aborted) return { type: 'cancelled', phase: 'before-sending', attempts };
      const token = await this.#token();
      if (!token.ok) return { type: 'token-failure', failure: token.failure, attempts };
      if (signal?.aborted) return { type: 'cancelled', phase: 'before-sending', attempts };
      safeCall(this.#settings.onProgress, { stage: 'sending', attempt: attempts + 1, message: `${request.doing} on ${this.tenant}…` });
      const result = await this.#send(request, token.token);
      if (!(result.type === 'network' && result.beforeSending)) attempts++;
      if (result.type === 'response' && result.status === 401 && this.source.canRefresh && !refreshed) {
        refreshed = true;
        this.source.invalidate();
        safeCall(this.#settings.onProgress, { stage: 'refreshing-token', message: `${this.tenant} refused the token; getting a fresh one…` });
        continue;
      }
      if (result.type === 'response' && result.status === 429) {
        const waited = await this.#waitOutRateLimit(result, retries, attempts);
        if (waited !== 'retry') return waited;
        retries++;
        continue;
      }
      return { type: 'answered', result, attempts, refreshed };
    }
  }

  /** `text` with every credential of this tenant masked. */
  redact(text: string): string {
    return this.source.redact(text);
  }

  async #token() {
    // Said only when a token is requested: a retry after a 429 reuses the cached one.
    const onFetch = () => safeCall(this.#settings.onProgress, { stage: 'getting-token', message: `Getting a Management API token from ${this.tenant}…` });
    return this.source.getToken({ signal: this.#settings.signal, timeoutMs: this.#timeoutMs, onFetch });
  }

  #send(request: ApiRequest, token: string): Promise<HttpResult> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    return sendHttp(
      { method: request.method, url: `${this.endpoints.apiBaseUrl}${request.path}`, headers, ...(request.body !== undefined ? { body: request.body } : {}) },
      { fetch: this.#fetch, timeoutMs: this.#timeoutMs, signal: this.#settings.signal },
    );
  }

  /** After a 429: 'retry' once the wait is over, or how the request ended (given up, or cancelled while waiting). */
  async #waitOutRateLimit(result: Extract<HttpResult, { type: 'response' }>, retries: number, attempts: number): Promise<ApiExchange | 'retry'> {
    const settings = this.#settings;
    const now = settings.now ?? Date.now;
    const maxRetries = settings.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
    const maxWaitMs = (settings.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS) * 1000;
    const wait = rateLimitWait(result.headers, now());
    const auth0Error = readAuth0Error(result.text);
    const limited = (why: string): ApiExchange => ({
      type: 'rate-limited',
      why,
      retryAt: new Date(now() + wait.ms),
      retries,
      attempts,
      ...(auth0Error ? { auth0Error } : {}),
    });
    if (retries >= maxRetries) {
      return limited(`${this.tenant} is still rate-limiting Management API requests (429 Too Many Requests) after ${retries} ${retries === 1 ? 'retry' : 'retries'}.`);
    }
    if (wait.ms > maxWaitMs) {
      return limited(
        `${this.tenant} is rate-limiting Management API requests (429 Too Many Requests) and asks to wait ${Math.ceil(wait.ms / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s this waits.`,
      );
    }
    const attempt = retries + 1;
    const waited = await countdown(wait.ms, settings.sleep ?? defaultSleep, settings.signal, (secondsLeft) => {
      safeCall(settings.onRateLimitWait, secondsLeft, attempt);
      safeCall(settings.onProgress, {
        stage: 'rate-limited',
        waitSeconds: secondsLeft,
        retry: attempt,
        message: `${this.tenant} is rate-limiting requests; retrying in ${secondsLeft} s (retry ${attempt} of ${maxRetries})…`,
      });
    });
    return waited ? 'retry' : { type: 'cancelled', phase: 'rate-limit-wait', attempts };
  }
}
