/**
 * Headless Auth0 Management API client for creating connections: used unchanged by the VS Code command and the CLI.
 * No `vscode` import anywhere below this folder.
 */

export { normalizeDomain, resolveEndpoints, endpointsFor, isLoopbackHost, dashboardUrl } from './tenant';
export type { DomainResult, EndpointOverrides, EndpointsResult, TenantConfig, TenantEndpoints } from './tenant';

export { readAccessToken, createTokenSource, isTokenSource, CREATE_CONNECTIONS_SCOPE } from './credentials';
export type {
  AccessTokenInfo,
  AccessTokenProblem,
  AccessTokenProblemCode,
  Credentials,
  GetTokenOptions,
  TokenFailure,
  TokenFailureReason,
  TokenResult,
  TokenSource,
  TokenSourceOptions,
} from './credentials';

export {
  createConnection,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RATE_LIMIT_RETRIES,
  DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
} from './createConnection';
export type { CreateConnectionRequest } from './createConnection';

export { nothingCreated } from './outcomes';
export type {
  CancelledOutcome,
  ConflictOutcome,
  CreateConnectionOutcome,
  CreatedOutcome,
  CreateProgress,
  ForbiddenOutcome,
  NotSentOutcome,
  OutcomeAction,
  OutcomeKind,
  OutcomeSeverity,
  RateLimitedOutcome,
  RejectedOutcome,
  UnauthorizedOutcome,
  UncertainCause,
  UncertainOutcome,
  UnexpectedOutcome,
} from './outcomes';

export { prepareBody } from './body';
export type { PreparedBody } from './body';

export { redact, maskSecrets, collectSecrets, MASK } from './redact';

export {
  parseValidationMessage,
  parsePropertyPath,
  formatPropertyPath,
  parseMissingScopes,
  classifyConflict,
  readAuth0Error,
} from './auth0Errors';
export type { Auth0ErrorBody, ConflictKind, PathSegment, PropertyReference, ValidationMessage } from './auth0Errors';

export { rateLimitWait, countdown } from './rateLimit';
export { ManagementApi } from './managementApi';
export type { ApiExchange, ApiProgress, ApiRequest, ApiSettings } from './managementApi';
export type { FetchLike, Sleep } from './http';
export { defaultSleep } from './http';
