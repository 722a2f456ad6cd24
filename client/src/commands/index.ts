/**
 * How a command is declared and registered: a factory that receives the extension's services, wrapped so that a
 * command needing the server says so plainly when it is down, and a failure is logged (secrets masked) and shown
 * with an action instead of being lost.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../../common/errors';
import type { Auth0Features } from '../auth0/index';
import type { Ctx } from '../ctx';

/** What a command may use: the language client's owner, and the tenant features. */
export interface Services {
  ctx: Ctx;
  auth0: Auth0Features;
}

export type CommandFactory = (services: Services) => (...args: never[]) => unknown;

export interface CommandSpec {
  /** Title as in the palette, used in messages ("Auth0: <title> failed: ..."). */
  title: string;
  run: CommandFactory;
  /** The command talks to the language server: refuse with a plain message (and a Restart action) when it is down. */
  needsServer?: boolean;
}

export function registerCommands(services: Services, table: Readonly<Record<string, CommandSpec>>): vscode.Disposable[] {
  const { ctx, auth0 } = services;
  return Object.entries(table).map(([id, spec]) => {
    const run = spec.run(services) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (spec.needsServer && !(await ctx.requireServer(`"Auth0: ${spec.title}"`))) return undefined;
      try {
        return await run(...args);
      } catch (error) {
        // Tenant commands handle credentials: whatever the error says goes through the redacting log.
        const detail = auth0.log.scrub(errorMessage(error));
        auth0.log.error(`${spec.title} failed: ${detail}`);
        void vscode.window.showErrorMessage(`Auth0: ${spec.title} failed: ${detail}`, 'Show Output').then((choice) => {
          if (choice) ctx.log.show(true);
        });
        return undefined;
      }
    });
  });
}
