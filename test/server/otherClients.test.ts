/**
 * What LSP clients other than VS Code do that VS Code does not (issue 10): settings only in
 * `initializationOptions` while `workspace/configuration` is answered with null (eglot, Helix), and a `languageId`
 * that does not match the file (eglot 1.9 sends `yaml` for every file of a server entry that lists YAML and JSON
 * modes). Each test plays that client's part with the real LSP client over stdio.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { DocumentFormattingRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { errorsOf, fileUri, LspTestClient } from './lspClient';

const WORKSPACE = '/tmp/auth0-connections-other-clients-test';

/** The custom file is served: its name's error, on exactly `bad name` (a parse error on line 0 would not do). */
function assertBadNameError(diagnostics: Diagnostic[], what: string): void {
  const found = errorsOf(diagnostics).find((d) => /^The name contains a space \(position 4\)/.test(d.message));
  assert.ok(found, `${what}; got ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  assert.deepEqual(found.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } });
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

  /** A client that gives the `files` setting only at initialization and answers null when the server pulls (eglot). */
  const startWithFilesGivenAtInitialization = () =>
    LspTestClient.start({ workspaceFolder: WORKSPACE, pullConfiguration: true, settings: {}, initializationOptions: { settings: { files: ['custom/*.yaml'] } } });

  test('survive the client answering null for our section when the server pulls its configuration', async () => {
    const client = await startWithFilesGivenAtInitialization();
    await withClient(client, async () => {
      // The server pulls once it is initialized; the answer (null) must be in before the file is opened.
      await client.waitFor(() => (client.configurationAnswers >= 1 ? true : undefined), 5000, 'a configuration pull');
      const uri = fileUri(`${WORKSPACE}/custom/google.yaml`);
      await client.open(uri, 'yaml', CUSTOM_FILE_TEXT);
      assertBadNameError(await client.diagnostics(uri), 'the custom file is served');
    });
  });

  test('survive a didChangeConfiguration without our section followed by a null pull', async () => {
    const client = await startWithFilesGivenAtInitialization();
    await withClient(client, async () => {
      await client.waitFor(() => (client.configurationAnswers >= 1 ? true : undefined), 5000, 'the first configuration pull');
      await client.changeSettings({});
      await client.waitFor(() => (client.configurationAnswers >= 2 ? true : undefined), 5000, 'the pull after the change');
      const uri = fileUri(`${WORKSPACE}/custom/okta.yaml`);
      await client.open(uri, 'yaml', CUSTOM_FILE_TEXT);
      assertBadNameError(await client.diagnostics(uri), 'the custom file is still served');
    });
  });
});

describe('a languageId that contradicts the file extension', () => {
  test('a .connection.json sent as yaml is validated as JSON', async () => {
    const client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
    await withClient(client, async () => {
      // A trailing comma is an error in JSON and fine in a YAML flow mapping: only the JSON mode reports it.
      const uri = fileUri(`${WORKSPACE}/x.connection.json`);
      await client.open(uri, 'yaml', '{"name": "my-db", "strategy": "auth0",}');
      const diagnostics = errorsOf(await client.diagnostics(uri));
      assert.ok(
        diagnostics.some((d) => /trailing comma/i.test(d.message)),
        `JSON's trailing-comma error; got ${JSON.stringify(diagnostics)}`,
      );
    });
  });

  test('a .connection.json sent as yaml is formatted as valid JSON', async () => {
    const client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
    await withClient(client, async () => {
      const uri = fileUri(`${WORKSPACE}/x.connection.json`);
      const compact = '{"name":"my-db","strategy":"auth0","options":{"brute_force_protection":true}}';
      await client.open(uri, 'yaml', compact);
      const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options: { tabSize: 2, insertSpaces: true },
      });
      const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, compact), edits ?? []);
      assert.equal(formatted, '{\n  "name": "my-db",\n  "strategy": "auth0",\n  "options": {\n    "brute_force_protection": true\n  }\n}');
    });
  });

  test('a plain .json sent as yaml whose $schema names our schema is served', async () => {
    const client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
    await withClient(client, async () => {
      const uri = fileUri(`${WORKSPACE}/plain.json`);
      await client.open(uri, 'yaml', '{\n  "$schema": "./schemas/connection.schema.json",\n  "name": "bad name",\n  "strategy": "auth0"\n}\n');
      const diagnostics = errorsOf(await client.diagnostics(uri));
      assert.ok(
        diagnostics.some((d) => d.range.start.line === 2 && /name/i.test(d.message)),
        `the bad name is reported; got ${JSON.stringify(diagnostics)}`,
      );
    });
  });

  test('an untitled document is still decided by its languageId', async () => {
    const client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
    await withClient(client, async () => {
      // Untitled buffers are served only when they name our schema; the languageId says how to read that.
      const uri = 'untitled:Untitled-1';
      await client.open(uri, 'yaml', '# yaml-language-server: $schema=connection.schema.json\nname: bad name\n');
      const diagnostics = errorsOf(await client.diagnostics(uri));
      assert.ok(diagnostics.some((d) => d.range.start.line === 1), `served as YAML; got ${JSON.stringify(diagnostics)}`);
    });
  });
});
