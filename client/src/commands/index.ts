/**
 * How a command is declared and registered: a factory that receives the Ctx, wrapped so that a command needing the
 * server says so plainly when it is down, and a failure is logged and shown with an action instead of being lost.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../../common/errors';
import type { Ctx } from '../ctx';

export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

export interface CommandSpec {
  /** Title as in the palette, used in messages ("Auth0: <title> failed: ..."). */
  title: string;
  run: CommandFactory;
  /** The command talks to the language server: refuse with a plain message (and a Restart action) when it is down. */
  needsServer?: boolean;
}

export function registerCommands(ctx: Ctx, table: Readonly<Record<string, CommandSpec>>): vscode.Disposable[] {
  return Object.entries(table).map(([id, spec]) => {
    const run = spec.run(ctx);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (spec.needsServer && !(await ctx.requireServer(`"Auth0: ${spec.title}"`))) return undefined;
      try {
        return await run(...args);
      } catch (error) {
        ctx.log.error(`Auth0: ${spec.title} failed: ${errorMessage(error)}`);
        void vscode.window.showErrorMessage(`Auth0: ${spec.title} failed: ${errorMessage(error)}`, 'Show Output').then(
          (choice) => {
            if (choice) ctx.log.show(true);
          },
        );
        return undefined;
      }
    });
  });
}
