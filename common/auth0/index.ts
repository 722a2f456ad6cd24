/**
 * Headless Auth0 Management API client: create, and the connection lifecycle (pull, compare, apply, enabled
 * applications). Used unchanged by the VS Code commands and the CLI. No `vscode` import anywhere below this folder.
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

// The connection lifecycle: docs/ARCHITECTURE.md, "Connection lifecycle".
export { withContext } from './apiResult';
export type {
  ApiAction,
  ApiFailure,
  ApiFailureKind,
  ApiResult,
  ApiSuccess,
  CancelledFailure,
  ConflictFailure,
  FailedReadFailure,
  ForbiddenFailure,
  NotFoundFailure,
  NotSentFailure,
  RateLimitedFailure,
  RejectedFailure,
  UnauthorizedFailure,
  UncertainFailure,
  UnexpectedFailure,
} from './apiResult';
export { runOperation } from './operation';
export type { Operation } from './operation';
export { collectCheckpointPages, collectOffsetPages, DEFAULT_MAX_PAGES } from './pagination';
export type { CheckpointPage, Listed, OffsetPage, PageLimits } from './pagination';
export { CONNECTION_FILE_FIELDS, UPDATABLE_FIELDS, SCOPES, ENABLED_CLIENTS_PER_PATCH, defaultValue } from './connectionFields';
export type { ConnectionFileField } from './connectionFields';
export { listConnections, findConnection, getConnection, updateConnection, isLiveConnection, LIST_TAKE } from './connectionsApi';
export type { ListQuery, LiveConnection } from './connectionsApi';
export { getEnabledClients, setEnabledClients, listApplications } from './enabledClients';
export type { Application, ConnectionRef, EnabledClientsChange } from './enabledClients';
export { ApplicationDirectory, compareEnabledClients, enabledClientEntries, describeUnresolved } from './applicationNames';
export type { EnabledClientsDiff, Resolved } from './applicationNames';
export {
  placeholderKey,
  placeholderKeyOf,
  placeholderText,
  secretPaths,
  replaceSecrets,
  findPlaceholders,
  resolvePlaceholders,
  formatPlaceholders,
  valueAt,
} from './placeholders';
export type { JsonPath, Placeholder, PlaceholderValues, Resolution } from './placeholders';
export { toConnectionFile, shapeConnection, sortKeysDeep, connectionFileName, formatConnectionFile } from './connectionFile';
export type { ConnectionFile, FileFormat } from './connectionFile';
export { compareConnection, diffConnection, resolveAgainstLive, sameValue } from './connectionDiff';
export type { ChangeKind, Comparison, Diffed, PropertyChange } from './connectionDiff';
export { createBody, planApply } from './applyPlan';
export type { ApplyPlan, EnabledClientsPlan, PlanInput, RefusalReason } from './applyPlan';
export { LifecycleSession } from './lifecycleSession';
export type { LifecycleSettings, TenantSide } from './lifecycleSession';
export { pullConnections } from './pullConnections';
export type { PullQuery, PullReport, PulledConnection } from './pullConnections';
export { compareWithTenant, compareTenantSide, planWithTenant, executePlan, createWithEnabledClients, describeChanges } from './applyConnection';
export type { ApplyOutcome, CompareResult, TenantPlan } from './applyConnection';
export { changeLines, showValue } from './comparisonText';
export { tenantSideBody, tenantSideText, orderLike, jsonIndent, leadingComments } from './tenantSideFile';
export type { TenantSideInput } from './tenantSideFile';
