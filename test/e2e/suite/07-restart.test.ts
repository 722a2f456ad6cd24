/**
 * "Auth0: Restart Language Server" stops and starts the server; diagnostics come back and new edits are validated.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import { describeDiagnostics, openInEditor, ourDiagnostics, serverCaughtUp, waitForOurDiagnostics, workspaceFile } from './helpers';
import { errorMessage } from '../../../common/errors';

suite('Restart command', () => {
  test('diagnostics come back after a restart', async () => {
    const uri = workspaceFile('broken.connection.yaml');
    await openInEditor(uri);
    const before = await waitForOurDiagnostics(uri);

    // Record what the Problems panel goes through: cleared when the old server stops, filled by the new one.
    const seen: number[] = [];
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        seen.push(ourDiagnostics(uri).length);
      }
    });
    try {
      await vscode.commands.executeCommand(Commands.restartServer);
      const after = await waitForOurDiagnostics(
        uri,
        (found) => seen.includes(0) && found.length === before.length,
      ).catch((error: unknown) => {
        throw new Error(
          `${errorMessage(error)}; counts seen after the restart: ${JSON.stringify(seen)}, ` +
            `now ${describeDiagnostics(ourDiagnostics(uri))}`,
        );
      });
      assert.deepEqual(
        after.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]).sort(),
        before.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]).sort(),
      );
    } finally {
      listener.dispose();
    }
    // The new server validates files opened after the restart too.
    await serverCaughtUp();
  });
});
