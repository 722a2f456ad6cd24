/**
 * What `createConnection` can end in. Each outcome is final (nothing left to retry automatically) and carries a
 * `userMessage` that says what happened, what it means for the tenant and what to do, with no secret in it, plus
 * the suggested actions a front end may offer as buttons. The editor command and the CLI both render these.
 */

import type { Auth0ErrorBody, ConflictKind, PathSegment, PropertyReference } from './auth0Errors';
import type { Credentials } from './credentials';
import type { ApiProgress } from './managementApi';

/** How a front end should present the outcome: information, warning (uncertain), or error. */
export type OutcomeSeverity = 'info' | 'warning' | 'error';

/**
 * Actions worth offering: `copy-id` / `open-dashboard` / `show-response` (created), `show-problem` (400 naming a
 * property), `replace-token` (pasted token refused or lacking scope), `edit-credentials` (client ID/secret refused
 * or application not authorized), `check-existing` (open the dashboard / GET ?name= after an uncertain outcome),
 * `retry` (nothing was created and trying again may succeed).
 */
export type OutcomeAction =
  | 'copy-id'
  | 'open-dashboard'
  | 'show-response'
  | 'show-problem'
  | 'replace-token'
  | 'edit-credentials'
  | 'check-existing'
  | 'retry';

interface OutcomeBase {
  /** The tenant's domain. */
  tenant: string;
  /** The `name` of the body, when it has one. */
  connectionName: string | undefined;
  /** Ready to show: what happened, what it means, what to do. Never contains a secret. */
  userMessage: string;
  severity: OutcomeSeverity;
  actions: OutcomeAction[];
  /** How many POST /connections requests were sent (0: nothing reached the API). */
  attempts: number;
  /** HTTP status of the last answer, when there was one. */
  status?: number;
  /** Auth0's error body of the last answer (message redacted), when it gave one. */
  auth0Error?: Auth0ErrorBody;
}

export interface CreatedOutcome extends OutcomeBase {
  kind: 'created';
  id: string;
  name: string;
  strategy: string;
  /** Auth0's answer with the secrets in `options` masked (see `maskSecrets`). */
  connection: Record<string, unknown>;
  /** The tenant's page in the Auth0 Dashboard, when the domain is a canonical `*.auth0.com` one. */
  dashboardUrl?: string;
}

export interface RejectedOutcome extends OutcomeBase {
  kind: 'rejected';
  status: number;
  /** Auth0's message as given (redacted). */
  message: string;
  errorCode?: string;
  /** The property the message names (e.g. `options.attributes`), for a diagnostic at that place. */
  propertyPath?: string;
  path?: PathSegment[];
  property?: PropertyReference;
}

export interface UnauthorizedOutcome extends OutcomeBase {
  kind: 'unauthorized';
  credentialKind: Credentials['kind'];
  /** `token-endpoint`: the client ID/secret were refused; `api`: the Management API refused the token. */
  stage: 'token-endpoint' | 'api';
  /** True when a fresh token was fetched and refused too. */
  refreshed: boolean;
}

export interface ForbiddenOutcome extends OutcomeBase {
  kind: 'forbidden';
  credentialKind: Credentials['kind'];
  /** `token-endpoint`: the application is not authorized for the Management API at all. */
  stage: 'token-endpoint' | 'api';
  /** The scopes Auth0 says are expected (e.g. `create:connections`). */
  missingScopes?: string[];
  /** The tenant limit Auth0 names, as it words it. */
  tenantLimit?: string;
}

export interface ConflictOutcome extends OutcomeBase {
  kind: 'conflict';
  conflict: ConflictKind;
}

export interface RateLimitedOutcome extends OutcomeBase {
  kind: 'rate-limited';
  /** Retries made after waiting (0 when the asked wait was longer than allowed). */
  retries: number;
  /** When Auth0 said the limit resets, when it said. */
  retryAt?: Date;
}

export type UncertainCause = 'server-error' | 'timeout' | 'network' | 'unreadable-response' | 'cancelled-in-flight';

export interface UncertainOutcome extends OutcomeBase {
  kind: 'uncertain';
  cause: UncertainCause;
  /** GET this (with a token) to see whether the connection exists: `{api}/connections?name=NAME`. */
  checkUrl: string;
  dashboardUrl?: string;
}

export interface CancelledOutcome extends OutcomeBase {
  kind: 'cancelled';
  /** Both phases guarantee nothing was created (a cancel while the POST is in flight is `uncertain`). */
  phase: 'before-sending' | 'rate-limit-wait';
}

/**
 * Nothing was created: the request never left this machine, or (token-unavailable after a 401) the only request
 * sent was refused unprocessed. Safe to try again once the cause is fixed.
 */
export interface NotSentOutcome extends OutcomeBase {
  kind: 'not-sent';
  /**
   * `invalid-config`: bad domain, refused override, credentials of another tenant; `invalid-body`: the document is
   * not an object; `token-unavailable`: no token could be obtained (network, timeout, odd answer); `unreachable`:
   * the API could not be connected to (refused, DNS, TLS), so no request left this machine.
   */
  reason: 'invalid-config' | 'invalid-body' | 'token-unavailable' | 'unreachable';
}

export interface UnexpectedOutcome extends OutcomeBase {
  kind: 'unexpected';
  status: number;
  /** The `Location` of a redirect, which was not followed. */
  location?: string;
}

export type CreateConnectionOutcome =
  | CreatedOutcome
  | RejectedOutcome
  | UnauthorizedOutcome
  | ForbiddenOutcome
  | ConflictOutcome
  | RateLimitedOutcome
  | UncertainOutcome
  | CancelledOutcome
  | NotSentOutcome
  | UnexpectedOutcome;

export type OutcomeKind = CreateConnectionOutcome['kind'];

/** True when the outcome guarantees that this call created nothing on the tenant. */
export function nothingCreated(outcome: CreateConnectionOutcome): boolean {
  return outcome.kind !== 'created' && outcome.kind !== 'uncertain';
}

/** Progress reports, e.g. for a notification's text (every Management API request reports the same stages). */
export type CreateProgress = ApiProgress;
