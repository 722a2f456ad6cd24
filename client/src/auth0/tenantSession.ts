/**
 * Everything a command needs before it may call the active tenant, and the refusals a person can act on when
 * something is missing: no tenant (offer Add Tenant... and then run the command again), an override refused by the
 * loopback rule, no stored credentials, a stored token that will be refused (replace it, or send anyway). Shared by
 * every command that talks to a tenant.
 */
import * as vscode from 'vscode';
import { readAccessToken } from '../../../common/auth0/credentials';
import { LifecycleSession } from '../../../common/auth0/lifecycleSession';
import type { ApiProgress } from '../../../common/auth0/managementApi';
import { findPlaceholders, type PlaceholderValues } from '../../../common/auth0/placeholders';
import type { TenantEndpoints } from '../../../common/auth0/tenant';
import { Commands } from '../../../common/protocol';
import { SERIOUS_TOKEN_PROBLEMS } from './addTenantFlow';
import type { ApiDiagnostics } from './apiDiagnostics';
import type { ConnectionDocumentDeps, DocumentLocks } from './connectionDocument';
import type { Auth0Log } from './log';
import type { Auth0Settings } from './settings';
import type { TenantCommands } from './tenantCommands';
import type { TenantStore } from './tenantStore';
import type { StoredTenant } from './text';

/** Why a command stopped before calling Auth0 (the `reason` of a refused result). */
export type RefusalReason =
  | 'no-document'
  | 'not-connection-file'
  | 'syntax'
  | 'errors'
  | 'body'
  | 'no-tenant'
  | 'no-credentials'
  | 'endpoints'
  | 'declined'
  | 'busy'
  | 'cancelled';

export interface Refusal {
  refused: true;
  reason: RefusalReason;
  message: string;
}

export interface TenantSession {
  tenant: StoredTenant;
  endpoints: TenantEndpoints;
}

export interface TenantSessionDeps {
  store: TenantStore;
  tenants: TenantCommands;
  log: Auth0Log;
}

/**
 * The active tenant, its endpoints and usable credentials, or the refusal (already shown to the user). `notYet` says
 * what cannot happen without a tenant ("x.yaml cannot be created anywhere yet"); `again` runs
 * the command once more after the user added a tenant from the refusal's action.
 */
export async function openTenantSession(deps: TenantSessionDeps, notYet: string, again: () => Promise<unknown>): Promise<TenantSession | Refusal> {
  const { store, tenants, log } = deps;
  const tenant = store.active();
  if (!tenant) {
    const message = `No Auth0 tenant is configured, so ${notYet}. Add a tenant (its domain and credentials), then run the command again.`;
    log.warn(message);
    // Not awaited: the command resolves now; choosing the action adds a tenant and then runs the command again.
    void vscode.window.showWarningMessage(message, 'Add Tenant...').then(async (choice) => {
      if (choice !== 'Add Tenant...') return;
      const added = await tenants.addTenant();
      if (added?.ok) await again();
    });
    return { refused: true, reason: 'no-tenant', message };
  }
  const resolved = store.endpoints(tenant);
  if (!resolved.ok) return showRefusal(log, { refused: true, reason: 'endpoints', message: `${resolved.message} Nothing was sent.` }, 'Open Settings');

  const credentials = await store.credentials(tenant.domain);
  if (!credentials) {
    const message = `No credentials are stored for ${tenant.domain} (they may have been deleted), so nothing was sent. Add the tenant again.`;
    log.warn(message);
    void vscode.window.showErrorMessage(message, 'Add Tenant...').then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.addTenant);
    });
    return { refused: true, reason: 'no-credentials', message };
  }
  if (credentials.kind === 'access-token') {
    const refusal = await checkStoredToken(deps, tenant.domain, credentials.token);
    if (refusal) return refusal;
  }
  return { tenant, endpoints: resolved.endpoints };
}

/** A stored token that will probably be refused: replace it, send anyway, or stop. */
async function checkStoredToken({ tenants, log }: TenantSessionDeps, domain: string, token: string): Promise<Refusal | undefined> {
  const problem = readAccessToken(token, { domain }).problems.find((p) => SERIOUS_TOKEN_PROBLEMS.has(p.code));
  if (!problem) return undefined;
  log.warn(`Stored token of ${domain}: ${problem.message}`);
  const buttons = problem.code === 'expired' ? ['Replace Token'] : ['Replace Token', 'Send Anyway'];
  const choice = await vscode.window.showWarningMessage(
    `The stored access token for ${domain} will probably be refused.`,
    { modal: true, detail: problem.message },
    ...buttons,
  );
  if (choice === 'Replace Token') {
    // The token source is rebuilt from the replaced token when the command asks for it.
    return (await tenants.replaceToken(domain)) ? undefined : { refused: true, reason: 'declined', message: 'Token not replaced; nothing was sent.' };
  }
  return choice === 'Send Anyway' ? undefined : { refused: true, reason: 'declined', message: 'Nothing was sent.' };
}

/** Logs and shows a refusal (with the one action that helps), and returns it. */
export function showRefusal(log: Auth0Log, refusal: Refusal, action?: 'Show Problems' | 'Open Settings'): Refusal {
  log.warn(refusal.message);
  const buttons = action ? [action] : [];
  void vscode.window.showErrorMessage(refusal.message, ...buttons).then((choice) => {
    if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'auth0Connections');
  });
  return refusal;
}

export function isRefusal(value: object): value is Refusal {
  return 'refused' in value && value.refused === true;
}

/** What a command resolves to when it stopped before calling Auth0. */
export function refusedResult(refusal: Refusal): { outcome: 'refused'; reason: RefusalReason; message: string } {
  return { outcome: 'refused', reason: refusal.reason, message: refusal.message };
}

/** A refusal for `reason`, not shown yet. */
export function refusal(reason: RefusalReason, message: string): Refusal {
  return { refused: true, reason, message };
}

/**
 * Where `##KEY##` placeholders get their values in the editor: the environment of the extension host (the VS Code
 * process), as the CLI takes them from its own. One meaning for a file wherever it is applied, and no second store
 * of secrets to manage; a placeholder without a value keeps the tenant's value on update (a create refuses it).
 */
export function placeholderValues(): PlaceholderValues {
  return process.env;
}

/** The values `body`'s placeholders take here, remembered by the log so that no message or log line shows them. */
export function rememberPlaceholderValues(log: Auth0Log, body: unknown, env: PlaceholderValues): void {
  log.addSecrets(...findPlaceholders(body).map((placeholder) => env[placeholder.key]));
}

export interface LifecycleDeps {
  store: TenantStore;
  settings: Auth0Settings;
  log: Auth0Log;
}

/** What a command that reads a connection document and writes to the tenant needs (create, apply). */
export interface WriteCommandDeps extends ConnectionDocumentDeps, LifecycleDeps {
  tenants: TenantCommands;
  diagnostics: ApiDiagnostics;
  /** Called after anything may have been written (the Connections view lists again). */
  onDidWrite(): void;
  /** Documents being sent, shared by every command that writes: one document is sent by one command at a time. */
  sending: DocumentLocks;
}

/**
 * A lifecycle session (pull, compare, apply) on the session's tenant with its cached token source, cancelled by
 * `signal`; or the refusal (shown) when no usable credentials are stored.
 */
export async function openLifecycle(
  deps: LifecycleDeps,
  { tenant }: TenantSession,
  signal: AbortSignal,
  onProgress: (step: ApiProgress) => void,
): Promise<LifecycleSession | Refusal> {
  const { store, settings, log } = deps;
  const source = await store.tokenSource(tenant, settings.timeoutMs());
  if (!source) {
    return showRefusal(log, refusal('no-credentials', `No usable credentials are stored for ${tenant.domain}, so nothing was sent. Add the tenant again.`));
  }
  const opened = LifecycleSession.open({
    tenant: store.config(tenant),
    credentials: source,
    timeoutMs: settings.timeoutMs(),
    signal,
    onProgress,
    env: placeholderValues(),
  });
  return opened.ok ? opened.session : showRefusal(log, refusal('endpoints', `${opened.message} Nothing was sent.`), 'Open Settings');
}

/** The active tenant and its endpoints when it can be called, or why not, without asking anything (for the view). */
export async function quietTenantSession(store: TenantStore): Promise<TenantSession | { problem: string; tenant: StoredTenant | undefined }> {
  const tenant = store.active();
  if (!tenant) return { problem: 'No Auth0 tenant is configured.', tenant };
  const resolved = store.endpoints(tenant);
  if (!resolved.ok) return { problem: resolved.message, tenant };
  if (!(await store.hasCredentials(tenant.domain))) return { problem: `No credentials are stored for ${tenant.domain}: add the tenant again.`, tenant };
  return { tenant, endpoints: resolved.endpoints };
}
