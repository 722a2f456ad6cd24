/**
 * The language server as an editor sees it: spawned over stdio, driven by a real LSP client, asserting what a user
 * would see (messages, exact ranges, completion labels, hover text) in JSON and in YAML.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DocumentStatusNotification,
  ValidateDocumentRequest,
  type DocumentStatusParams,
  type ValidateDocumentResult,
} from '../../common/protocol';
import { completionItems, errorsOf, fileUri, hoverText, LspTestClient, withCaret } from './lspClient';

const WORKSPACE = '/tmp/auth0-connections-server-test';

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
});
after(async () => {
  await client.stop();
});

function textAt(text: string, diagnostic: Diagnostic): string {
  const doc = TextDocument.create('x', 'x', 1, text);
  return text.slice(doc.offsetAt(diagnostic.range.start), doc.offsetAt(diagnostic.range.end));
}

function docText(item: CompletionItem): string {
  const doc = item.documentation;
  return `${item.detail ?? ''} ${typeof doc === 'string' ? doc : doc?.value ?? ''}`;
}

const BAD_YAML = 'name: -bad name\nstrategy: googel-oauth2\noptions: {}\n';
const BAD_JSON = '{\n  "name": "-bad name",\n  "strategy": "googel-oauth2"\n}\n';

describe('diagnostics', () => {
  for (const [format, text, languageId] of [
    ['yaml', BAD_YAML, 'yaml'],
    ['json', BAD_JSON, 'json'],
  ] as const) {
    test(`${format}: a bad name and an unknown strategy are errors at their exact values`, async () => {
      const uri = fileUri(`${WORKSPACE}/bad.connection.${format}`);
      await client.open(uri, languageId, text);
      const diagnostics = errorsOf(await client.diagnostics(uri));
      const onName = diagnostics.find((d) => textAt(text, d).includes('-bad name'));
      const onStrategy = diagnostics.find((d) => textAt(text, d).includes('googel-oauth2'));
      assert.ok(onName, `no error on the name; got ${JSON.stringify(diagnostics)}`);
      assert.ok(onStrategy, `no error on the strategy; got ${JSON.stringify(diagnostics)}`);
      assert.match(onName.message, /name/i);
      assert.doesNotMatch(onName.message, /\^\[a-zA-Z0-9\]/, 'the name rule must be a sentence, not a regex');
      assert.match(onStrategy.message, /google-oauth2/, 'the unknown strategy suggests the closest one');
      assert.equal(onStrategy.source, 'auth0-connections');
      await client.close(uri);
    });
  }

  test('a valid YAML body gets no errors, and an edit that breaks it is reported for the new version', async () => {
    const uri = fileUri(`${WORKSPACE}/edit.connection.yaml`);
    const good = 'name: my-db\nstrategy: auth0\n';
    await client.open(uri, 'yaml', good);
    assert.deepEqual(errorsOf(await client.diagnostics(uri)), []);
    const version = await client.change(uri, 'name: my db\nstrategy: auth0\n');
    const after = await client.diagnostics(uri, (_d, params) => params.version === version);
    assert.equal(errorsOf(after).length, 1);
    assert.equal(after[0]?.range.start.line, 0);
    await client.close(uri);
  });

  test('a $schema key in a connection file is never flagged', async () => {
    const uri = fileUri(`${WORKSPACE}/schema-key.connection.json`);
    const text = '{\n  "$schema": "./schemas/connection.schema.json",\n  "name": "x",\n  "strategy": "auth0"\n}\n';
    await client.open(uri, 'json', text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.filter((d) => textAt(text, d).includes('$schema')), []);
    assert.deepEqual(errorsOf(diagnostics), []);
    await client.close(uri);
  });

  test('malformed, binary, half-typed and huge documents are answered, never crash the server', async () => {
    const cases: Array<[string, string, string]> = [
      ['half.connection.json', 'json', '{\n  "name": "x",\n  "strategy": '],
      ['half.connection.yaml', 'yaml', 'name: x\nstrategy:\noptions:\n  attributes:\n    email: [\n'],
      ['binary.connection.json', 'json', '\u0000\u0001\u0002PNG\u0000'],
      ['tabs.connection.yaml', 'yaml', 'name: x\n\tstrategy: auth0\n'],
      ['deep.connection.json', 'json', '['.repeat(50000) + ']'.repeat(50000)],
      ['deep.connection.yaml', 'yaml', 'a: ' + '['.repeat(50000) + ']'.repeat(50000)],
      ['huge.connection.json', 'json', `{"name":"x","strategy":"auth0","options":{${Array.from({ length: 20000 }, (_, i) => `"k${i}":${i}`).join(',')}}}`],
    ];
    for (const [name, languageId, text] of cases) {
      const uri = fileUri(`${WORKSPACE}/${name}`);
      await client.open(uri, languageId, text);
      const diagnostics = await client.diagnostics(uri);
      if (name.startsWith('binary')) assert.match(diagnostics[0]?.message ?? '', /binary/);
      if (name.startsWith('deep')) assert.match(diagnostics[0]?.message ?? '', /nested \d+ levels deep/);
      if (name.startsWith('half')) assert.ok(diagnostics.length > 0, `${name}: a half-typed document gets a diagnostic`);
      const hover = await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 0, character: 3 },
      });
      assert.ok(hover === null || typeof hover === 'object');
      await client.close(uri);
    }
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });
});

describe('which files are served', () => {
  test('a served file gets a status naming its strategy, updated when the strategy changes', async () => {
    const uri = fileUri(`${WORKSPACE}/status.connection.yaml`);
    const statusFor = (pattern: RegExp) => () =>
      client.notifications.find((n) => {
        const params = n.params as DocumentStatusParams;
        return n.method === DocumentStatusNotification && params.uri === uri && pattern.test(params.schemaName ?? '');
      });
    await client.open(uri, 'yaml', 'name: my-saml\nstrategy: samlp\n');
    const first = await client.waitFor(statusFor(/samlp: SAML/), 5000, 'status naming samlp');
    assert.equal((first.params as DocumentStatusParams).isConnectionFile, true);
    assert.equal((first.params as DocumentStatusParams).reason, 'file name');
    await client.change(uri, 'name: my-oidc\nstrategy: oidc\n');
    await client.waitFor(statusFor(/oidc: OpenID Connect/), 5000, 'status naming oidc');
    await client.close(uri);
  });

  test('a plain package.json gets nothing from us', async () => {
    const served = fileUri(`${WORKSPACE}/first.connection.json`);
    await client.open(served, 'json', '{"name": "bad name", "strategy": "auth0"}');
    assert.ok((await client.diagnostics(served)).length > 0, 'the server is up and validating');
    const uri = fileUri(`${WORKSPACE}/package.json`);
    await client.open(uri, 'json', '{ "name": "Not A Valid Connection Name!", "version": 1 }');
    const status = await client.waitFor(
      () => client.notifications.find((n) => n.method === DocumentStatusNotification && (n.params as DocumentStatusParams).uri === uri),
      5000,
      'document status for package.json',
    );
    assert.equal((status.params as DocumentStatusParams).isConnectionFile, false);
    const completion = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.deepEqual(completionItems(completion), []);
    // The server answers every document it does not serve with an empty publication (clearing anything stale);
    // waiting for that publication, not for a quiet spell, is what lets this negative fail.
    const diagnostics = await client.diagnostics(uri, () => true, 5000);
    assert.deepEqual(diagnostics, []);
    await client.close(uri);
    await client.close(served);
  });

  test('a JSON file whose $schema names our schema is served; so is a YAML file with the modeline', async () => {
    const json = fileUri(`${WORKSPACE}/tenant/google.json`);
    await client.open(json, 'json', '{\n  "$schema": "../node_modules/x/connection.schema.json",\n  "name": "bad name"\n}');
    assert.ok(errorsOf(await client.diagnostics(json)).length > 0);
    const yaml = fileUri(`${WORKSPACE}/tenant/google.yaml`);
    await client.open(yaml, 'yaml', '# yaml-language-server: $schema=../schemas/connection.schema.json\nname: bad name\n');
    assert.ok(errorsOf(await client.diagnostics(yaml)).length > 0);
    await client.close(json);
    await client.close(yaml);
  });

  test('globs from the auth0Connections.files setting take effect without a restart', async () => {
    const uri = fileUri(`${WORKSPACE}/conns/saml.yaml`);
    await client.open(uri, 'yaml', 'name: bad name\nstrategy: samlp\n');
    const status = await client.waitFor(
      () => client.notifications.find((n) => (n.params as DocumentStatusParams).uri === uri),
      5000,
      'status',
    );
    assert.equal((status.params as DocumentStatusParams).isConnectionFile, false);
    await client.changeSettings({ auth0Connections: { files: ['conns/*.yaml'] } });
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.ok(errorsOf(diagnostics).some((d) => /name/i.test(d.message)));
    await client.changeSettings({ auth0Connections: { files: [] } });
    await client.close(uri);
  });
});

describe('a connection file that names another schema', () => {
  for (const format of ['json', 'yaml'] as const) {
    test(`${format}: still gets the connection schema's completion and diagnostics, and nothing is fetched`, async () => {
      const source =
        format === 'json'
          ? '{\n  "$schema": "https://example.com/other.schema.json",\n  "name": "bad name",\n  "strategy": |^|\n}'
          : '# yaml-language-server: $schema=https://example.com/other.schema.json\nname: bad name\nstrategy: |^|\n';
      const { text, offset } = withCaret(source);
      const uri = fileUri(`${WORKSPACE}/foreign.connection.${format}`);
      await client.open(uri, format, text);
      const diagnostics = await client.diagnostics(uri);
      assert.ok(errorsOf(diagnostics).some((d) => /name/i.test(d.message)), JSON.stringify(diagnostics));
      assert.ok(!diagnostics.some((d) => /example\.com|Unable to load|not loaded/i.test(d.message)), JSON.stringify(diagnostics));
      const position = TextDocument.create(uri, format, 1, text).positionAt(offset);
      const items = completionItems(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
      assert.ok(items.some((item) => item.label.replace(/"/g, '') === 'samlp'), `got ${items.map((i) => i.label).join(', ')}`);
      await client.close(uri);
    });
  }
});

describe('completion and hover', () => {
  for (const format of ['yaml', 'json'] as const) {
    test(`${format}: completion on the strategy value offers strategies with their descriptions`, async () => {
      const source = format === 'yaml' ? 'name: x\nstrategy: |^|\n' : '{\n  "name": "x",\n  "strategy": |^|\n}';
      const { text, offset } = withCaret(source);
      const uri = fileUri(`${WORKSPACE}/complete.connection.${format}`);
      await client.open(uri, format, text);
      const position = TextDocument.create(uri, format, 1, text).positionAt(offset);
      const items = completionItems(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
      const samlp = items.find((item) => item.label.replace(/"/g, '') === 'samlp');
      assert.ok(samlp, `samlp is offered; got ${items.map((i) => i.label).join(', ')}`);
      assert.match(docText(samlp), /SAML/);
      const google = items.find((item) => item.label.replace(/"/g, '') === 'google-oauth2');
      assert.ok(google && /Google/.test(docText(google)));
      await client.close(uri);
    });

    test(`${format}: completion of property names offers the body's properties`, async () => {
      const source = format === 'yaml' ? 'name: x\n|^|\n' : '{\n  "name": "x",\n  |^|\n}';
      const { text, offset } = withCaret(source);
      const uri = fileUri(`${WORKSPACE}/props.connection.${format}`);
      await client.open(uri, format, text);
      const position = TextDocument.create(uri, format, 1, text).positionAt(offset);
      const labels = completionItems(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })).map(
        (i) => i.label.replace(/"/g, ''),
      );
      for (const expected of ['strategy', 'options', 'display_name', 'realms']) assert.ok(labels.includes(expected), `${expected} offered`);
      await client.close(uri);
    });

    test(`${format}: hover on name documents the rule in words`, async () => {
      const text = format === 'yaml' ? 'name: my-db\nstrategy: auth0\n' : '{\n  "name": "my-db",\n  "strategy": "auth0"\n}';
      const uri = fileUri(`${WORKSPACE}/hover.connection.${format}`);
      await client.open(uri, format, text);
      const line = format === 'yaml' ? 0 : 1;
      const character = format === 'yaml' ? 1 : 4;
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      const shown = hoverText(hover);
      assert.match(shown, /name of the connection/i);
      assert.doesNotMatch(shown, /<code>|&quot;|\\_/, 'no raw HTML or escaped punctuation');
      await client.close(uri);
    });
  }

  test('an empty connection file offers a scaffold per strategy', async () => {
    const uri = fileUri(`${WORKSPACE}/empty.connection.yaml`);
    await client.open(uri, 'yaml', '');
    const items = completionItems(
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }),
    );
    const samlp = items.find((item) => /samlp/i.test(item.label));
    assert.ok(samlp, `a SAML scaffold is offered; got ${items.map((i) => i.label).join(', ')}`);
    assert.match(samlp.insertText ?? (samlp.textEdit && 'newText' in samlp.textEdit ? samlp.textEdit.newText : ''), /strategy: samlp/);
    await client.close(uri);
  });
});

describe('starting bodies only where a whole body fits', () => {
  const scaffoldsAt = async (uri: string, format: 'json' | 'yaml', text: string, line: number, character: number) => {
    await client.open(uri, format, text);
    const items = completionItems(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }));
    await client.close(uri);
    return items.filter((item) => item.label.startsWith('Auth0 connection:'));
  };
  const newTextOf = (item: CompletionItem | undefined) => (item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '');

  test('an empty object in a JSON connection file gets them, replacing the braces', async () => {
    const scaffolds = await scaffoldsAt(fileUri(`${WORKSPACE}/braces.connection.json`), 'json', '{}', 0, 1);
    const github = scaffolds.find((item) => /github/.test(item.label));
    assert.ok(github, 'a GitHub body is offered');
    assert.ok(github.textEdit && 'range' in github.textEdit);
    assert.deepEqual(github.textEdit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
    assert.match(newTextOf(github), /^\{\n {2}"name": /);
  });

  test('a file that is ours only by its $schema keeps the $schema, on top', async () => {
    const json = '{ "$schema": "./schemas/connection.schema.json" }';
    const [first] = await scaffoldsAt(fileUri(`${WORKSPACE}/by-schema.json`), 'json', json, 0, 2);
    assert.ok(first, 'a body is offered');
    assert.match(newTextOf(first), /^\{\n {2}"\\\$schema": "\.\/schemas\/connection\.schema\.json",\n {2}"name": /);
    const yaml = '# yaml-language-server: $schema=./connection.schema.json\n';
    const [fromYaml] = await scaffoldsAt(fileUri(`${WORKSPACE}/by-modeline.yaml`), 'yaml', yaml, 1, 0);
    assert.ok(fromYaml, 'a body is offered after the modeline');
    assert.ok(fromYaml.textEdit && 'range' in fromYaml.textEdit);
    assert.equal(fromYaml.textEdit.range.start.line, 1, 'the modeline stays');
  });

  test('nowhere else: not on the strategy value, not inside options', async () => {
    const yaml = 'name: my-db\nstrategy: \noptions:\n  \n';
    assert.deepEqual(await scaffoldsAt(fileUri(`${WORKSPACE}/value.connection.yaml`), 'yaml', yaml, 1, 10), []);
    assert.deepEqual(await scaffoldsAt(fileUri(`${WORKSPACE}/options.connection.yaml`), 'yaml', yaml, 3, 2), []);
    const json = '{\n  "name": "my-db",\n  "strategy": "auth0",\n  "options": {  }\n}';
    assert.deepEqual(await scaffoldsAt(fileUri(`${WORKSPACE}/options.connection.json`), 'json', json, 3, 15), []);
  });
});

describe('outline, folding, selection, formatting, quick fixes', () => {
  const yaml = 'name: my-db\nstrategy: auth0\noptions:\n  passwordPolicy: good\n  brute_force_protection: true\n';
  test('document symbols outline the body', async () => {
    const uri = fileUri(`${WORKSPACE}/symbols.connection.yaml`);
    await client.open(uri, 'yaml', yaml);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['name', 'strategy', 'options']);
    assert.deepEqual(symbols[2]?.children?.map((s) => s.name), ['passwordPolicy', 'brute_force_protection']);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(folds && folds.some((f) => f.startLine === 2));
    const selections = await client.connection.sendRequest(SelectionRangeRequest.type, {
      textDocument: { uri },
      positions: [{ line: 3, character: 5 }],
    });
    assert.ok(selections && selections[0]?.parent, 'selection expands outwards');
    await client.close(uri);
  });

  test('formatting a JSON connection file returns edits that re-indent it', async () => {
    const uri = fileUri(`${WORKSPACE}/format.connection.json`);
    const text = '{"name":"my-db","strategy":"auth0"}';
    await client.open(uri, 'json', text);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, text), edits ?? []);
    assert.equal(formatted, '{\n  "name": "my-db",\n  "strategy": "auth0"\n}');
    await client.close(uri);
  });

  test('a misspelt strategy has a quick fix that replaces it with the closest one', async () => {
    const uri = fileUri(`${WORKSPACE}/fix.connection.yaml`);
    await client.open(uri, 'yaml', BAD_YAML);
    const diagnostics = await client.diagnostics(uri);
    const onStrategy = diagnostics.filter((d) => d.range.start.line === 1);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: onStrategy[0]!.range,
      context: { diagnostics: onStrategy },
    });
    const fix = (actions ?? []).find((a) => 'title' in a && /google-oauth2/.test(a.title));
    assert.ok(fix && 'edit' in fix && fix.edit, `a fix is offered; got ${JSON.stringify(actions)}`);
    const edits = fix.edit.changes?.[uri] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, BAD_YAML), edits);
    assert.match(fixed, /^strategy: google-oauth2$/m);
    await client.close(uri);
  });
});

describe('formatting registration', () => {
  test('with dynamic registration, formatting is offered only for the files served by name or setting, never all JSON', async () => {
    const dynamic = await LspTestClient.start({ workspaceFolder: WORKSPACE, dynamicFormatting: true, settings: { auth0Connections: { files: ['tenant/*.yaml'] } } });
    try {
      assert.equal(dynamic.initializeResult?.capabilities.documentFormattingProvider, false);
      const registration = await dynamic.waitFor(
        () => dynamic.registrations.find((r) => r.method === 'textDocument/formatting'),
        5000,
        'formatting registration',
      );
      const patterns = (registration.registerOptions as { documentSelector: Array<{ pattern?: string; language?: string }> }).documentSelector;
      assert.ok(patterns.every((filter) => filter.pattern !== undefined && filter.language === undefined), 'no language-wide filter');
      assert.deepEqual(
        patterns.map((filter) => filter.pattern),
        ['**/*.connection.json', '**/*.connection.yaml', '**/*.connection.yml', `${WORKSPACE}/tenant/*.yaml`],
      );
    } finally {
      await dynamic.stop();
    }
  });
});

describe('validate on request', () => {
  test('answers for the text just edited, without waiting for the debounce; nothing for files we do not serve', async () => {
    const slow = await LspTestClient.start({ workspaceFolder: WORKSPACE, settings: { auth0Connections: { validationDelayMs: 60_000 } } });
    try {
      const uri = fileUri(`${WORKSPACE}/now.connection.yaml`);
      await slow.open(uri, 'yaml', 'name: my-db\nstrategy: auth0\n');
      const version = await slow.change(uri, 'name: my db\nstrategy: auth0\n');
      const result = (await slow.connection.sendRequest(ValidateDocumentRequest, { uri })) as ValidateDocumentResult;
      assert.equal(result.served, true);
      assert.equal(result.version, version);
      assert.ok((result.diagnostics as Diagnostic[]).some((d) => d.severity === 1 && /name/i.test(d.message)));
      const other = fileUri(`${WORKSPACE}/package.json`);
      await slow.open(other, 'json', '{}');
      assert.deepEqual(await slow.connection.sendRequest(ValidateDocumentRequest, { uri: other }), { served: false, diagnostics: [] });
    } finally {
      await slow.stop();
    }
  });
});
