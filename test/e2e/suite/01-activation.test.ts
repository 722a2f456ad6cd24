/**
 * Opening a connection file (YAML or JSON) activates the extension and gets it served by our language server.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../common/protocol';
import {
  log,
  openInEditor,
  ourDiagnostics,
  ourExtension,
  readUi,
  waitFor,
  waitForOurDiagnostics,
  workspaceFile,
} from './helpers';

/** What the suite itself saw around its first open of a connection file (ms, from just before openTextDocument). */
interface SeenBySuite {
  activeBeforeOpen: boolean;
  openToActiveMs: number;
  openToServerReadyMs: number;
}

let seenBySuite: SeenBySuite | undefined;

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
    const extension = ourExtension();
    // Usually already true: a jsonc model is opened at start-up (the extension host log says onLanguage:jsonc), so
    // VS Code has activated us before the suite runs; its own figure is read below ('activation time' test).
    const activeBeforeOpen = extension.isActive;
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'yaml');
    await waitFor('the extension to be active', () => extension.isActive, { intervalMs: 5 });
    const active = performance.now();
    const api = extension.exports as { serverStarted?: Promise<boolean> } | undefined;
    await api?.serverStarted;
    seenBySuite = {
      activeBeforeOpen,
      openToActiveMs: Math.round(active - opened),
      openToServerReadyMs: Math.round(performance.now() - opened),
    };
    await openInEditor(uri);
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

  test('activation time, as VS Code reports it (Developer: Show Running Extensions)', async () => {
    const extension = ourExtension();
    await waitFor('the extension to be active', () => extension.isActive);
    await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
    // The row shows `Startup Activation: <n>ms` or `Activation: <n>ms`: codeLoadingTime + activateCallTime, VS Code's
    // own figures from the extension host. The runner reads the page (undefined under test-electron).
    // The row is named by the gallery/local display name when VS Code has one (an installed .vsix), else by the id.
    const displayName = String((extension.packageJSON as { displayName?: string }).displayName ?? EXTENSION_ID);
    const row = (name: string): string =>
      `.runtime-extensions-editor .monaco-list-row:has(.name:text-is(${JSON.stringify(name)})) .activation-time`;
    const shown = await readUi(`${row(EXTENSION_ID)}, ${row(displayName)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const match = shown === undefined ? null : /(Startup )?Activation: (\d+)\s*ms/.exec(shown);
    const report = {
      vscodeVersion: vscode.version,
      appName: vscode.env.appName,
      extensionPath: extension.extensionPath,
      runningExtensions: match ? { text: shown, activationMs: Number(match[2]), startup: Boolean(match[1]) } : null,
      suite: seenBySuite ?? null,
    };
    log(`ACTIVATION ${JSON.stringify(report)}`);
    if (process.env.E2E_ACK_DIR) {
      assert.ok(match, `Running Extensions shows no activation time for ${EXTENSION_ID} (read: ${String(shown)})`);
    }
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
