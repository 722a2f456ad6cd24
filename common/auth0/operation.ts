/**
 * One Management API operation other than create, from request to `ApiResult`: the shared retry policy is
 * `ManagementApi.call`'s (401 refresh once, 429 waits, no retry of a write); this file says what every answer means
 * for a read (nothing changed: try again) and for a write (5xx, timeout, drop: may or may not have been applied,
 * compare again). Never throws; every string of a failure is scrubbed of the credentials and the body's secrets.
 */

import { classifyConflict, parseValidationMessage } from './auth0Errors';
import { asSentence, capitalize } from './answerText';
import type { ApiFailure, ApiResult } from './apiResult';
import { formatDuration, type TokenSource } from './credentials';
import type { HttpResult } from './http';
import type { ApiExchange, ManagementApi } from './managementApi';
import type { UncertainCause } from './outcomes';
import { forbiddenByApi, readAnswer, redirectFields, scrubDeep, tokenFailureFields, unauthorizedByApi, type Answer, type Wording } from './refusals';
import { formatRetryAt } from './rateLimit';
import { redactor } from './redact';
import { apiTarget } from './tenant';
import { errorMessage } from '../errors';

export interface Operation<T> {
  method: 'GET' | 'PATCH' | 'POST';
  /** Below the API base, query included. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Progress text: `Reading the connections`. */
  doing: string;
  /** For messages: `read the connections`, `update the connection x`. */
  verb: string;
  /** The scope this needs (named when Auth0 does not name one). */
  scope: string;
  /** Secret values of the body (or of what the answer may echo), scrubbed from every message. */
  secrets?: readonly string[];
  /** The message for a 404 (what does not exist, and what to do). */
  notFound?: string;
  /** The value of a 2xx answer, or undefined when the answer is not what this operation expects. */
  read: (answer: Answer) => T | undefined;
}

interface Context {
  api: ManagementApi;
  operation: Operation<unknown>;
  write: boolean;
  attempts: number;
}

const NOTHING = 'Nothing was changed.';

function wording(c: Context): Wording {
  return { tenant: c.api.tenant, nothing: NOTHING, notSent: 'Nothing was sent.', refusedTo: c.operation.verb, scope: c.operation.scope };
}

/** The failure of `kind` with the fields every failure has, every string scrubbed. */
function fail<K extends ApiFailure['kind']>(c: Context, kind: K, fields: Omit<Extract<ApiFailure, { kind: K }>, 'ok' | 'kind' | 'tenant' | 'operation' | 'attempts' | 'severity'>): ApiFailure {
  const severity = kind === 'cancelled' ? 'info' : kind === 'uncertain' ? 'warning' : 'error';
  const failure = { ...fields, ok: false, kind, severity, tenant: c.api.tenant, operation: c.operation.verb, attempts: c.attempts };
  // The forms of each secret built once for every string of the failure (a large secret takes ms to encode).
  const scrubSecrets = redactor(c.operation.secrets ?? []);
  const scrub = (text: string) => c.api.redact(scrubSecrets(text));
  return scrubDeep(scrub, failure) as ApiFailure;
}

/** Runs `operation` on `api`; never throws. */
export async function runOperation<T>(api: ManagementApi, operation: Operation<T>): Promise<ApiResult<T>> {
  const c: Context = { api, operation: operation as Operation<unknown>, write: operation.method !== 'GET', attempts: 0 };
  try {
    const body = operation.body === undefined ? {} : { body: JSON.stringify(operation.body) };
    const exchange = await api.call({ method: operation.method, path: operation.path, doing: operation.doing, ...body });
    c.attempts = exchange.attempts;
    return concludeExchange(c, exchange, operation);
  } catch (error) {
    // Only a bug can land here; say what is known rather than throw.
    const happened = `An internal error occurred (${errorMessage(error)}).`;
    if (c.attempts === 0) return fail(c, 'not-sent', { reason: 'invalid-config', actions: [], userMessage: `${happened} Nothing was sent to ${api.tenant}.` });
    return noAnswer(c, 'network', happened);
  }
}

function concludeExchange<T>(c: Context, exchange: ApiExchange, operation: Operation<T>): ApiResult<T> {
  switch (exchange.type) {
    case 'token-failure': {
      if (exchange.failure.reason === 'cancelled') return cancelled(c, 'before-sending');
      const shared = tokenFailureFields(wording(c), exchange.failure, c.api.source.kind, c.attempts);
      if (shared.kind === 'forbidden') return fail(c, 'forbidden', { ...shared.fields, missingScopes: shared.fields.missingScopes ?? [operation.scope] });
      return shared.kind === 'unauthorized' ? fail(c, 'unauthorized', shared.fields) : fail(c, 'not-sent', shared.fields);
    }
    case 'cancelled':
      return cancelled(c, exchange.phase);
    case 'rate-limited':
      return fail(c, 'rate-limited', {
        retries: exchange.retries,
        retryAt: exchange.retryAt,
        status: 429,
        actions: ['retry'],
        userMessage: `${exchange.why} ${NOTHING} (a rate-limited request is not processed). Try again after ${formatRetryAt(exchange.retryAt, c.api.now())}.`,
        ...(exchange.auth0Error ? { auth0Error: exchange.auth0Error } : {}),
      });
    case 'answered':
      return concludeResult(c, exchange.result, operation, exchange.refreshed);
    default: {
      const never: never = exchange;
      return never;
    }
  }
}

function cancelled(c: Context, phase: 'before-sending' | 'rate-limit-wait' | 'during-read'): ApiFailure {
  const when = phase === 'before-sending' ? 'before anything was sent' : phase === 'rate-limit-wait' ? 'while waiting out the rate limit' : 'while reading';
  return fail(c, 'cancelled', { phase, actions: [], userMessage: `Cancelled ${when}: could not ${c.operation.verb} on ${c.api.tenant}. ${NOTHING}` });
}

/** No usable answer: a read changed nothing (try again); a write may or may not have been applied. */
function noAnswer(c: Context, cause: UncertainCause, happened: string, extra: { status?: number } = {}): ApiFailure {
  if (!c.write) {
    return fail(c, 'failed-read', { cause, actions: ['retry'], userMessage: `${happened} Could not ${c.operation.verb} on ${c.api.tenant}. ${NOTHING} Try again.`, ...extra });
  }
  return fail(c, 'uncertain', {
    cause,
    actions: ['compare-again'],
    userMessage:
      `${happened} The request to ${c.operation.verb} may or may not have been applied on ${c.api.tenant}: compare again before trying again. ` +
      `It was not retried automatically, because the request may have been processed.`,
    ...extra,
  });
}

function concludeResult<T>(c: Context, result: HttpResult, operation: Operation<T>, refreshed: boolean): ApiResult<T> {
  // Where the request went: the tenant, or the override standing in for it (which is what failed, if anything did).
  const target = apiTarget(c.api.endpoints);
  switch (result.type) {
    case 'cancelled':
      return c.write ? noAnswer(c, 'cancelled-in-flight', `Cancelled after the request was sent to ${target}.`) : cancelled(c, 'during-read');
    case 'timeout':
      return noAnswer(c, 'timeout', `${capitalize(target)} did not answer within ${formatDuration(result.afterMs)}.`);
    case 'network':
      if (result.beforeSending) {
        const advice =
          target !== c.api.tenant
            ? 'Check that the server at that address is running, or remove the override, then try again.'
            : 'Check the domain and your network, then try again.';
        return fail(c, 'not-sent', {
          reason: 'unreachable',
          actions: ['retry'],
          userMessage: `Could not connect to ${target} (${result.code ?? result.detail}). ${NOTHING} ${advice}`,
        });
      }
      return noAnswer(c, 'network', `The connection to ${target} failed (${result.code ?? result.detail}).`);
    case 'response':
      return concludeResponse(c, readAnswer(result), operation, refreshed);
    default: {
      const never: never = result;
      return never;
    }
  }
}

function concludeResponse<T>(c: Context, answer: Answer, operation: Operation<T>, refreshed: boolean): ApiResult<T> {
  const status = answer.status;
  if (status >= 200 && status < 300) return succeeded(c, answer, operation);
  if (status >= 300 && status < 400) return fail(c, 'unexpected', { ...redirectFields(wording(c), answer, 'nothing was changed by this request'), actions: [] });
  const source: TokenSource = c.api.source;
  switch (status) {
    case 400:
      return rejected(c, answer);
    case 401:
      return fail(c, 'unauthorized', unauthorizedByApi(wording(c), answer, source, refreshed));
    case 403: {
      const fields = forbiddenByApi(wording(c), answer, source);
      return fail(c, 'forbidden', { ...fields, missingScopes: fields.missingScopes ?? [operation.scope] });
    }
    case 404:
      return fail(c, 'not-found', {
        ...answer.common,
        actions: [],
        userMessage: `${operation.notFound ?? `${tenant(c)} answered ${answer.said} to the request to ${operation.verb}.`} ${NOTHING}`,
      });
    case 409:
      return fail(c, 'conflict', { ...answer.common, conflict: classifyConflict(answer.auth0?.message), actions: [], userMessage: `${tenant(c)} reported a conflict (${answer.said}). ${NOTHING}` });
    default:
      break;
  }
  if (status >= 400 && status < 500) {
    return fail(c, 'unexpected', { ...answer.common, actions: [], userMessage: `${tenant(c)} answered ${answer.said} to the request to ${operation.verb}. ${NOTHING}` });
  }
  return noAnswer(c, status >= 500 && status < 600 ? 'server-error' : 'unreadable-response', `${tenant(c)} answered ${answer.said}.`, answer.common);
}

function tenant(c: Context): string {
  return c.api.tenant;
}

function succeeded<T>(c: Context, answer: Answer, operation: Operation<T>): ApiResult<T> {
  const value = operation.read(answer);
  if (value !== undefined) return { ok: true, value, attempts: c.attempts };
  const why = answer.response.text === undefined ? answer.response.readError : 'the answer was not what this request returns';
  if (!c.write) return noAnswer(c, 'unreadable-response', `${tenant(c)} answered ${answer.status}, but ${why}.`, answer.common);
  return fail(c, 'uncertain', {
    ...answer.common,
    cause: 'unreadable-response',
    actions: ['compare-again'],
    userMessage: `${tenant(c)} answered ${answer.status} to the request to ${operation.verb}, but ${why}: it was probably applied. Compare again to see the tenant's state.`,
  });
}

function rejected(c: Context, { status, auth0, said, common }: Answer): ApiFailure {
  const message = auth0?.message ?? said;
  const property = parseValidationMessage(message).property;
  return fail(c, 'rejected', {
    ...common,
    status,
    message,
    ...(auth0?.errorCode ? { errorCode: auth0.errorCode } : {}),
    ...(property ? { property } : {}),
    actions: property ? ['show-problem'] : [],
    userMessage: `${tenant(c)} refused to ${c.operation.verb}: ${asSentence(message)} ${NOTHING}${property ? ` Fix ${property.propertyPath} in the file and try again.` : ''}`,
  });
}
