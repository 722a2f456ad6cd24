/**
 * A Management API call under a cancellable progress notification: progress steps shown and logged (one log line
 * per rate-limit wait, not one per second of the countdown), Cancel turned into an abort signal.
 */
import * as vscode from 'vscode';
import type { ApiProgress } from '../../../common/auth0/managementApi';
import type { Auth0Log } from './log';

export function withApiProgress<T>(log: Auth0Log, call: (signal: AbortSignal, onProgress: (step: ApiProgress) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Auth0', cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => {
      log.info('Cancel requested.');
      controller.abort();
    });
    const loggedWaits = new Set<number>();
    try {
      return await call(controller.signal, (step) => {
        progress.report({ message: step.message });
        if (step.stage !== 'rate-limited') log.info(step.message);
        else if (!loggedWaits.has(step.retry)) {
          loggedWaits.add(step.retry);
          log.warn(step.message);
        }
      });
    } finally {
      subscription.dispose();
    }
  });
}
