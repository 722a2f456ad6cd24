/**
 * The tenant and create features of the extension, built once at activation: the tenant store (SecretStorage), the
 * redacting log, the "Auth0 API" diagnostics, the tenant commands, Create Connection on Tenant and the tenant status
 * bar item. Their commands are lines of the one command table in extension.ts.
 */
import * as vscode from 'vscode';
import { ApiDiagnostics } from './apiDiagnostics';
import type { ConnectionDocumentDeps } from './connectionDocument';
import { CreateConnectionCommand } from './createCommand';
import { Auth0Log } from './log';
import { Auth0Settings } from './settings';
import { TenantStatusBar } from './statusBar';
import { TenantCommands } from './tenantCommands';
import { TenantStore } from './tenantStore';

export type { CreateArgs, CreateResult } from './createCommand';
export type { AddTenantArgs, AddTenantResult, TenantArgs } from './tenantCommands';

/**
 * Not contributed (so not in the palette): lets the extension-host tests check that secrets stay in SecretStorage.
 * It returns nothing secret: our global state (which holds none by design), the redacted log lines, and whether a
 * tenant has stored credentials. `forgetCachedTokens` makes the next create read SecretStorage again.
 */
export const AUTH0_INSPECT_COMMAND = 'auth0Connections.internal.inspectTenants';

export interface Auth0InspectResult {
  globalState: Record<string, unknown>;
  logLines: string[];
  /** The extension host's log folder (our output channel's log file is under it), for searching on disk. */
  logFolder: string;
  tenants: Array<{ domain: string; hasCredentials: boolean }>;
  /** The active tenant and what the status bar item shows. */
  active: string | undefined;
  statusBar: { text: string; tooltip: string; visible: boolean; command: string | undefined };
}

export interface Auth0Deps extends Omit<ConnectionDocumentDeps, 'log'> {
  output: vscode.LogOutputChannel;
}

export class Auth0Features implements vscode.Disposable {
  readonly log: Auth0Log;
  readonly settings = new Auth0Settings();
  readonly store: TenantStore;
  readonly diagnostics = new ApiDiagnostics();
  readonly tenants: TenantCommands;
  readonly create: CreateConnectionCommand;
  readonly statusBar: TenantStatusBar;
  readonly #context: vscode.ExtensionContext;

  constructor(context: vscode.ExtensionContext, deps: Auth0Deps) {
    this.#context = context;
    this.log = new Auth0Log(deps.output);
    this.store = new TenantStore(context, this.log, this.settings);
    this.tenants = new TenantCommands(this.store, this.log);
    this.create = new CreateConnectionCommand({
      store: this.store,
      tenants: this.tenants,
      settings: this.settings,
      diagnostics: this.diagnostics,
      log: this.log,
      isConnectionFile: deps.isConnectionFile,
      ...(deps.isDeployCliFile ? { isDeployCliFile: deps.isDeployCliFile } : {}),
      diagnosticsNow: deps.diagnosticsNow,
    });
    this.statusBar = new TenantStatusBar(this.store, deps.isConnectionFile);
  }

  /** What AUTH0_INSPECT_COMMAND answers. */
  async inspect(options?: { forgetCachedTokens?: boolean }): Promise<Auth0InspectResult> {
    if (options?.forgetCachedTokens) this.store.forgetCachedTokens();
    return {
      globalState: this.store.globalStateSnapshot(),
      logLines: [...this.log.lines()],
      logFolder: vscode.Uri.joinPath(this.#context.logUri, '..').fsPath,
      active: this.store.active()?.domain,
      statusBar: this.statusBar.snapshot(),
      tenants: await Promise.all(this.store.list().map(async (t) => ({ domain: t.domain, hasCredentials: await this.store.hasCredentials(t.domain) }))),
    };
  }

  dispose(): void {
    this.statusBar.dispose();
    this.diagnostics.dispose();
    this.store.dispose();
  }
}
