/**
 * What LSP clients other than VS Code do that VS Code does not (issue 10): settings only in
 * `initializationOptions` while `workspace/configuration` is answered with null (eglot, Neovim). Each test plays
 * that client's part with the real LSP client over stdio.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './lspClient';

const WORKSPACE = '/tmp/auth0-connections-other-clients-test';

function errors(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 1);
}

async function withClient(client: LspTestClient, body: (client: LspTestClient) => Promise<void>): Promise<void> {
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

describe('settings given only as initializationOptions.settings', () => {
  // A file that only the `files` glob makes ours, with a bad name: served means an error on line 0.
  const CUSTOM_FILE_TEXT = 'name: bad name\nstrategy: auth0\n';

  test('survive the client answering null for our section when the server pulls its configuration', async () => {
    const client = await LspTestClient.start({
      workspaceFolder: WORKSPACE,
      pullConfiguration: true,
      settings: {},
      initializationOptions: { settings: { files: ['custom/*.yaml'] } },
    });
    await withClient(client, async () => {
      // The server pulls once it is initialized; the answer (null) must be in before the file is opened.
      await client.waitFor(() => (client.configurationAnswers >= 1 ? true : undefined), 5000, 'a configuration pull');
      const uri = fileUri(`${WORKSPACE}/custom/google.yaml`);
      await client.open(uri, 'yaml', CUSTOM_FILE_TEXT);
      const diagnostics = errors(await client.diagnostics(uri));
      assert.equal(diagnostics[0]?.range.start.line, 0, `the custom file is served; got ${JSON.stringify(diagnostics)}`);
    });
  });

  test('survive a didChangeConfiguration without our section followed by a null pull (Neovim 0.7 sends one at start)', async () => {
    const client = await LspTestClient.start({
      workspaceFolder: WORKSPACE,
      pullConfiguration: true,
      settings: {},
      initializationOptions: { settings: { files: ['custom/*.yaml'] } },
    });
    await withClient(client, async () => {
      await client.waitFor(() => (client.configurationAnswers >= 1 ? true : undefined), 5000, 'the first configuration pull');
      await client.changeSettings({});
      await client.waitFor(() => (client.configurationAnswers >= 2 ? true : undefined), 5000, 'the pull after the change');
      const uri = fileUri(`${WORKSPACE}/custom/okta.yaml`);
      await client.open(uri, 'yaml', CUSTOM_FILE_TEXT);
      assert.equal(errors(await client.diagnostics(uri))[0]?.range.start.line, 0, 'the custom file is still served');
    });
  });
});
