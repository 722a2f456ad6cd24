/**
 * Run in the window on workspace-plain/ (package.json, docker-compose.yaml, later.json: no connection file). The
 * extension activates on JSON/YAML but starts no language server process, offers nothing in those files, and still
 * serves a file that becomes a connection file: a `$schema` naming our schema typed into later.json starts the server
 * and that file gets completion.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { Auth0ConnectionsApi } from '../../../client/src/extension';
import { openInEditor, ourDiagnostics, ourExtension, waitFor, workspaceFile } from './helpers';

type Api = Auth0ConnectionsApi;

/** Our language server processes: children of this extension host running dist/server.js. */
function serverProcesses(): string[] {
  const children = execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return children.split('\n').filter((line) => /dist\/server\.js/.test(line));
}

function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

suite('Lazy start: a window without connection files', () => {
  let api: Api;

  suiteSetup(async () => {
    await openInEditor(workspaceFile('package.json'));
    const extension = ourExtension();
    await waitFor('the extension to activate on a JSON file', () => extension.isActive, { timeoutMs: 30_000 });
    api = extension.exports as Api;
  });

  test('opening package.json and a docker-compose file starts no server process', async () => {
    const compose = await openInEditor(workspaceFile('docker-compose.yaml'));
    // Whatever the extension would do on opening has had the time to happen: our completion provider answered.
    const labels = completionLabels(
      await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', compose.document.uri, new vscode.Position(1, 2)),
    );
    // Asked, not only running: a start under way counts.
    assert.equal(api.serverStartReason(), undefined, 'the server was asked to start in a window without connection files');
    assert.equal(api.isServerRunning(), false, 'the server runs in a window without connection files');
    assert.deepEqual(serverProcesses(), [], 'a dist/server.js process is running');
    assert.ok(!labels.some((label) => /auth0/i.test(label)), `Auth0 bodies offered in docker-compose.yaml: ${labels.join(', ')}`);
    assert.deepEqual(ourDiagnostics(compose.document.uri), []);
  });

  test('a $schema naming our schema typed in starts the server, and the file gets completion', async () => {
    const editor = await openInEditor(workspaceFile('later.json'));
    assert.equal(api.isServerRunning(), false);
    await editor.edit((edit) =>
      edit.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), '{\n  "$schema": "./connection.schema.json",\n  "strategy": ""\n}\n'),
    );
    await waitFor('the server to start for the new connection file', () => api.isServerRunning(), { timeoutMs: 30_000 });
    assert.equal(api.serverStartReason(), 'later.json is a connection file');
    assert.equal(serverProcesses().length, 1, 'one dist/server.js process');
    const position = new vscode.Position(2, 15);
    let labels: string[] = [];
    await waitFor(
      'strategies offered at "strategy"',
      async () => {
        labels = completionLabels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position));
        return labels.some((label) => label.includes('samlp'));
      },
      { timeoutMs: 30_000 },
    );
    assert.ok(labels.some((label) => label.includes('google-oauth2')), labels.join(', '));
  });
});
