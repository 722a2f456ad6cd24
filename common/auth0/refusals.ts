/**
 * What Auth0's answers mean, shared by every Management API operation (create, list, read, update, enabled clients):
 * reading an answer once, the refusals that do not depend on the operation (401, 403, a token that could not be had,
 * a redirect), and scrubbing secrets out of whatever an outcome carries. Each operation supplies its own words
 * (`Wording`): what it tried, and what "nothing happened" means for it.
 */

import { isTenantLimitMessage, parseMissingScopes, readAuth0Error, type Auth0ErrorBody } from './auth0Errors';
import { quoteAnswer } from './answerText';
import type { Credentials, TokenFailure, TokenSource } from './credentials';
import type { HttpResult } from './http';

/** What an answer said, read once for every handler. */
export interface Answer {
  status: number;
  auth0: Auth0ErrorBody | undefined;
  /** The answer as quoted in messages (`409 Conflict: ...`). */
  said: string;
  /** Fields every outcome of an answer carries. */
  common: { status: number; auth0Error?: Auth0ErrorBody };
  response: Extract<HttpResult, { type: 'response' }>;
}

export function readAnswer(response: Extract<HttpResult, { type: 'response' }>): Answer {
  const auth0 = readAuth0Error(response.text);
  const status = response.status;
  return { status, auth0, said: quoteAnswer(response, auth0), common: { status, ...(auth0 ? { auth0Error: auth0 } : {}) }, response };
}

/** How an operation speaks of itself in the shared refusals. */
export interface Wording {
  tenant: string;
  /** `Nothing was created.` / `Nothing was changed.` */
  nothing: string;
  /** When no request reached the API: `Nothing was sent to create the connection.` */
  notSent: string;
  /** `create the connection x`, `read the connections`: for "T refused to ...". */
  refusedTo: string;
  /** The scope the operation needs, named when Auth0 does not say which one it wanted. */
  scope: string;
}

/** The refusal fields shared by the 401 outcomes (before the operation adds its own). */
export interface UnauthorizedFields {
  credentialKind: Credentials['kind'];
  stage: 'token-endpoint' | 'api';
  refreshed: boolean;
  actions: Array<'replace-token' | 'edit-credentials'>;
  userMessage: string;
  status?: number;
  auth0Error?: Auth0ErrorBody;
}

export interface ForbiddenFields {
  credentialKind: Credentials['kind'];
  stage: 'token-endpoint' | 'api';
  missingScopes?: string[];
  tenantLimit?: string;
  actions: Array<'replace-token' | 'edit-credentials'>;
  userMessage: string;
  status?: number;
  auth0Error?: Auth0ErrorBody;
}

function credentialActions(kind: Credentials['kind']): Array<'replace-token' | 'edit-credentials'> {
  return kind === 'access-token' ? ['replace-token'] : ['edit-credentials'];
}

/** A 401 from the API, after the one refresh the shared policy allows. */
export function unauthorizedByApi(w: Wording, { said, common }: Answer, source: TokenSource, refreshed: boolean): UnauthorizedFields {
  if (source.kind === 'access-token') {
    return {
      ...common,
      credentialKind: 'access-token',
      stage: 'api',
      refreshed: false,
      actions: ['replace-token'],
      userMessage: `${w.tenant} refused the access token (${said}): the token is invalid or expired. ${w.nothing} Replace the token and try again.`,
    };
  }
  return {
    ...common,
    credentialKind: 'client-credentials',
    stage: 'api',
    refreshed,
    actions: ['edit-credentials'],
    userMessage:
      `The application's credentials were refused: ${w.tenant} answered ${said}${refreshed ? ' even with a freshly issued token' : ''}. ${w.nothing} ` +
      `Check that the application ${source.clientId ?? ''} is authorized for the Auth0 Management API of ${w.tenant} and that its credentials are current, then try again.`,
  };
}

/** A 403 from the API: a missing scope (named), a tenant limit, or another refusal. */
export function forbiddenByApi(w: Wording, { auth0, said, common }: Answer, source: TokenSource): ForbiddenFields {
  const message = auth0?.message ?? '';
  const missingScopes = parseMissingScopes(message);
  const forbidden = { ...common, credentialKind: source.kind, stage: 'api' as const };
  if (missingScopes) {
    // A grant added in the dashboard only shows in a new token.
    source.invalidate();
    return { ...forbidden, missingScopes, actions: credentialActions(source.kind), userMessage: missingScopeMessage(w, missingScopes, said, source) };
  }
  if (message !== '' && isTenantLimitMessage(message)) {
    return {
      ...forbidden,
      tenantLimit: message,
      actions: [],
      userMessage: `${w.tenant} refused to ${w.refusedTo}: ${message} ${w.nothing} Delete a connection you no longer need or raise the tenant's limit (plan), then try again.`,
    };
  }
  return {
    ...forbidden,
    actions: [],
    userMessage: `${w.tenant} refused to ${w.refusedTo} (${said}). ${w.nothing} Check the permissions of the credentials used for this tenant (this needs ${w.scope}).`,
  };
}

function missingScopeMessage(w: Wording, missingScopes: readonly string[], said: string, source: TokenSource): string {
  const scopes = missingScopes.join(' or ');
  const todo =
    source.kind === 'client-credentials'
      ? `Grant ${scopes} to the application ${source.clientId ?? ''} in the Auth0 Dashboard (Applications > APIs > Auth0 Management API > Machine To Machine Applications), then try again.`
      : `Use an access token that includes ${scopes}, then try again.`;
  return `The credentials for ${w.tenant} lack the scope ${scopes} (${said}). ${w.nothing} ${todo}`;
}

export type TokenFailureFields =
  | { kind: 'unauthorized'; fields: UnauthorizedFields }
  | { kind: 'forbidden'; fields: ForbiddenFields }
  | { kind: 'not-sent'; fields: { reason: 'token-unavailable'; actions: ['retry']; userMessage: string; status?: number } };

/**
 * No token: the credentials were refused (401), the application has no grant on the Management API (403), or the
 * token endpoint could not be used. `attempts` counts API requests already sent (a refresh after a 401 may fail).
 * Cancellation is the caller's, since what it means depends on the operation.
 */
export function tokenFailureFields(w: Wording, failure: TokenFailure, credentialKind: Credentials['kind'], attempts: number): TokenFailureFields {
  const status = failure.status !== undefined ? { status: failure.status } : {};
  const actions = credentialActions(credentialKind);
  switch (failure.reason) {
    case 'refused':
      return {
        kind: 'unauthorized',
        fields: { credentialKind, stage: 'token-endpoint', refreshed: false, actions, userMessage: `${failure.problem} ${w.nothing} ${failure.advice}`.trim(), ...status },
      };
    case 'not-authorized': {
      // The token endpoint's advice names create:connections; say so when this operation needs another scope.
      const needs = failure.advice.includes(w.scope) ? '' : ` This needs ${w.scope}.`;
      return {
        kind: 'forbidden',
        fields: { credentialKind, stage: 'token-endpoint', missingScopes: [w.scope], actions, userMessage: `${failure.problem} ${w.nothing} ${failure.advice}${needs}`.trim(), ...status },
      };
    }
    default:
      return {
        kind: 'not-sent',
        fields: {
          reason: 'token-unavailable',
          actions: ['retry'],
          userMessage: `Could not get a Management API token for ${w.tenant}: ${failure.problem} ${attempts === 0 ? w.notSent : w.nothing} ${failure.advice}`.trim(),
          ...status,
        },
      };
  }
}

/** A redirect, which is never followed: requests go only to the configured tenant. `consequence`: what that means. */
export function redirectFields(
  w: Wording,
  { status, common, response }: Answer,
  consequence: string,
): { location?: string; userMessage: string; status: number; auth0Error?: Auth0ErrorBody } {
  const location = response.headers.get('location') ?? undefined;
  return {
    ...common,
    ...(location !== undefined ? { location } : {}),
    userMessage:
      `${w.tenant} answered with a redirect (${status}${location ? ` to ${location}` : ''}), which was not followed: ` +
      `requests go only to the configured tenant. The Management API does not redirect this request, so the domain ` +
      `or base URL is probably wrong; ${consequence}. Check the tenant's domain.`,
  };
}

/** Every string in `value` (messages, Auth0's words, a redirect target) passed through `scrub`; plain data only. */
export function scrubDeep(scrub: (text: string) => string, value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(scrub, item));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, scrubDeep(scrub, child)]));
  }
  return value;
}
