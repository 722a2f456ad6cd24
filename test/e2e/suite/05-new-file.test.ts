/**
 * "Auth0: New Connection File..." writes a valid connection file and opens it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import {
  describeDiagnostics,
  ourDiagnostics,
  screenshot,
  screenshotsEnabled,
  serverCaughtUp,
  waitFor,
  workspaceFile,
  workspaceRoot,
} from './helpers';

suite('New Connection File command', () => {
  if (screenshotsEnabled()) {
    test('screenshot: the command asks for a strategy first', async () => {
      // Without arguments the command prompts; leave the prompt open for the picture, then cancel it.
      const running = vscode.commands.executeCommand(Commands.newConnectionFile);
      await screenshot('new-connection-file-picker', '.quick-input-widget .monaco-list-row');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await running, undefined, 'cancelling the prompt must create nothing');
    });
  }

  for (const format of ['yaml', 'json'] as const) {
    test(`creates a valid ${format} file for samlp and opens it`, async () => {
      const name = format === 'yaml' ? 'acme-saml' : 'acme-saml-json';
      const expected = workspaceFile(`${name}.connection.${format}`);
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>(Commands.newConnectionFile, {
        strategy: 'samlp',
        format,
        name,
        folder: workspaceRoot(),
      });
      assert.ok(created, 'the command returned no file');
      assert.equal(path.basename(created.path), path.basename(expected.path));
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(expected));
      assert.match(text, /samlp/);
      assert.match(text, new RegExp(name));

      const active = await waitFor('the new file in the active editor', () => {
        const editor = vscode.window.activeTextEditor;
        return editor?.document.uri.toString() === expected.toString() ? editor : undefined;
      });
      assert.equal(active.document.languageId, format);

      await serverCaughtUp();
      const errors = ourDiagnostics(expected).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors, [], `the new file is not valid: ${describeDiagnostics(errors)}\n${text}`);
      if (format === 'yaml') {
        await screenshot('new-connection-file', '.monaco-editor .view-lines');
      }
    });
  }

  test('leaves an existing file untouched', async () => {
    const existing = workspaceFile('broken.connection.yaml');
    const before = await vscode.workspace.fs.readFile(existing);
    const result = await vscode.commands.executeCommand(Commands.newConnectionFile, {
      strategy: 'samlp',
      format: 'yaml',
      name: 'broken',
      folder: workspaceRoot(),
    });
    assert.equal(result, undefined);
    assert.deepEqual(await vscode.workspace.fs.readFile(existing), before);
    // The refusal is shown as an error notification; clear it so later screenshots show the editor only.
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
