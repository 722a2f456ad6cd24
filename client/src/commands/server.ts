import * as vscode from 'vscode';
import type { CommandFactory } from './index';

/** Restart (or start) the server whatever state it is in; a failure to start is told by Ctx with its reason. */
export const restartServer: CommandFactory = ({ ctx }) => async () => {
  ctx.log.info('Restarting the language server (command).');
  const running = await ctx.restart();
  if (running) {
    vscode.window.setStatusBarMessage('Auth0 Connections: language server restarted', 3000);
  }
  return running;
};

export const showOutput: CommandFactory = ({ ctx }) => () => {
  ctx.log.show(true);
};
