/**
 * A Management API call under a cancellable progress notification: progress steps shown and logged (one log line
 * per rate-limit wait, not one per second of the countdown), Cancel turned into an abort signal. Reads the editor
 * makes on its own (the Connections view, a read-only connection document) show in the status bar instead, and are
 * cancelled by the token VS Code hands them.
 */
import * as vscode from 'vscode';
import type { ApiProgress } from '../../../common/auth0/managementApi';
import type { Auth0Log } from './log';

export interface ProgressPlace {
  /** Default: a notification with a Cancel button. */
  location?: vscode.ProgressLocation.Notification | vscode.ProgressLocation.Window;
  /** Another source of cancellation (a provider's token). */
  token?: vscode.CancellationToken;
}

export function withApiProgress<T>(
  log: Auth0Log,
  call: (signal: AbortSignal, onProgress: (step: ApiProgress) => void) => Promise<T>,
  place: ProgressPlace = {},
): Thenable<T> {
  const location = place.location ?? vscode.ProgressLocation.Notification;
  const options = { location, title: 'Auth0', cancellable: location === vscode.ProgressLocation.Notification };
  return vscode.window.withProgress(options, async (progress, token) => {
    const controller = new AbortController();
    const subscriptions = [token, place.token].map((source) =>
      source?.onCancellationRequested(() => {
        log.info('Cancel requested.');
        controller.abort();
      }),
    );
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
      for (const subscription of subscriptions) subscription?.dispose();
    }
  });
}
