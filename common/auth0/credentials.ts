/**
 * The two ways to authenticate to a tenant's Management API, and the token logic behind them: reading a pasted
 * access token (expiry, scopes, audience; no signature check, the API does that) and obtaining, caching and
 * refreshing tokens for a machine-to-machine application by the client-credentials grant.
 * No message produced here contains a client secret or a token.
 */

import { capitalize } from './answerText';
import { cutNote, isRecord, parseJson, sendHttp, type FetchLike, type HttpResult } from './http';
import { cutText, MAX_SHOWN_CHARS, redact } from './redact';
import type { TenantEndpoints } from './tenant';

export type Credentials =
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  | { kind: 'access-token'; token: string };

/** The scope POST /api/v2/connections requires. */
export const CREATE_CONNECTIONS_SCOPE = 'create:connections';

export type AccessTokenProblemCode = 'not-jwt' | 'expired' | 'expires-soon' | 'missing-scope' | 'no-scopes' | 'wrong-audience';

export interface AccessTokenProblem {
  code: AccessTokenProblemCode;
  /** What is wrong and what it will cause, ready to show; never contains the token. */
  message: string;
}

export interface AccessTokenInfo {
  /** False when the text is not a decodable JWT (then everything else is unknown). */
  isJwt: boolean;
  expiresAt?: Date;
  expired: boolean;
  /** From `scope` (space-separated) or `permissions`; undefined when the token states neither. */
  scopes?: string[];
  audiences: string[];
  /** Undefined when the token does not state its scopes. */
  hasCreateConnections?: boolean;
  /** Reasons to warn before using the token, most serious first; empty when it looks usable. */
  problems: AccessTokenProblem[];
}

const EXPIRES_SOON_MS = 5 * 60 * 1000;
const HOW_TO_GET_TOKEN =
  'Copy a new one from the Auth0 Dashboard (Applications > APIs > Auth0 Management API > API Explorer), or use a machine-to-machine application instead.';

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+=*$/.test(segment)) {
    return undefined;
  }
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function describeAge(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60000);
  if (minutes < 1) {
    return 'less than a minute';
  }
  if (minutes < 120) {
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * What a Management API access token says about itself. `domain` (optional) enables the audience check;
 * `now` (ms since epoch) is injectable for tests.
 */
export function readAccessToken(token: string, options: { now?: number; domain?: string } = {}): AccessTokenInfo {
  const now = options.now ?? Date.now();
  const parts = token.trim().replace(/^Bearer\s+/i, '').split('.');
  const header = parts.length === 3 ? decodeSegment(parts[0]!) : undefined;
  const payload = parts.length === 3 ? decodeSegment(parts[1]!) : undefined;
  if (!isRecord(header) || !isRecord(payload)) {
    return {
      isJwt: false,
      expired: false,
      audiences: [],
      problems: [
        {
          code: 'not-jwt',
          message: `This is not a Management API access token (a JWT of three dot-separated parts). ${HOW_TO_GET_TOKEN}`,
        },
      ],
    };
  }
  const info: AccessTokenInfo = { isJwt: true, expired: false, audiences: [], problems: [] };
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) {
    info.expiresAt = new Date(payload.exp * 1000);
    const left = payload.exp * 1000 - now;
    info.expired = left <= 0;
    if (info.expired) {
      info.problems.push({
        code: 'expired',
        message: `The access token expired ${describeAge(left)} ago (${info.expiresAt.toISOString()}); Auth0 will refuse it. ${HOW_TO_GET_TOKEN}`,
      });
    } else if (left < EXPIRES_SOON_MS) {
      info.problems.push({ code: 'expires-soon', message: `The access token expires in ${describeAge(left)}.` });
    }
  }
  if (typeof payload.scope === 'string') {
    info.scopes = payload.scope.split(/\s+/).filter((s) => s !== '');
  } else if (Array.isArray(payload.permissions)) {
    info.scopes = payload.permissions.filter((s): s is string => typeof s === 'string');
  }
  if (info.scopes === undefined) {
    info.problems.push({
      code: 'no-scopes',
      message: `The access token does not state its scopes, so whether it may create connections (${CREATE_CONNECTIONS_SCOPE}) is unknown.`,
    });
  } else {
    info.hasCreateConnections = info.scopes.includes(CREATE_CONNECTIONS_SCOPE);
    if (!info.hasCreateConnections) {
      const has = info.scopes.length === 0 ? 'it has no scopes' : `it has ${info.scopes.slice(0, 6).join(', ')}${info.scopes.length > 6 ? ', ...' : ''}`;
      info.problems.push({
        code: 'missing-scope',
        message: `The access token lacks the ${CREATE_CONNECTIONS_SCOPE} scope (${has}); Auth0 will answer 403. Use a token or application granted ${CREATE_CONNECTIONS_SCOPE}.`,
      });
    }
  }
  if (typeof payload.aud === 'string') {
    info.audiences = [payload.aud];
  } else if (Array.isArray(payload.aud)) {
    info.audiences = payload.aud.filter((a): a is string => typeof a === 'string');
  }
  if (options.domain !== undefined && info.audiences.length > 0) {
    const expected = `https://${options.domain}/api/v2/`;
    if (!info.audiences.some((aud) => aud.replace(/\/?$/, '/') === expected)) {
      info.problems.push({
        code: 'wrong-audience',
        message: `The access token is for ${info.audiences.join(', ')}, not for ${expected}; ${options.domain} will refuse it. Paste a token issued by this tenant.`,
      });
    }
  }
  const order: AccessTokenProblemCode[] = ['not-jwt', 'expired', 'wrong-audience', 'missing-scope', 'no-scopes', 'expires-soon'];
  info.problems.sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  return info;
}

export type TokenFailureReason =
  | 'refused'
  | 'not-authorized'
  | 'rate-limited'
  | 'bad-response'
  | 'http-error'
  | 'network'
  | 'timeout'
  | 'cancelled';

export interface TokenFailure {
  /** `refused`: the client ID/secret were rejected (401); `not-authorized`: the application may not call the Management API (403). */
  reason: TokenFailureReason;
  status?: number;
  /** Auth0's `error` code from the token endpoint, when it gave one. */
  error?: string;
  /** What went wrong and what to do, ready to show; contains no secret. */
  message: string;
  /** `message` in two parts (what went wrong / what to do), so a caller can say what it means in between. */
  problem: string;
  advice: string;
}

export type TokenResult = { ok: true; token: string; fresh: boolean } | { ok: false; failure: TokenFailure };

export interface GetTokenOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Called just before a token is requested from the token endpoint (not when a cached or pasted one is used). */
  onFetch?: (() => void) | undefined;
}

/** Where the bearer token of a request comes from. One per tenant; keep it to reuse its cached token. */
export interface TokenSource {
  readonly kind: Credentials['kind'];
  /** The tenant the credentials belong to; they are sent to no other. */
  readonly domain: string;
  /** The application's client ID (not secret; shown in messages), for client credentials. */
  readonly clientId?: string;
  /** True when `invalidate()` + `getToken()` can yield a different token (client credentials). */
  readonly canRefresh: boolean;
  getToken(options?: GetTokenOptions): Promise<TokenResult>;
  /** Forget the cached token, so the next `getToken` fetches a new one. */
  invalidate(): void;
  /** `text` with this source's secrets (client secret, tokens) masked. */
  redact(text: string): string;
}

export interface TokenSourceOptions {
  fetch?: FetchLike;
  /** Milliseconds since epoch; injectable for cache tests. */
  now?: () => number;
  /** Per token request, default 30 000. */
  timeoutMs?: number;
  /** Refresh this long before `expires_in` runs out (default 60 s, at most half the lifetime). */
  expiryMarginSeconds?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

class AccessTokenSource implements TokenSource {
  readonly kind = 'access-token' as const;
  readonly canRefresh = false;
  readonly #token: string;

  constructor(
    readonly domain: string,
    token: string,
  ) {
    this.#token = token.trim().replace(/^Bearer\s+/i, '');
  }

  async getToken(options: GetTokenOptions = {}): Promise<TokenResult> {
    if (options.signal?.aborted) {
      return { ok: false, failure: { reason: 'cancelled', message: 'Cancelled.', problem: 'Cancelled.', advice: '' } };
    }
    if (this.#token === '') {
      const problem = `No access token is stored for ${this.domain}.`;
      return { ok: false, failure: { reason: 'refused', problem, advice: HOW_TO_GET_TOKEN, message: `${problem} ${HOW_TO_GET_TOKEN}` } };
    }
    return { ok: true, token: this.#token, fresh: false };
  }

  invalidate(): void {
    // A pasted token cannot be renewed here; the user replaces it.
  }

  redact(text: string): string {
    return redact(text, [this.#token]);
  }
}

class ClientCredentialsTokenSource implements TokenSource {
  readonly kind = 'client-credentials' as const;
  readonly canRefresh = true;
  readonly domain: string;
  readonly clientId: string;
  readonly #clientSecret: string;
  readonly #endpoints: TenantEndpoints;
  readonly #fetch: FetchLike;
  readonly #now: () => number;
  readonly #timeoutMs: number;
  readonly #marginSeconds: number;
  #cached: { token: string; refreshAt: number } | undefined;
  /** Every token obtained, so that even an old one is masked if it turns up in a message. */
  readonly #issued = new Set<string>();

  constructor(credentials: { clientId: string; clientSecret: string }, endpoints: TenantEndpoints, options: TokenSourceOptions) {
    this.domain = endpoints.domain;
    this.clientId = credentials.clientId.trim();
    this.#clientSecret = credentials.clientSecret;
    this.#endpoints = endpoints;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#marginSeconds = options.expiryMarginSeconds ?? 60;
  }

  invalidate(): void {
    this.#cached = undefined;
  }

  redact(text: string): string {
    return redact(text, [this.#clientSecret, ...this.#issued]);
  }

  async getToken(options: GetTokenOptions = {}): Promise<TokenResult> {
    if (this.#cached && this.#now() < this.#cached.refreshAt) {
      return { ok: true, token: this.#cached.token, fresh: false };
    }
    this.#cached = undefined;
    if (this.clientId === '' || this.#clientSecret === '') {
      return this.#fail({
        reason: 'refused',
        problem: `The client ID or client secret for ${this.domain} is empty.`,
        advice: `Enter the machine-to-machine application's credentials again.`,
      });
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    options.onFetch?.();
    const result = await sendHttp(
      {
        method: 'POST',
        url: `${this.#endpoints.tokenBaseUrl}/oauth/token`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: this.clientId,
          client_secret: this.#clientSecret,
          audience: this.#endpoints.audience,
        }),
      },
      { fetch: this.#fetch, timeoutMs, signal: options.signal },
    );
    switch (result.type) {
      case 'cancelled':
        return this.#fail({ reason: 'cancelled', problem: 'Cancelled while getting a Management API token.', advice: '' });
      case 'timeout':
        return this.#fail({
          reason: 'timeout',
          problem: `${capitalize(this.#where)} did not answer within ${formatDuration(timeoutMs)}.`,
          advice: 'Check your network and try again.',
        });
      case 'network':
        return this.#fail({
          reason: 'network',
          problem: `Could not reach ${this.#where} (${result.code ?? result.detail}).`,
          advice: 'Check the domain and your network, then try again.',
        });
      case 'response':
        return this.#read(result);
    }
  }

  /** "the token endpoint of t" (with the override, when there is one), for messages. */
  get #where(): string {
    return `the token endpoint of ${this.domain}${this.#endpoints.overridden ? ` (${this.#endpoints.tokenBaseUrl})` : ''}`;
  }

  #fail(failure: Omit<TokenFailure, 'message'>): TokenResult {
    const problem = this.redact(failure.problem);
    const advice = this.redact(failure.advice);
    return { ok: false, failure: { ...failure, problem, advice, message: advice === '' ? problem : `${problem} ${advice}` } };
  }

  /** The token in a 2xx answer (cached), or what the answer says went wrong. */
  #read(result: Extract<HttpResult, { type: 'response' }>): TokenResult {
    const body = parseJson(result.text);
    const error = isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
    const description = isRecord(body) && typeof body.error_description === 'string' ? body.error_description : undefined;
    const said = cutText([error, description].filter((s) => s !== undefined).join(': '), MAX_SHOWN_CHARS);
    const cut = cutNote(result);
    const quote = (said === '' ? `HTTP ${result.status}` : `${result.status} ${said}`) + (cut === undefined ? '' : ` (${cut})`);
    const status = result.status;
    if (status >= 200 && status < 300) {
      const token = isRecord(body) && typeof body.access_token === 'string' ? body.access_token : undefined;
      if (token === undefined || token === '') {
        return this.#fail({
          reason: 'bad-response',
          status,
          problem: `${capitalize(this.#where)} answered ${status} but without an access token${result.text === undefined ? ` (${result.readError})` : cut !== undefined ? ` (${cut})` : ''}.`,
          advice: `Check the domain${this.#endpoints.overridden ? ' and the token endpoint base URL' : ''}.`,
        });
      }
      this.#issued.add(token);
      const lifetime = this.#lifetimeSeconds(body, token);
      const margin = Math.min(this.#marginSeconds, lifetime / 2);
      this.#cached = { token, refreshAt: this.#now() + (lifetime - margin) * 1000 };
      return { ok: true, token, fresh: true };
    }
    const failure = this.#refusal(status, error, quote);
    return this.#fail(error === undefined ? failure : { ...failure, error });
  }

  /** What a token endpoint's refusal means and what to do about it. */
  #refusal(status: number, error: string | undefined, quote: string): Omit<TokenFailure, 'message'> {
    if (error === 'unauthorized_client' || status === 403) {
      return {
        reason: 'not-authorized',
        status,
        problem: `The application ${this.clientId} is not authorized to call the Auth0 Management API of ${this.domain} (${quote}).`,
        advice:
          `In the Auth0 Dashboard, open Applications > APIs > Auth0 Management API > Machine To Machine Applications, ` +
          `authorize the application and grant it ${CREATE_CONNECTIONS_SCOPE}.`,
      };
    }
    if (status === 401 || error === 'access_denied' || error === 'invalid_client') {
      return {
        reason: 'refused',
        status,
        problem: `${this.domain} refused the application's credentials (client ID ${this.clientId}; ${quote}).`,
        advice: `Check the client ID and client secret in the Auth0 Dashboard (Applications > the application > Settings) and enter them again.`,
      };
    }
    if (status === 429) {
      return { reason: 'rate-limited', status, problem: `${capitalize(this.#where)} is rate-limiting token requests (429).`, advice: 'Wait a minute and try again.' };
    }
    if (status >= 300 && status < 400) {
      return {
        reason: 'http-error',
        status,
        problem: `${capitalize(this.#where)} answered with a redirect (${status}), which was not followed: credentials are sent only to the configured tenant.`,
        advice: 'Check the domain.',
      };
    }
    return {
      reason: 'http-error',
      status,
      problem: `${capitalize(this.#where)} answered ${quote}.`,
      advice: status >= 500 ? 'Try again later.' : 'Check the domain and the application settings.',
    };
  }

  #lifetimeSeconds(body: unknown, token: string): number {
    if (isRecord(body) && typeof body.expires_in === 'number' && body.expires_in > 0) {
      return body.expires_in;
    }
    const info = readAccessToken(token, { now: this.#now() });
    if (info.expiresAt) {
      return Math.max(0, (info.expiresAt.getTime() - this.#now()) / 1000);
    }
    return 60;
  }
}

/** `300 ms`, `30 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * A token source for credentials on the tenant `endpoints` designates. Keep one per tenant to reuse its cached token
 * across creates; build a new one when the credentials change.
 */
export function createTokenSource(credentials: Credentials, endpoints: TenantEndpoints, options: TokenSourceOptions = {}): TokenSource {
  return credentials.kind === 'access-token'
    ? new AccessTokenSource(endpoints.domain, credentials.token)
    : new ClientCredentialsTokenSource(credentials, endpoints, options);
}

/** True for a `TokenSource` (as opposed to plain `Credentials`). */
export function isTokenSource(value: Credentials | TokenSource): value is TokenSource {
  return typeof (value as TokenSource).getToken === 'function';
}
