/**
 * Extension entry: builds the Ctx (which owns the language client) and the tenant features, registers the command
 * table, starts the server. A command is one line in COMMANDS: its id (common/protocol.ts), its palette title and its
 * factory.
 */
import * as vscode from 'vscode';
import { Commands } from '../../common/protocol';
import {
  Auth0Features,
  AUTH0_INSPECT_COMMAND,
  type AddTenantArgs,
  type ApplyArgs,
  type Auth0InspectOptions,
  type CompareArgs,
  type CompareWithFileArgs,
  type ConnectionItemArgs,
  type CreateArgs,
  type PullArgs,
  type TenantArgs,
} from './auth0/index';
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
  [Commands.pullConnections]: { title: 'Pull Connection from Tenant...', run: ({ auth0 }) => (args?: PullArgs) => auth0.pull.run(args) },
  [Commands.compareWithTenant]: { title: 'Compare with Tenant', run: ({ auth0 }) => (args?: CompareArgs) => auth0.compare.run(args) },
  [Commands.applyToTenant]: { title: 'Apply to Tenant', run: ({ auth0 }) => (args?: ApplyArgs) => auth0.apply.run(args) },
  [Commands.refreshConnections]: { title: 'Refresh Connections', run: ({ auth0 }) => () => auth0.refresh() },
  [Commands.openLiveConnection]: { title: 'Open Connection Read-Only', run: ({ auth0 }) => (item?: ConnectionItemArgs) => auth0.items.open(item) },
  [Commands.pullToFile]: { title: 'Pull to File...', run: ({ auth0 }) => (item?: ConnectionItemArgs, args?: PullArgs) => auth0.items.pullToFile(item, args) },
  [Commands.compareWithFile]: { title: 'Compare with File...', run: ({ auth0 }) => (item?: CompareWithFileArgs) => auth0.items.compareWithFile(item) },
  [AUTH0_INSPECT_COMMAND]: { title: 'Inspect Tenants', run: ({ auth0 }) => (options?: Auth0InspectOptions) => auth0.inspect(options) },
};

/** What `getExtension(EXTENSION_ID).exports` gives tests and other extensions. */
export interface Auth0ConnectionsApi {
  /**
   * Resolves once the first start attempt is over (true when the server runs). The server starts only when a
   * connection file is open or in the workspace, so in a window without any this stays pending.
   */
  readonly serverStarted: Promise<boolean>;
  isServerRunning(): boolean;
  /** Why the server was asked to start (starting counts), or undefined while nothing has needed it. */
  serverStartReason(): string | undefined;
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
    deployCliItemAt: (document, position) => current.deployCliItemAt(document, position),
  });
  // The server starts only when a connection file is open or in the workspace (serverGate.ts).
  let startReason: string | undefined;
  const gate = new ServerGate(current.config, (reason) => {
    startReason = reason;
    current.log.info(`Starting the language server: ${reason}.`);
    void current.start();
  });
  context.subscriptions.push(auth0, gate, ...registerCommands({ ctx: current, auth0 }, COMMANDS));
  void vscode.commands.executeCommand('setContext', ContextKeys.active, true);
  void gate.watch();
  return { serverStarted: current.firstStart, isServerRunning: () => current.isServerRunning, serverStartReason: () => startReason };
}

export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
