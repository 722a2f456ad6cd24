/**
 * POST /api/v2/connections on one tenant, with every answer turned into a final outcome (see outcomes.ts).
 *
 * Retry policy, the heart of "nothing lost, nothing created twice":
 *   - 401 with client credentials: one fresh token and one retry (Auth0 did not process a request it refused);
 *   - 429: wait as the headers say (bounded), then retry, a bounded number of times (not processed either);
 *   - 5xx, timeouts, dropped connections, unreadable answers: never retried; the outcome says the connection may
 *     or may not exist and how to check;
 *   - connection refused / DNS / TLS failures: nothing left this machine, so "not sent".
 * Requests go only to the tenant's configured endpoints; redirects are not followed. Never throws.
 */

import { classifyConflict, isTenantLimitMessage, parseMissingScopes, parseValidationMessage, readAuth0Error, type Auth0ErrorBody } from './auth0Errors';
import { prepareBody } from './body';
import {
  createTokenSource,
  formatDuration,
  isTokenSource,
  CREATE_CONNECTIONS_SCOPE,
  type Credentials,
  type TokenFailure,
  type TokenSource,
} from './credentials';
import { defaultSleep, isRecord, parseJson, sendHttp, type FetchLike, type HttpResult, type Sleep } from './http';
import type {
  CreateConnectionOutcome,
  CreateProgress,
  OutcomeAction,
  OutcomeSeverity,
  UncertainCause,
} from './outcomes';
import { countdown, rateLimitWait } from './rateLimit';
import { collectSecrets, maskSecrets, redact } from './redact';
import { dashboardUrl, endpointsFor, type TenantConfig, type TenantEndpoints } from './tenant';
import { STRATEGIES } from '../strategies';
import { errorMessage } from '../errors';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 3;
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface CreateConnectionRequest {
  /** The tenant: its domain and optional loopback overrides (validated here again). */
  tenant: TenantConfig;
  /** Credentials, or a token source kept by the caller so that its cached token is reused across creates. */
  credentials: Credentials | TokenSource;
  /** The parsed document (JSON or YAML); `$schema` is removed, the object itself is not modified. */
  body: unknown;
  /** Per HTTP request (token and create), default 30 s. */
  timeoutMs?: number;
  /** Cancels: before sending and while waiting out a rate limit, nothing is created; in flight, the outcome is uncertain. */
  signal?: AbortSignal;
  onProgress?: (progress: CreateProgress) => void;
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

interface Run {
  tenant: string;
  name: string | undefined;
  strategy: string | undefined;
  endpoints: TenantEndpoints | undefined;
  source: TokenSource | undefined;
  bodySecrets: string[];
  attempts: number;
}

type Built = CreateConnectionOutcome;
type Specific<K extends Built['kind']> = Omit<Extract<Built, { kind: K }>, 'tenant' | 'connectionName' | 'attempts' | 'severity'> & {
  severity?: OutcomeSeverity;
};

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function safeCall<A extends unknown[]>(callback: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    callback?.(...args);
  } catch {
    // A front end's progress callback must not break the request.
  }
}

function scrub(run: Run, text: string): string {
  const once = redact(text, run.bodySecrets);
  return run.source ? run.source.redact(once) : once;
}

function finish<K extends Built['kind']>(run: Run, kind: K, fields: Omit<Specific<K>, 'kind'>): Built {
  const severity: OutcomeSeverity =
    fields.severity ?? (kind === 'created' || kind === 'cancelled' ? 'info' : kind === 'uncertain' ? 'warning' : 'error');
  const outcome = { ...fields, kind, severity, tenant: run.tenant, connectionName: run.name, attempts: run.attempts };
  // Every string of the outcome (messages, Auth0's words, a redirect target) is scrubbed, not only userMessage.
  return scrubDeep(run, outcome) as unknown as Built;
}

function scrubDeep(run: Run, value: unknown): unknown {
  if (typeof value === 'string') return scrub(run, value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(run, item));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, scrubDeep(run, child)]));
  }
  return value;
}

/** `the connection NAME` / `the connection`. */
function theConnection(run: Run): string {
  return run.name === undefined ? 'the connection' : `the connection ${run.name}`;
}

function checkUrl(run: Run): string {
  const base = run.endpoints?.apiBaseUrl ?? `https://${run.tenant}/api/v2`;
  return `${base}/connections?name=${encodeURIComponent(run.name ?? '')}`;
}

function connectionsDashboard(run: Run): string | undefined {
  const base = dashboardUrl(run.tenant);
  if (base === undefined) return undefined;
  const kind = run.strategy !== undefined ? STRATEGIES[run.strategy]?.kind : undefined;
  return `${base}connections${kind ? `/${kind}` : ''}`;
}

/** `503 Service Unavailable: message` for messages; Auth0's own words when it gave them. */
function answer(status: number, auth0: Auth0ErrorBody | undefined, text: string | undefined): string {
  const head = `${status} ${auth0?.error ?? STATUS_TEXT[status] ?? ''}`.trim();
  if (auth0?.message && auth0.message !== auth0.error) return `${head}: ${auth0.message}`;
  if (auth0?.message) return head;
  const snippet = text?.replace(/\s+/g, ' ').trim().slice(0, 160);
  return snippet && !snippet.startsWith('<') ? `${head}: ${snippet}` : head;
}

function uncertain(
  run: Run,
  cause: UncertainCause,
  happened: string,
  extra: { status?: number; auth0Error?: Auth0ErrorBody } = {},
  meaning = `${capitalize(theConnection(run))} may or may not have been created on ${run.tenant}`,
): Built {
  const dashboard = connectionsDashboard(run);
  const fields: Omit<Specific<'uncertain'>, 'kind'> = {
    cause,
    checkUrl: checkUrl(run),
    actions: ['check-existing'],
    userMessage:
      `${happened} ${meaning}; ` +
      `check the Auth0 Dashboard${dashboard ? ` (${dashboard})` : ''} or GET ${checkUrl(run)} before trying again. ` +
      `It was not retried automatically, because the request may have been processed.`,
    ...extra,
  };
  if (dashboard !== undefined) fields.dashboardUrl = dashboard;
  return finish(run, 'uncertain', fields);
}

function tokenFailureOutcome(run: Run, failure: TokenFailure, credentialKind: Credentials['kind']): Built {
  const actionsFor = (): OutcomeAction[] => (credentialKind === 'access-token' ? ['replace-token'] : ['edit-credentials']);
  const status = failure.status !== undefined ? { status: failure.status } : {};
  switch (failure.reason) {
    case 'cancelled':
      return finish(run, 'cancelled', {
        phase: 'before-sending',
        actions: [],
        userMessage:
          run.attempts === 0
            ? `Cancelled before anything was sent to ${run.tenant}; nothing was created.`
            : `Cancelled before retrying; nothing was created on ${run.tenant} (the request sent was refused unprocessed).`,
      });
    case 'refused':
      return finish(run, 'unauthorized', {
        credentialKind,
        stage: 'token-endpoint',
        refreshed: false,
        actions: actionsFor(),
        userMessage: `${failure.problem} Nothing was created. ${failure.advice}`.trim(),
        ...status,
      });
    case 'not-authorized':
      return finish(run, 'forbidden', {
        credentialKind,
        stage: 'token-endpoint',
        missingScopes: [CREATE_CONNECTIONS_SCOPE],
        actions: actionsFor(),
        userMessage: `${failure.problem} Nothing was created. ${failure.advice}`.trim(),
        ...status,
      });
    default:
      return finish(run, 'not-sent', {
        reason: 'token-unavailable',
        actions: ['retry'],
        userMessage:
          `Could not get a Management API token for ${run.tenant}: ${failure.problem} ` +
          `${run.attempts === 0 ? 'Nothing was sent to create the connection.' : 'Nothing was created.'} ${failure.advice}`.trim(),
        ...status,
      });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Creates the connection described by `request.body` on `request.tenant`; see the file comment for the policy. */
export async function createConnection(request: CreateConnectionRequest): Promise<CreateConnectionOutcome> {
  const run: Run = {
    tenant: request.tenant.domain.trim(),
    name: undefined,
    strategy: undefined,
    endpoints: undefined,
    source: undefined,
    bodySecrets: [],
    attempts: 0,
  };
  try {
    return await execute(request, run);
  } catch (error) {
    // Only a bug can land here; say what is known rather than throw.
    const detail = errorMessage(error);
    if (run.attempts === 0) {
      return finish(run, 'not-sent', {
        reason: 'invalid-config',
        actions: [],
        userMessage: `Nothing was sent to ${run.tenant}: an internal error occurred (${detail}). Nothing was created.`,
      });
    }
    return uncertain(run, 'network', `An internal error occurred after sending the request (${detail}).`);
  }
}

async function execute(request: CreateConnectionRequest, run: Run): Promise<CreateConnectionOutcome> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn: FetchLike = request.fetch ?? ((url, init) => fetch(url, init));
  const sleep = request.sleep ?? defaultSleep;
  const now = request.now ?? Date.now;
  const maxRetries = request.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
  const maxWaitMs = (request.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS) * 1000;
  const signal = request.signal;

  const resolved = endpointsFor(request.tenant);
  if (!resolved.ok) {
    return finish(run, 'not-sent', { reason: 'invalid-config', actions: [], userMessage: `${resolved.message} Nothing was sent.` });
  }
  const endpoints = resolved.endpoints;
  run.tenant = endpoints.domain;
  run.endpoints = endpoints;

  const credentials = request.credentials;
  const source = isTokenSource(credentials) ? credentials : createTokenSource(credentials, endpoints, { fetch: fetchFn, now, timeoutMs });
  run.source = source;
  if (source.domain !== endpoints.domain) {
    return finish(run, 'not-sent', {
      reason: 'invalid-config',
      actions: [],
      userMessage: `The credentials given belong to ${source.domain}, not to ${endpoints.domain}; they are sent only to their own tenant. Nothing was sent.`,
    });
  }

  const prepared = prepareBody(request.body);
  if (!prepared.ok) {
    return finish(run, 'not-sent', { reason: 'invalid-body', actions: [], userMessage: `${prepared.message} Nothing was sent to ${run.tenant}.` });
  }
  run.name = prepared.name;
  run.strategy = prepared.strategy;
  run.bodySecrets = collectSecrets(prepared.body);
  const payload = JSON.stringify(prepared.body);
  const url = `${endpoints.apiBaseUrl}/connections`;
  const cancelledBeforeSending = () =>
    finish(run, 'cancelled', {
      phase: 'before-sending',
      actions: [],
      userMessage:
        run.attempts === 0
          ? `Cancelled before ${theConnection(run)} was sent to ${run.tenant}; nothing was created.`
          : `Cancelled before retrying; nothing was created on ${run.tenant} (the request sent was refused unprocessed).`,
    });

  let refreshed = false;
  let retries = 0;
  for (;;) {
    if (signal?.aborted) return cancelledBeforeSending();
    if (source.kind === 'client-credentials') {
      safeCall(request.onProgress, { stage: 'getting-token', message: `Getting a Management API token from ${run.tenant}…` });
    }
    const token = await source.getToken({ signal, timeoutMs });
    if (!token.ok) return tokenFailureOutcome(run, token.failure, source.kind);
    if (signal?.aborted) return cancelledBeforeSending();

    safeCall(request.onProgress, {
      stage: 'sending',
      attempt: run.attempts + 1,
      message: `Creating ${theConnection(run)} on ${run.tenant}…`,
    });
    const result = await sendHttp(
      {
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: payload,
      },
      { fetch: fetchFn, timeoutMs, signal },
    );
    if (!(result.type === 'network' && result.beforeSending)) {
      run.attempts++;
    }

    if (result.type === 'response' && result.status === 401 && source.canRefresh && !refreshed) {
      refreshed = true;
      source.invalidate();
      safeCall(request.onProgress, { stage: 'refreshing-token', message: `${run.tenant} refused the token; getting a fresh one…` });
      continue;
    }
    if (result.type === 'response' && result.status === 429) {
      const wait = rateLimitWait(result.headers, now());
      const auth0 = readAuth0Error(result.text);
      const retryAt = new Date(now() + wait.ms);
      const limited = (why: string) =>
        finish(run, 'rate-limited', {
          retries,
          retryAt,
          status: 429,
          actions: ['retry'],
          userMessage: `${why} Nothing was created (a rate-limited request is not processed). Try again after ${retryAt.toISOString().slice(11, 19)} UTC.`,
          ...(auth0 ? { auth0Error: auth0 } : {}),
        });
      if (retries >= maxRetries) {
        return limited(`${run.tenant} is still rate-limiting Management API requests (429 Too Many Requests) after ${retries} ${retries === 1 ? 'retry' : 'retries'}.`);
      }
      if (wait.ms > maxWaitMs) {
        return limited(
          `${run.tenant} is rate-limiting Management API requests (429 Too Many Requests) and asks to wait ${Math.ceil(wait.ms / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s this waits.`,
        );
      }
      retries++;
      const attempt = retries;
      const waited = await countdown(wait.ms, sleep, signal, (secondsLeft) => {
        safeCall(request.onRateLimitWait, secondsLeft, attempt);
        safeCall(request.onProgress, {
          stage: 'rate-limited',
          waitSeconds: secondsLeft,
          retry: attempt,
          message: `${run.tenant} is rate-limiting requests; retrying in ${secondsLeft} s (retry ${attempt} of ${maxRetries})…`,
        });
      });
      if (!waited) {
        return finish(run, 'cancelled', {
          phase: 'rate-limit-wait',
          actions: [],
          status: 429,
          userMessage: `Cancelled while waiting out ${run.tenant}'s rate limit. Nothing was created (the rate-limited request was not processed).`,
        });
      }
      continue;
    }
    return conclude(run, result, source, refreshed);
  }
}

/** The final outcome for an answer that calls for no retry. */
function conclude(run: Run, result: HttpResult, source: TokenSource, refreshed: boolean): Built {
  switch (result.type) {
    case 'cancelled':
      return uncertain(run, 'cancelled-in-flight', `Cancelled after the request was sent to ${run.tenant}.`);
    case 'timeout':
      return uncertain(run, 'timeout', `${run.tenant} did not answer within ${formatDuration(result.afterMs)}.`);
    case 'network':
      if (result.beforeSending) {
        return finish(run, 'not-sent', {
          reason: 'unreachable',
          actions: ['retry'],
          userMessage: `Could not connect to ${run.tenant} (${result.code ?? result.detail}). Nothing was sent, so nothing was created. Check the domain and your network, then try again.`,
        });
      }
      return uncertain(run, 'network', `The connection to ${run.tenant} failed (${result.code ?? result.detail}).`);
    case 'response':
      break;
  }
  const status = result.status;
  const auth0 = readAuth0Error(result.text);
  const said = answer(status, auth0, result.text);
  const common = { status, ...(auth0 ? { auth0Error: auth0 } : {}) };

  if (status >= 200 && status < 300) {
    const body = parseJson(result.text);
    if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') {
      const why = result.text === undefined ? result.readError : 'the answer did not contain the new connection';
      return uncertain(
        run,
        'unreadable-response',
        `${run.tenant} answered ${status} ${STATUS_TEXT[status] ?? ''}, but ${why}.`.replace(' ,', ','),
        common,
        `${capitalize(theConnection(run))} was probably created on ${run.tenant}, but its id is unknown`,
      );
    }
    const name = typeof body.name === 'string' ? body.name : (run.name ?? '');
    const strategy = typeof body.strategy === 'string' ? body.strategy : (run.strategy ?? '');
    const dashboard = connectionsDashboard(run);
    const actions: OutcomeAction[] = ['copy-id', ...(dashboard ? (['open-dashboard'] as const) : []), 'show-response'];
    return finish(run, 'created', {
      id: body.id,
      name,
      strategy,
      connection: maskSecrets(body),
      actions,
      status,
      userMessage: `Created connection ${name} (${body.id}) on ${run.tenant}.`,
      ...(dashboard ? { dashboardUrl: dashboard } : {}),
    });
  }
  if (status >= 300 && status < 400) {
    const location = result.headers.get('location') ?? undefined;
    return finish(run, 'unexpected', {
      ...common,
      ...(location !== undefined ? { location } : {}),
      actions: [],
      userMessage:
        `${run.tenant} answered with a redirect (${status}${location ? ` to ${location}` : ''}), which was not followed: ` +
        `requests go only to the configured tenant. The Management API does not redirect this request, so the domain ` +
        `or base URL is probably wrong; the connection was not created by this request. Check the tenant's domain.`,
    });
  }
  const nothing = 'Nothing was created.';
  switch (status) {
    case 400: {
      const message = auth0?.message ?? said;
      const parsed = parseValidationMessage(message);
      const property = parsed.property;
      const fix = !property
        ? 'Fix the file and try again.'
        : property.missing
          ? `Add ${property.propertyPath} to the file and try again.`
          : property.unknown
            ? `Remove or rename ${property.propertyPath} (Auth0 does not accept it there) and try again.`
            : `Fix ${property.propertyPath} in the file and try again.`;
      return finish(run, 'rejected', {
        ...common,
        status,
        message,
        ...(auth0?.errorCode ? { errorCode: auth0.errorCode } : {}),
        ...(property ? { property, propertyPath: property.propertyPath, path: property.path } : {}),
        actions: property ? ['show-problem'] : [],
        userMessage: `${run.tenant} rejected ${theConnection(run)}: ${message} ${nothing} ${fix}`,
      });
    }
    case 401:
      if (source.kind === 'access-token') {
        return finish(run, 'unauthorized', {
          ...common,
          credentialKind: 'access-token',
          stage: 'api',
          refreshed: false,
          actions: ['replace-token'],
          userMessage: `${run.tenant} refused the access token (${said}): the token is invalid or expired. ${nothing} Replace the token and try again.`,
        });
      }
      return finish(run, 'unauthorized', {
        ...common,
        credentialKind: 'client-credentials',
        stage: 'api',
        refreshed,
        actions: ['edit-credentials'],
        userMessage:
          `The application's credentials were refused: ${run.tenant} answered ${said}${refreshed ? ' even with a freshly issued token' : ''}. ${nothing} ` +
          `Check that the application ${source.clientId ?? ''} is authorized for the Auth0 Management API of ${run.tenant} and that its credentials are current, then try again.`,
      });
    case 403: {
      const message = auth0?.message ?? '';
      const missingScopes = parseMissingScopes(message);
      if (missingScopes) {
        // A grant added in the dashboard only shows in a new token.
        source.invalidate();
        const scopes = missingScopes.join(' or ');
        const todo =
          source.kind === 'client-credentials'
            ? `Grant ${scopes} to the application ${source.clientId ?? ''} in the Auth0 Dashboard (Applications > APIs > Auth0 Management API > Machine To Machine Applications), then try again.`
            : `Use an access token that includes ${scopes}, then try again.`;
        return finish(run, 'forbidden', {
          ...common,
          credentialKind: source.kind,
          stage: 'api',
          missingScopes,
          actions: source.kind === 'access-token' ? ['replace-token'] : ['edit-credentials'],
          userMessage: `The credentials for ${run.tenant} lack the scope ${scopes} (${said}). ${nothing} ${todo}`,
        });
      }
      if (message !== '' && isTenantLimitMessage(message)) {
        return finish(run, 'forbidden', {
          ...common,
          credentialKind: source.kind,
          stage: 'api',
          tenantLimit: message,
          actions: [],
          userMessage: `${run.tenant} refused to create ${theConnection(run)}: ${message} ${nothing} Delete a connection you no longer need or raise the tenant's limit (plan), then try again.`,
        });
      }
      return finish(run, 'forbidden', {
        ...common,
        credentialKind: source.kind,
        stage: 'api',
        actions: [],
        userMessage: `${run.tenant} refused to create ${theConnection(run)} (${said}). ${nothing} Check the permissions of the credentials used for this tenant.`,
      });
    }
    case 409: {
      const conflict = classifyConflict(auth0?.message);
      const name = run.name ?? '(unnamed)';
      const text: Record<typeof conflict, string> = {
        name: `A connection named ${name} already exists on tenant ${run.tenant}. ${nothing} Rename the connection in the file, or change the existing one in the Auth0 Dashboard.`,
        'name-being-deleted': `A connection named ${name} is still being deleted on ${run.tenant}. ${nothing} Try again in a few minutes, or use another name.`,
        realms: `Another connection on ${run.tenant} already uses some of the realms listed in "realms" (${said}). ${nothing} Change or remove those realms and try again.`,
        'domain-connection': `${run.tenant} already has a domain connection enabled for the strategy ${run.strategy ?? ''} (${said}). ${nothing} Set is_domain_connection to false, or turn it off on the other connection, then try again.`,
        other: `${run.tenant} reported a conflict (${said}). ${nothing} Resolve the conflict Auth0 names, then try again.`,
      };
      return finish(run, 'conflict', { ...common, conflict, actions: [], userMessage: text[conflict] });
    }
  }
  if (status >= 400 && status < 500) {
    const hint = status === 404 || status === 405 ? ' Check the tenant\'s domain (and the API base URL override, if any).' : '';
    return finish(run, 'unexpected', {
      ...common,
      actions: [],
      userMessage: `${run.tenant} answered POST ${run.endpoints?.apiBaseUrl ?? ''}/connections with ${said}. ${nothing}${hint}`,
    });
  }
  return uncertain(
    run,
    status >= 500 && status < 600 ? 'server-error' : 'unreadable-response',
    `${run.tenant} answered ${said}.`,
    common,
  );
}
