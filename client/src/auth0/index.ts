/**
 * The tenant and create features of the extension: Add Tenant..., Select Tenant, Sign Out of Tenant, Create
 * Connection on Tenant, the tenant status bar item and the "Auth0 API" diagnostics. One entry for extension.ts.
 */
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import { ApiDiagnostics } from './apiDiagnostics';
import { CreateConnectionCommand, type CreateArgs } from './createCommand';
import { Auth0Log } from './log';
import { Auth0Settings } from './settings';
import { TenantStatusBar } from './statusBar';
import { TenantCommands, type AddTenantArgs, type TenantArgs } from './tenantCommands';
import { TenantStore } from './tenantStore';
import { errorMessage } from '../../../common/errors';

export type { CreateArgs, CreateResult } from './createCommand';
export type { AddTenantArgs, AddTenantResult } from './tenantCommands';

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

export interface Auth0Deps {
  output: vscode.LogOutputChannel;
  isConnectionFile(document: vscode.TextDocument): Promise<boolean> | boolean;
  /** Diagnostics of the document's current text computed now, or undefined when the server cannot say. */
  diagnosticsNow(document: vscode.TextDocument): Promise<vscode.Diagnostic[] | undefined>;
}

export function registerAuth0Features(context: vscode.ExtensionContext, deps: Auth0Deps): vscode.Disposable[] {
  const log = new Auth0Log(deps.output);
  const settings = new Auth0Settings();
  const store = new TenantStore(context, log, settings);
  const diagnostics = new ApiDiagnostics();
  const tenants = new TenantCommands(store, log);
  const create = new CreateConnectionCommand({
    store,
    tenants,
    settings,
    diagnostics,
    log,
    isConnectionFile: deps.isConnectionFile,
    diagnosticsNow: deps.diagnosticsNow,
  });
  const statusBar = new TenantStatusBar(store, deps.isConnectionFile);

  const guarded = <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R | undefined> => {
      try {
        return await run(...args);
      } catch (error) {
        const detail = log.scrub(errorMessage(error));
        log.error(`${name} failed: ${detail}`);
        void vscode.window.showErrorMessage(`Auth0: ${name} failed unexpectedly (${detail}). The output has the steps that ran.`, 'Show Output').then(
          (choice) => {
            if (choice) void vscode.commands.executeCommand(Commands.showOutput);
          },
        );
        return undefined;
      }
    };

  return [
    store,
    diagnostics,
    statusBar,
    vscode.commands.registerCommand(Commands.addTenant, guarded('Add Tenant', (args?: AddTenantArgs) => tenants.addTenant(args))),
    vscode.commands.registerCommand(Commands.selectTenant, guarded('Select Tenant', (args?: TenantArgs) => tenants.selectTenant(args))),
    vscode.commands.registerCommand(Commands.signOutOfTenant, guarded('Sign Out of Tenant', (args?: TenantArgs) => tenants.signOutOfTenant(args))),
    vscode.commands.registerCommand(Commands.createConnection, guarded('Create Connection on Tenant', (args?: CreateArgs) => create.run(args))),
    vscode.commands.registerCommand(
      AUTH0_INSPECT_COMMAND,
      async (options?: { forgetCachedTokens?: boolean }): Promise<Auth0InspectResult> => {
        if (options?.forgetCachedTokens) store.forgetCachedTokens();
        return {
          globalState: store.globalStateSnapshot(),
          logLines: [...log.lines()],
          logFolder: vscode.Uri.joinPath(context.logUri, '..').fsPath,
          active: store.active()?.domain,
          statusBar: statusBar.snapshot(),
          tenants: await Promise.all(store.list().map(async (t) => ({ domain: t.domain, hasCredentials: await store.hasCredentials(t.domain) }))),
        };
      },
    ),
  ];
}
