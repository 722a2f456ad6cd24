/**
 * The outcome of one Management API operation other than create (list, read, update, enabled clients, clients):
 * either the value, or a failure that says what happened, what it means for the tenant and what to do. Failures
 * never contain a secret (every string is scrubbed by the operation runner, operation.ts) and carry the actions a
 * front end may offer. Create keeps its own richer model (outcomes.ts); both read Auth0's answers the same way
 * (refusals.ts).
 */

import type { Auth0ErrorBody, ConflictKind, PropertyReference } from './auth0Errors';
import type { Credentials } from './credentials';
import type { OutcomeSeverity, UncertainCause } from './outcomes';

/**
 * `replace-token` / `edit-credentials`: the credentials were refused or lack a scope; `compare-again`: a write may or
 * may not have been applied, so read the tenant again before anything else; `retry`: nothing was changed and trying
 * again may succeed; `show-problem`: a 400 names a property of the file.
 */
export type ApiAction = 'replace-token' | 'edit-credentials' | 'compare-again' | 'retry' | 'show-problem';

interface FailureBase {
  ok: false;
  /** The tenant's domain. */
  tenant: string;
  /** What was tried, e.g. `update the connection google-social` (for logs and titles). */
  operation: string;
  /** Ready to show: what happened, what it means, what to do. Never contains a secret. */
  userMessage: string;
  severity: OutcomeSeverity;
  actions: ApiAction[];
  /** Requests that reached (or may have reached) the API for this operation. */
  attempts: number;
  status?: number;
  /** Auth0's error body (message scrubbed), when it gave one. */
  auth0Error?: Auth0ErrorBody;
}

export interface UnauthorizedFailure extends FailureBase {
  kind: 'unauthorized';
  credentialKind: Credentials['kind'];
  stage: 'token-endpoint' | 'api';
  refreshed: boolean;
}

export interface ForbiddenFailure extends FailureBase {
  kind: 'forbidden';
  credentialKind: Credentials['kind'];
  stage: 'token-endpoint' | 'api';
  /** The scopes Auth0 named, or the scope the operation needs when it named none (e.g. `read:clients`). */
  missingScopes: string[];
  tenantLimit?: string;
}

/** 404: the connection (or the API path) does not exist. Nothing was changed. */
export interface NotFoundFailure extends FailureBase {
  kind: 'not-found';
}

/** 400: Auth0 refused the request as given. Nothing was changed. */
export interface RejectedFailure extends FailureBase {
  kind: 'rejected';
  status: number;
  message: string;
  errorCode?: string;
  property?: PropertyReference;
}

export interface ConflictFailure extends FailureBase {
  kind: 'conflict';
  conflict: ConflictKind;
}

export interface RateLimitedFailure extends FailureBase {
  kind: 'rate-limited';
  retries: number;
  retryAt?: Date;
}

/** A write that may or may not have been applied (5xx, timeout, dropped, cancelled in flight): compare again. */
export interface UncertainFailure extends FailureBase {
  kind: 'uncertain';
  cause: UncertainCause;
}

/** A read that got no usable answer (5xx, timeout, dropped, unreadable): nothing was changed; try again. */
export interface FailedReadFailure extends FailureBase {
  kind: 'failed-read';
  cause: UncertainCause;
}

/** Cancelled where nothing was (or could be) changed: before sending, while waiting, or during a read. */
export interface CancelledFailure extends FailureBase {
  kind: 'cancelled';
  phase: 'before-sending' | 'rate-limit-wait' | 'during-read';
}

/**
 * Nothing left this machine for this operation: `invalid-config` (domain, override, credentials of another tenant),
 * `token-unavailable`, `unreachable` (connection refused, DNS, TLS).
 */
export interface NotSentFailure extends FailureBase {
  kind: 'not-sent';
  reason: 'invalid-config' | 'token-unavailable' | 'unreachable';
}

/** An answer the Management API does not give to this request (a redirect, an odd status, a looping page token). */
export interface UnexpectedFailure extends FailureBase {
  kind: 'unexpected';
  location?: string;
}

export type ApiFailure =
  | UnauthorizedFailure
  | ForbiddenFailure
  | NotFoundFailure
  | RejectedFailure
  | ConflictFailure
  | RateLimitedFailure
  | UncertainFailure
  | FailedReadFailure
  | CancelledFailure
  | NotSentFailure
  | UnexpectedFailure;

export type ApiFailureKind = ApiFailure['kind'];

export interface ApiSuccess<T> {
  ok: true;
  value: T;
  /** Requests sent for this operation (a rate-limited retry or a token refresh counts). */
  attempts: number;
}

export type ApiResult<T> = ApiSuccess<T> | ApiFailure;

/** A failure with the same facts and a message put in context (e.g. which step of an apply it ended). */
export function withContext<F extends ApiFailure>(failure: F, before: string, after = ''): F {
  return { ...failure, userMessage: `${before}${failure.userMessage}${after}` };
}
