/**
 * Files that are not connection bodies are left alone: a plain package.json gets nothing from us, while the built-in
 * JSON support keeps serving it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, openInEditor, ourDiagnostics, serverCaughtUp, workspaceFile } from './helpers';

suite('Files that are not connection files', () => {
  test('a plain package.json gets no diagnostics from auth0-connections', async () => {
    const uri = workspaceFile('package.json');
    const editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'json');
    // As a connection body it would be wrong in several ways (no strategy, unknown keys), so had the server taken it
    // for one, its diagnostics would be there by the time a file opened after it has been validated.
    await serverCaughtUp();
    assert.deepEqual(ourDiagnostics(uri), [], describeDiagnostics(ourDiagnostics(uri)));
  });

  test('a YAML file outside the default patterns gets no diagnostics from auth0-connections', async () => {
    const uri = workspaceFile('other', 'partner-idp.yaml');
    await vscode.workspace.openTextDocument(uri);
    await serverCaughtUp();
    assert.deepEqual(ourDiagnostics(uri), [], describeDiagnostics(ourDiagnostics(uri)));
  });
});
