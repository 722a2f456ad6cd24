/**
 * Opening a connection file (YAML or JSON) activates the extension and gets it served by our language server.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../common/protocol';
import { log, openInEditor, ourDiagnostics, ourExtension, waitFor, waitForOurDiagnostics, workspaceFile } from './helpers';

suite('Activation', () => {
  test('the extension under test is the one this run provides', () => {
    const extension = ourExtension();
    log(`    ${EXTENSION_ID} ${String(extension.packageJSON.version)} from ${extension.extensionPath}`);
    const expected = process.env.E2E_EXPECT_EXTENSION_UNDER;
    if (expected) {
      assert.ok(
        path.resolve(extension.extensionPath).startsWith(path.resolve(expected)),
        `expected the extension from ${expected}, got ${extension.extensionPath}`,
      );
    }
  });

  test('opening a *.connection.yaml file activates the extension and validates the file', async () => {
    const uri = workspaceFile('broken.connection.yaml');
    const editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'yaml');
    await waitFor('the extension to be active', () => ourExtension().isActive);
    await waitForOurDiagnostics(uri);
  });

  test('the language server starts', async () => {
    const extension = ourExtension();
    await waitFor('the extension to be active', () => extension.isActive);
    const api = extension.exports as { serverStarted?: Promise<boolean> } | undefined;
    assert.ok(api?.serverStarted, 'activate() returned no serverStarted promise');
    assert.equal(await api.serverStarted, true, 'the language server did not start (see Output > Auth0 Connections)');
  });

  test('opening a *.connection.json file is served too', async () => {
    const uri = workspaceFile('broken.connection.json');
    const editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'json');
    await waitForOurDiagnostics(uri);
    assert.ok(ourExtension().isActive);
    assert.ok(ourDiagnostics(uri).length > 0);
  });

  test('every contributed command is registered', async () => {
    const contributed = ((ourExtension().packageJSON as { contributes?: { commands?: Array<{ command: string }> } })
      .contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
