/**
 * The tenant features of the extension, built once at activation: the tenant store (SecretStorage), the redacting
 * log, the "Auth0 API" diagnostics, the tenant commands, Create Connection on Tenant, the connection lifecycle
 * (the Connections view, read-only live connections, Pull, Compare, Apply) and the tenant status bar item. Their
 * commands are lines of the one command table in extension.ts.
 */
import * as vscode from 'vscode';
import { ApiDiagnostics } from './apiDiagnostics';
import { ApplyCommand } from './applyCommand';
import { CompareCommand } from './compareCommand';
import { DocumentLocks, type ConnectionDocumentDeps } from './connectionDocument';
import { ConnectionItemCommands } from './connectionItemCommands';
import { ConnectionsView, type ViewSnapshot } from './connectionsView';
import { CreateConnectionCommand } from './createCommand';
import { LiveConnectionProvider } from './liveConnectionProvider';
import { Auth0Log } from './log';
import { PullCommand } from './pullCommand';
import { Auth0Settings } from './settings';
import { TenantStatusBar } from './statusBar';
import { TenantCommands } from './tenantCommands';
import { TenantStore } from './tenantStore';

export type { ApplyArgs, ApplyResult } from './applyCommand';
export type { CompareArgs, CompareCommandResult } from './compareCommand';
export type { CompareWithFileArgs, ConnectionItemArgs } from './connectionItemCommands';
export type { ViewSnapshot } from './connectionsView';
export type { CreateArgs, CreateResult } from './createCommand';
export type { PullArgs, PullResult } from './pullCommand';
export type { AddTenantArgs, AddTenantResult, TenantArgs } from './tenantCommands';

/**
 * Not contributed (so not in the palette): lets the extension-host tests check that secrets stay in SecretStorage,
 * and read the Connections view. It returns nothing secret: our global state (which holds none by design), the
 * redacted log lines, whether a tenant has stored credentials, and what the view shows. `forgetCachedTokens` makes
 * the next request read SecretStorage again; `view` lists the tenant's connections through the view's provider.
 */
export const AUTH0_INSPECT_COMMAND = 'auth0Connections.internal.inspectTenants';

export interface Auth0InspectOptions {
  forgetCachedTokens?: boolean;
  view?: boolean;
  /** With `view`: expand the view onto this connection first (for screenshots). */
  reveal?: string;
}

export interface Auth0InspectResult {
  globalState: Record<string, unknown>;
  logLines: string[];
  /** The extension host's log folder (our output channel's log file is under it), for searching on disk. */
  logFolder: string;
  tenants: Array<{ domain: string; hasCredentials: boolean }>;
  /** The active tenant and what the status bar item shows. */
  active: string | undefined;
  statusBar: { text: string; tooltip: string; visible: boolean; command: string | undefined };
  /** With `view`: what the Connections view shows. */
  view?: ViewSnapshot;
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
  readonly live: LiveConnectionProvider;
  readonly view: ConnectionsView;
  readonly pull: PullCommand;
  readonly compare: CompareCommand;
  readonly apply: ApplyCommand;
  readonly items: ConnectionItemCommands;
  readonly statusBar: TenantStatusBar;
  readonly #context: vscode.ExtensionContext;

  constructor(context: vscode.ExtensionContext, deps: Auth0Deps) {
    this.#context = context;
    this.log = new Auth0Log(deps.output);
    this.store = new TenantStore(context, this.log, this.settings);
    this.tenants = new TenantCommands(this.store, this.log);
    const shared = {
      store: this.store,
      tenants: this.tenants,
      settings: this.settings,
      diagnostics: this.diagnostics,
      log: this.log,
      isConnectionFile: deps.isConnectionFile,
      ...(deps.isDeployCliFile ? { isDeployCliFile: deps.isDeployCliFile } : {}),
      diagnosticsNow: deps.diagnosticsNow,
      ...(deps.deployCliItemAt ? { deployCliItemAt: deps.deployCliItemAt } : {}),
      // A write changes what the tenant has: the view lists again, if it has listed before.
      onDidWrite: () => this.view.refreshIfShown(),
      sending: new DocumentLocks(),
    };
    this.live = new LiveConnectionProvider(shared);
    this.view = new ConnectionsView(shared);
    this.create = new CreateConnectionCommand(shared);
    this.pull = new PullCommand(shared);
    this.compare = new CompareCommand({ ...shared, live: this.live });
    this.apply = new ApplyCommand(shared);
    this.items = new ConnectionItemCommands({ store: this.store, live: this.live, pull: this.pull, compare: this.compare });
    this.statusBar = new TenantStatusBar(this.store, deps.isConnectionFile);
  }

  /** The Connections view's Refresh: lists again, and fetches the open read-only connections again. */
  refresh(): void {
    this.view.refresh();
    this.live.refreshOpen();
  }

  /** What AUTH0_INSPECT_COMMAND answers. */
  async inspect(options: Auth0InspectOptions = {}): Promise<Auth0InspectResult> {
    if (options.forgetCachedTokens) this.store.forgetCachedTokens();
    if (options.view && options.reveal !== undefined) await this.view.reveal(options.reveal);
    return {
      globalState: this.store.globalStateSnapshot(),
      logLines: [...this.log.lines()],
      logFolder: vscode.Uri.joinPath(this.#context.logUri, '..').fsPath,
      active: this.store.active()?.domain,
      statusBar: this.statusBar.snapshot(),
      tenants: await Promise.all(this.store.list().map(async (t) => ({ domain: t.domain, hasCredentials: await this.store.hasCredentials(t.domain) }))),
      ...(options.view ? { view: await this.view.snapshot() } : {}),
    };
  }

  dispose(): void {
    this.statusBar.dispose();
    this.view.dispose();
    this.live.dispose();
    this.diagnostics.dispose();
    this.store.dispose();
  }
}
