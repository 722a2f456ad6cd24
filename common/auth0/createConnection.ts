/**
 * POST /api/v2/connections on one tenant, with every answer turned into a final outcome (see outcomes.ts). The
 * retry policy (401 refresh once, 429 wait, never retry what may have been processed) is the Management API's
 * (managementApi.ts); this file says what each answer means for a create. Never throws.
 */

import { classifyConflict, parseValidationMessage, type Auth0ErrorBody } from './auth0Errors';
import { asSentence, capitalize, STATUS_TEXT } from './answerText';
import { prepareBody } from './body';
import { formatDuration, CREATE_CONNECTIONS_SCOPE, type Credentials, type TokenFailure, type TokenSource } from './credentials';
import { cutNote, isRecord, parseJson, type HttpResult } from './http';
import { ManagementApi, type ApiExchange, type ApiSettings } from './managementApi';
import type { CreateConnectionOutcome, OutcomeAction, OutcomeSeverity, UncertainCause } from './outcomes';
import { forbiddenByApi, readAnswer, redirectFields, scrubDeep, tokenFailureFields, unauthorizedByApi, type Answer, type Wording } from './refusals';
import { collectSecrets, maskSecrets, redactor } from './redact';
import { formatRetryAt } from './rateLimit';
import { apiTarget, dashboardUrl, type TenantEndpoints } from './tenant';
import { STRATEGIES } from '../strategies';
import { errorMessage } from '../errors';

export { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RATE_LIMIT_RETRIES, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS } from './managementApi';

export interface CreateConnectionRequest extends ApiSettings {
  /** The parsed document (JSON or YAML); `$schema` is removed, the object itself is not modified. */
  body: unknown;
  /**
   * Values of the body that are secrets although no key names them so (a placeholder's value from the environment):
   * masked in every message like the body's secret-named values.
   */
  secrets?: readonly string[];
}

interface Run {
  tenant: string;
  name: string | undefined;
  strategy: string | undefined;
  endpoints: TenantEndpoints | undefined;
  source: TokenSource | undefined;
  /** Masks the body's secrets (every form of each); set once the body is known. */
  redactBody: (text: string) => string;
  attempts: number;
  now: () => number;
}

type Built = CreateConnectionOutcome;
type Specific<K extends Built['kind']> = Omit<Extract<Built, { kind: K }>, 'tenant' | 'connectionName' | 'attempts' | 'severity'> & {
  severity?: OutcomeSeverity;
};

const NOTHING = 'Nothing was created.';

function scrub(run: Run, text: string): string {
  const once = run.redactBody(text);
  return run.source ? run.source.redact(once) : once;
}

function finish<K extends Built['kind']>(run: Run, kind: K, fields: Omit<Specific<K>, 'kind'>): Built {
  const severity: OutcomeSeverity =
    fields.severity ?? (kind === 'created' || kind === 'cancelled' ? 'info' : kind === 'uncertain' ? 'warning' : 'error');
  const outcome = { ...fields, kind, severity, tenant: run.tenant, connectionName: run.name, attempts: run.attempts };
  // Every string of the outcome (messages, Auth0's words, a redirect target) is scrubbed, not only userMessage.
  return scrubDeep((text) => scrub(run, text), outcome) as unknown as Built;
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

function wording(run: Run): Wording {
  return { tenant: run.tenant, nothing: NOTHING, notSent: 'Nothing was sent to create the connection.', refusedTo: `create ${theConnection(run)}`, scope: CREATE_CONNECTIONS_SCOPE };
}

function tokenFailureOutcome(run: Run, failure: TokenFailure, credentialKind: Credentials['kind']): Built {
  if (failure.reason === 'cancelled') return cancelledBeforeSending(run, 'Cancelled before anything was sent to', ';');
  const shared = tokenFailureFields(wording(run), failure, credentialKind, run.attempts);
  switch (shared.kind) {
    case 'unauthorized':
      return finish(run, 'unauthorized', shared.fields);
    case 'forbidden':
      return finish(run, 'forbidden', shared.fields);
    case 'not-sent':
      return finish(run, 'not-sent', shared.fields);
    default: {
      const never: never = shared;
      return never;
    }
  }
}

/** Cancelled before anything (more) was sent: nothing was created. */
function cancelledBeforeSending(run: Run, firstTime = `Cancelled before ${theConnection(run)} was sent to`, separator = ';'): Built {
  return finish(run, 'cancelled', {
    phase: 'before-sending',
    actions: [],
    userMessage:
      run.attempts === 0
        ? `${firstTime} ${run.tenant}${separator} nothing was created.`
        : `Cancelled before retrying; nothing was created on ${run.tenant} (the request sent was refused unprocessed).`,
  });
}

/** Creates the connection described by `request.body` on `request.tenant`. */
export async function createConnection(request: CreateConnectionRequest): Promise<CreateConnectionOutcome> {
  const run: Run = {
    tenant: request.tenant.domain.trim(),
    name: undefined,
    strategy: undefined,
    endpoints: undefined,
    source: undefined,
    redactBody: redactor([]),
    attempts: 0,
    now: request.now ?? Date.now,
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
  const opened = ManagementApi.open(request);
  if (!opened.ok) return finish(run, 'not-sent', { reason: 'invalid-config', actions: [], userMessage: opened.message });
  const api = opened.api;
  run.tenant = api.tenant;
  run.endpoints = api.endpoints;
  run.source = api.source;

  const prepared = prepareBody(request.body);
  if (!prepared.ok) {
    return finish(run, 'not-sent', { reason: 'invalid-body', actions: [], userMessage: `${prepared.message} Nothing was sent to ${run.tenant}.` });
  }
  run.name = prepared.name;
  run.strategy = prepared.strategy;
  run.redactBody = redactor([...collectSecrets(prepared.body), ...(request.secrets ?? [])]);
  const exchange = await api.call({ method: 'POST', path: '/connections', body: JSON.stringify(prepared.body), doing: `Creating ${theConnection(run)}` });
  run.attempts = exchange.attempts;
  return concludeExchange(run, exchange, api.source);
}

function concludeExchange(run: Run, exchange: ApiExchange, source: TokenSource): Built {
  switch (exchange.type) {
    case 'token-failure':
      return tokenFailureOutcome(run, exchange.failure, source.kind);
    case 'cancelled':
      if (exchange.phase === 'before-sending') return cancelledBeforeSending(run);
      return finish(run, 'cancelled', {
        phase: 'rate-limit-wait',
        actions: [],
        status: 429,
        userMessage: `Cancelled while waiting out ${run.tenant}'s rate limit. Nothing was created (the rate-limited request was not processed).`,
      });
    case 'rate-limited':
      return finish(run, 'rate-limited', {
        retries: exchange.retries,
        retryAt: exchange.retryAt,
        status: 429,
        actions: ['retry'],
        userMessage: `${exchange.why} Nothing was created (a rate-limited request is not processed). Try again after ${formatRetryAt(exchange.retryAt, run.now())}.`,
        ...(exchange.auth0Error ? { auth0Error: exchange.auth0Error } : {}),
      });
    case 'answered':
      return concludeResult(run, exchange.result, source, exchange.refreshed);
  }
}

/** The final outcome for an answer that calls for no retry. */
function concludeResult(run: Run, result: HttpResult, source: TokenSource, refreshed: boolean): Built {
  // Where the request went: the tenant, or the override standing in for it (which is what failed, if anything did).
  const target = run.endpoints ? apiTarget(run.endpoints) : run.tenant;
  switch (result.type) {
    case 'cancelled':
      return uncertain(run, 'cancelled-in-flight', `Cancelled after the request was sent to ${target}.`);
    case 'timeout':
      return uncertain(run, 'timeout', `${capitalize(target)} did not answer within ${formatDuration(result.afterMs)}.`);
    case 'network':
      if (result.beforeSending) {
        const advice =
          target !== run.tenant
            ? 'Check that the server at that address is running, or remove the override, then try again.'
            : 'Check the domain and your network, then try again.';
        return finish(run, 'not-sent', {
          reason: 'unreachable',
          actions: ['retry'],
          userMessage: `Could not connect to ${target} (${result.code ?? result.detail}). Nothing was sent, so nothing was created. ${advice}`,
        });
      }
      return uncertain(run, 'network', `The connection to ${target} failed (${result.code ?? result.detail}).`);
    case 'response':
      return concludeResponse(run, readAnswer(result), source, refreshed);
  }
}

function concludeResponse(run: Run, answer: Answer, source: TokenSource, refreshed: boolean): Built {
  const status = answer.status;
  if (status >= 200 && status < 300) return created(run, answer);
  if (status >= 300 && status < 400) return redirected(run, answer);
  const refusal = REFUSALS[status];
  if (refusal) return refusal(run, answer, source, refreshed);
  if (status >= 400 && status < 500) {
    const hint = status === 404 || status === 405 ? ' Check the tenant\'s domain (and the API base URL override, if any).' : '';
    return finish(run, 'unexpected', {
      ...answer.common,
      actions: [],
      userMessage: `${run.tenant} answered POST ${run.endpoints?.apiBaseUrl ?? ''}/connections with ${answer.said}. ${NOTHING}${hint}`,
    });
  }
  return uncertain(run, status >= 500 && status < 600 ? 'server-error' : 'unreadable-response', `${run.tenant} answered ${answer.said}.`, answer.common);
}

function created(run: Run, { status, common, response }: Answer): Built {
  const body = parseJson(response.text);
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') {
    const cut = cutNote(response);
    const why =
      response.text === undefined ? response.readError : cut !== undefined ? `${cut}, so the new connection could not be read` : 'the answer did not contain the new connection';
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

function redirected(run: Run, answer: Answer): Built {
  return finish(run, 'unexpected', { ...redirectFields(wording(run), answer, 'the connection was not created by this request'), actions: [] });
}

type Refusal = (run: Run, answer: Answer, source: TokenSource, refreshed: boolean) => Built;

/** The answers by which Auth0 refuses a create it did not process, each with what to do about it. */
const REFUSALS: Readonly<Record<number, Refusal>> = {
  400: (run, { status, auth0, said, common }) => {
    const message = auth0?.message ?? said;
    const property = parseValidationMessage(message).property;
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
      userMessage: `${run.tenant} rejected ${theConnection(run)}: ${asSentence(message)} ${NOTHING} ${fix}`,
    });
  },
  401: (run, answer, source, refreshed) => finish(run, 'unauthorized', unauthorizedByApi(wording(run), answer, source, refreshed)),
  403: (run, answer, source) => finish(run, 'forbidden', forbiddenByApi(wording(run), answer, source)),
  409: (run, { auth0, said, common }) => {
    const conflict = classifyConflict(auth0?.message);
    const name = run.name ?? '(unnamed)';
    const text: Record<typeof conflict, string> = {
      name: `A connection named ${name} already exists on tenant ${run.tenant}. ${NOTHING} Rename the connection in the file, or change the existing one in the Auth0 Dashboard.`,
      'name-being-deleted': `A connection named ${name} is still being deleted on ${run.tenant}. ${NOTHING} Try again in a few minutes, or use another name.`,
      realms: `Another connection on ${run.tenant} already uses some of the realms listed in "realms" (${said}). ${NOTHING} Change or remove those realms and try again.`,
      'domain-connection': `${run.tenant} already has a domain connection enabled for the strategy ${run.strategy ?? ''} (${said}). ${NOTHING} Set is_domain_connection to false, or turn it off on the other connection, then try again.`,
      other: `${run.tenant} reported a conflict (${said}). ${NOTHING} Resolve the conflict Auth0 names, then try again.`,
    };
    return finish(run, 'conflict', { ...common, conflict, actions: [], userMessage: text[conflict] });
  },
};
