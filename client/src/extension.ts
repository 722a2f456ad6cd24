/**
 * Extension entry: builds the Ctx (which owns the language client) and the tenant features, registers the command
 * table, starts the server. A command is one line in COMMANDS: its id (common/protocol.ts), its palette title and its
 * factory.
 */
import * as vscode from 'vscode';
import { Commands } from '../../common/protocol';
import { Auth0Features, AUTH0_INSPECT_COMMAND, type AddTenantArgs, type CreateArgs, type TenantArgs } from './auth0/index';
import { registerCommands, type CommandSpec } from './commands/index';
import { newConnectionFile } from './commands/newConnectionFile';
import { restartServer, showOutput } from './commands/server';
import { Ctx } from './ctx';
import { ServerGate } from './serverGate';
import { ContextKeys } from './status';

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  [Commands.newConnectionFile]: { title: 'New Connection File...', run: newConnectionFile },
  [Commands.restartServer]: { title: 'Restart Language Server', run: restartServer },
  [Commands.showOutput]: { title: 'Show Output', run: showOutput },
  [Commands.addTenant]: { title: 'Add Tenant', run: ({ auth0 }) => (args?: AddTenantArgs) => auth0.tenants.addTenant(args) },
  [Commands.selectTenant]: { title: 'Select Tenant', run: ({ auth0 }) => (args?: TenantArgs) => auth0.tenants.selectTenant(args) },
  [Commands.signOutOfTenant]: { title: 'Sign Out of Tenant', run: ({ auth0 }) => (args?: TenantArgs) => auth0.tenants.signOutOfTenant(args) },
  [Commands.createConnection]: { title: 'Create Connection on Tenant', run: ({ auth0 }) => (args?: CreateArgs) => auth0.create.run(args) },
  [AUTH0_INSPECT_COMMAND]: { title: 'Inspect Tenants', run: ({ auth0 }) => (options?: { forgetCachedTokens?: boolean }) => auth0.inspect(options) },
};

/** What `getExtension(EXTENSION_ID).exports` gives tests and other extensions. */
export interface Auth0ConnectionsApi {
  /**
   * Resolves once the first start attempt is over (true when the server runs). The server starts only when a
   * connection file is open or in the workspace, so in a window without any this stays pending.
   */
  readonly serverStarted: Promise<boolean>;
  isServerRunning(): boolean;
}

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): Auth0ConnectionsApi {
  const current = new Ctx(context);
  ctx = current;
  const auth0 = new Auth0Features(context, {
    output: current.log,
    isConnectionFile: (document) => current.isConnectionFile(document),
    isDeployCliFile: (document) => current.status.statusOf(document.uri)?.deployCli !== undefined,
    diagnosticsNow: (document) => current.diagnosticsNow(document),
  });
  // The server starts only when a connection file is open or in the workspace (serverGate.ts).
  const gate = new ServerGate(current.config, (reason) => {
    current.log.info(`Starting the language server: ${reason}.`);
    void current.start();
  });
  context.subscriptions.push(auth0, gate, ...registerCommands({ ctx: current, auth0 }, COMMANDS));
  void vscode.commands.executeCommand('setContext', ContextKeys.active, true);
  void gate.watch();
  return { serverStarted: current.firstStart, isServerRunning: () => current.isServerRunning };
}

export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
