/**
 * `auth0Connections.files` (extra globs) takes effect at once, without reloading the window.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../../common/protocol';
import { describeDiagnostics, ourDiagnostics, rangeOf, serverCaughtUp, waitForOurDiagnostics, workspaceFile } from './helpers';

suite('Settings', () => {
  const uri = workspaceFile('other', 'partner-idp.yaml');

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('files', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('adding other/*.yaml to auth0Connections.files validates other/partner-idp.yaml', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await serverCaughtUp();
    assert.deepEqual(ourDiagnostics(uri), [], `served before the setting: ${describeDiagnostics(ourDiagnostics(uri))}`);

    await vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .update('files', ['other/*.yaml'], vscode.ConfigurationTarget.Workspace);
    const badName = rangeOf(document, 'partner idp!');
    const diagnostics = await waitForOurDiagnostics(uri, (found) => found.some((d) => d.range.isEqual(badName)));
    assert.ok(diagnostics.length > 0);
  });

  test('removing the glob again stops serving the file', async () => {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('files', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForOurDiagnostics(uri, (found) => found.length === 0);
  });
});
