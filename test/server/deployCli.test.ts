/**
 * auth0-deploy-cli repositories in the language server, as an editor sees them: the sample repository of
 * test/fixtures/deploy-cli/sample (positions from its README: 1-based line:column, end exclusive), both formats,
 * with its config.json, scripts and templates read from disk as a0deploy would read them.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DeployCliItemRequest,
  DocumentStatusNotification,
  type DeployCliItemResult,
  type DocumentStatusParams,
} from '../../common/protocol';
import { completionLabels, fileUri, hoverText, LspTestClient } from './lspClient';

const SAMPLE = resolve(__dirname, '../fixtures/deploy-cli/sample');
const UPSTREAM = resolve(__dirname, '../fixtures/deploy-cli/upstream');

let client: LspTestClient;
let scratch: string;
before(async () => {
  client = await LspTestClient.start({ workspaceFolder: resolve(__dirname, '../fixtures/deploy-cli'), createFiles: true });
  scratch = mkdtempSync(join(tmpdir(), 'auth0-deploy-cli-server-'));
});
after(async () => {
  await client.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** `line:col-line:col`, 1-based, end exclusive: the README's notation. */
function at(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

function summary(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${at(d)} ${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 1]} ${String(d.code)}`);
}

async function openFile(path: string, text = readFileSync(path, 'utf8')): Promise<{ uri: string; diagnostics: Diagnostic[]; text: string }> {
  const uri = fileUri(path);
  await client.open(uri, path.endsWith('.json') ? 'json' : 'yaml', text);
  // Versioned: the empty publication that answers an earlier close of the same file carries none.
  return { uri, diagnostics: await client.diagnostics(uri, (_d, params) => params.version === 1), text };
}

void describe('the sample repository, YAML format (tenant.yaml)', () => {
  const path = join(SAMPLE, 'yaml/tenant.yaml');

  test('the deliberate mistakes, with their exact codes and positions, and nothing else', async () => {
    const { uri, diagnostics } = await openFile(path);
    assert.deepEqual(summary(diagnostics), [
      '16:17-16:51 error missing-file',
      '25:23-25:42 info keyword-from-environment',
      '32:15-32:21 error unknown-strategy',
      '40:5-40:12 warning strategy-option-constraint',
    ]);
    const secret = diagnostics.find((d) => d.code === 'keyword-from-environment');
    assert.match(secret?.message ?? '', /##UNMAPPED_SECRET## is not in AUTH0_KEYWORD_REPLACE_MAPPINGS \(config\.json\).*environment/);
    assert.match(diagnostics.find((d) => d.code === 'missing-file')?.message ?? '', /create script "\.\/databases\/sample-users\/create\.js" does not exist/);
    await client.close(uri);
  });

  test('the status names the file as deploy-cli, with its items and the config the keywords come from', async () => {
    const { uri } = await openFile(path);
    const status = await client.waitFor(
      () => client.notifications.map((n) => n.params as DocumentStatusParams).find((p) => p.uri === uri && p.isConnectionFile),
      10_000,
      'the document status',
    );
    assert.equal(status.deployCli, 'tenant');
    assert.match(status.schemaName ?? '', /tenant file · 3 connections, 1 database · keywords from .*sample\/yaml\/config\.json/);
    await client.close(uri);
  });

  test('completion inside an item offers the options of that item\'s strategy; a databases: item is auth0', async () => {
    const text = readFileSync(path, 'utf8').replace('strategy: samlpp', 'strategy: samlp').replace('      debug: false\n', '      debug: false\n      \n');
    const { uri } = await openFile(path, text);
    const lines = text.split('\n');
    const samlBlank = lines.findIndex((line, index) => index > 30 && line === '      ');
    const saml = completionLabels(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: samlBlank, character: 6 } }));
    assert.ok(saml.includes('signOutEndpoint') && saml.includes('signatureAlgorithm'), `samlp options: ${saml.join(', ')}`);
    assert.ok(!saml.includes('signInEndpoint'), 'an option the item already has is not offered again');
    assert.ok(!saml.includes('passwordPolicy'), 'no database option in a samlp item');
    const scriptsLine = lines.findIndex((line) => line.includes('customScripts:'));
    const database = completionLabels(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: scriptsLine + 1, character: 8 } }));
    assert.ok(database.includes('verify') && database.includes('change_email'), `custom scripts of a database item: ${database.join(', ')}`);
    await client.close(uri);
  });

  test('hover on a keyword shows its value and where it comes from; on a key, the schema\'s description', async () => {
    const { uri, text } = await openFile(path);
    const document = TextDocument.create(uri, 'yaml', 1, text);
    const hoverAt = (needle: string, shift = 2) =>
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf(needle) + shift) });
    const mapped = hoverText(await hoverAt('##MAPPED##-okta'));
    assert.match(mapped, /Value: `"dev"`, from `AUTH0_KEYWORD_REPLACE_MAPPINGS` in `config\.json`/);
    const unmapped = hoverText(await hoverAt('##UNMAPPED_SECRET##'));
    assert.match(unmapped, /Not in `AUTH0_KEYWORD_REPLACE_MAPPINGS`/);
    const enabledClients = hoverText(await hoverAt('enabled_clients'));
    assert.match(enabledClients, /by \*\*name\*\*/, `enabled_clients is described for deploy-cli: ${enabledClients}`);
    await client.close(uri);
  });

  test('quick fix on the misspelt strategy replaces exactly that value', async () => {
    const { uri, diagnostics, text } = await openFile(path);
    const unknown = diagnostics.find((d) => d.code === 'unknown-strategy');
    assert.ok(unknown);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title === 'Change "samlpp" to "samlp"');
    assert.ok(fix, `fixes: ${actions.map((a) => a.title).join(', ')}`);
    const edits = fix.edit?.changes?.[uri] as TextEdit[];
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits), text.replace('strategy: samlpp', 'strategy: samlp'));
    await client.close(uri);
  });
});

void describe('the sample repository, directory format', () => {
  test('connections/<name>.json and database.json: the same mistakes at their exact places', async () => {
    const saml = await openFile(join(SAMPLE, 'directory/connections/sample-saml.json'));
    assert.deepEqual(summary(saml.diagnostics), ['3:15-3:23 error unknown-strategy']);
    const okta = await openFile(join(SAMPLE, 'directory/connections/sample-okta.json'));
    assert.deepEqual(summary(okta.diagnostics), ['9:23-9:42 info keyword-from-environment']);
    const database = await openFile(join(SAMPLE, 'directory/database-connections/sample-users/database.json'));
    assert.deepEqual(summary(database.diagnostics), ['11:17-11:30 error missing-file']);
    const email = await openFile(join(SAMPLE, 'directory/connections/sample-email.json'));
    assert.deepEqual(summary(email.diagnostics).filter((line) => / error /.test(line)), [], 'the email body file exists beside it');
    for (const file of [saml, okta, database, email]) await client.close(file.uri);
  });

  test('the missing script is created from a template by a quick fix', async () => {
    const repository = join(scratch, 'create-script');
    cpSync(join(SAMPLE, 'directory'), repository, { recursive: true });
    const { uri, diagnostics } = await openFile(join(repository, 'database-connections/sample-users/database.json'));
    const missing = diagnostics.find((d) => d.code === 'missing-file');
    assert.ok(missing);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const create = actions.find((action) => action.title === 'Create create.js from a template');
    assert.ok(create, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const changes = create.edit?.documentChanges ?? [];
    const target = fileUri(join(repository, 'database-connections/sample-users/create.js'));
    assert.deepEqual(changes[0], { kind: 'create', uri: target, options: { ignoreIfExists: true } });
    const written = (changes[1] as { edits: TextEdit[] }).edits[0]?.newText ?? '';
    assert.match(written, /^\/\/ Auth0 custom database script: create\./);
    assert.match(written, /function create\(user, callback\) \{/);
    // Applied as the editor would: the file exists, and once the client says so the error goes.
    writeFileSync(join(repository, 'database-connections/sample-users/create.js'), written);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: target, type: 1 }] });
    const after = await client.diagnostics(uri, (found) => !found.some((d) => d.code === 'missing-file'));
    assert.deepEqual(summary(after), []);
    await client.close(uri);
  });

  test('a connections/ folder of another kind of project is not served', async () => {
    const project = join(scratch, 'web-app');
    mkdirSync(join(project, 'connections'), { recursive: true });
    mkdirSync(join(project, 'clients'), { recursive: true });
    const path = join(project, 'connections/db.json');
    writeFileSync(path, '{ "host": "localhost" }\n');
    const uri = fileUri(path);
    await client.open(uri, 'json', '{ "host": "localhost" }\n');
    const status = await client.waitFor(
      () => client.notifications.map((n) => n.params as DocumentStatusParams).find((p) => p.uri === uri),
      10_000,
      'the document status',
    );
    assert.equal(status.isConnectionFile, false);
    await client.close(uri);
  });
});

void describe('keywords', () => {
  test('without a deploy-cli config, keywords are placeholders: no warnings, and a bare @@KEY@@ is no syntax error', async () => {
    const repository = join(scratch, 'no-config');
    mkdirSync(repository, { recursive: true });
    const text = 'connections:\n  - name: okta\n    strategy: okta\n    options:\n      domain_aliases: @@ORIGINS@@\n      client_secret: ##OKTA_SECRET##\n      domain: "##ENV##.okta.example.com"\n';
    const { uri, diagnostics } = await openFile(join(repository, 'tenant.yaml'), text);
    assert.deepEqual(summary(diagnostics).filter((line) => !line.includes('strategy-option-constraint')), []);
    await client.close(uri);
  });

  test('with a config, an unmapped keyword is a warning at the keyword, saying what deploy-cli will do', async () => {
    const repository = join(scratch, 'unmapped');
    mkdirSync(repository, { recursive: true });
    writeFileSync(join(repository, 'config.json'), JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { ENV: 'dev' } }));
    const text = 'connections:\n  - name: "##ENV##-okta"\n    strategy: okta\n    display_name: "Okta ##REGION##"\n    options:\n      domain: "##ENV##.okta.example.com"\n';
    const { uri, diagnostics } = await openFile(join(repository, 'tenant.yml'), text);
    assert.deepEqual(summary(diagnostics).filter((line) => !line.includes('strategy-option-constraint')), ['4:25-4:35 warning unmapped-keyword']);
    assert.match(diagnostics.find((d) => d.code === 'unmapped-keyword')?.message ?? '', /##REGION## is not in AUTH0_KEYWORD_REPLACE_MAPPINGS \(config\.json\): deploy-cli will send it literally\./);
    await client.close(uri);
  });

  test('a value wrong once its keyword is replaced is reported on the keyword as written', async () => {
    const repository = join(scratch, 'bad-value');
    mkdirSync(repository, { recursive: true });
    writeFileSync(join(repository, 'config.json'), JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { NAME: 'has spaces', SHOW: 'yes' } }));
    const text = 'connections:\n  - name: "##NAME##"\n    strategy: google-oauth2\n    show_as_button: @@SHOW@@\n';
    const { uri, diagnostics } = await openFile(join(repository, 'tenant.yaml'), text);
    assert.deepEqual(summary(diagnostics).filter((line) => / error /.test(line)), ['2:11-2:21 error invalid-name', '4:21-4:29 error schema']);
    assert.match(diagnostics.find((d) => d.code === 'schema')?.message ?? '', /Incorrect type\. Expected "boolean"/);
    await client.close(uri);
  });

  test('a keyword whose replacement breaks the YAML is an error of its own on the line deploy-cli breaks', async () => {
    const repository = join(scratch, 'breaks');
    mkdirSync(repository, { recursive: true });
    writeFileSync(join(repository, 'config.json'), JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { ORIGINS: ['a.example', 'b.example'] } }));
    // Only a keyword that is the whole quoted value loses its quotes: inside a longer string the list breaks it.
    const text = 'connections:\n  - name: okta\n    strategy: okta\n    display_name: "see @@ORIGINS@@"\n';
    const { uri, diagnostics } = await openFile(join(repository, 'tenant.yaml'), text);
    const broken = diagnostics.filter((d) => d.code === 'keyword-syntax');
    assert.ok(broken.length > 0 && broken.every((d) => d.range.start.line === 3), summary(diagnostics).join(' | '));
    assert.match(broken[0]?.message ?? '', /^Once deploy-cli replaces the keywords on this line, it is not valid YAML: /);
    assert.ok(!diagnostics.some((d) => d.code === 'syntax'), summary(diagnostics).join(' | '));
    await client.close(uri);
  });

  test('completion after ## offers the keys of the mappings, closing the keyword', async () => {
    const text = readFileSync(join(SAMPLE, 'yaml/tenant.yaml'), 'utf8').replace('debug: false', 'debug: "##MA"');
    const { uri } = await openFile(join(SAMPLE, 'yaml/tenant.yaml'), text);
    const document = TextDocument.create(uri, 'yaml', 1, text);
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf('##MA"') + 4) });
    const items = (result as CompletionList).items;
    const mapped = items.find((item) => item.label === 'MAPPED');
    assert.ok(mapped, `keys offered: ${completionLabels(result).join(', ')}`);
    assert.equal((mapped.textEdit as TextEdit).newText, 'MAPPED##');
    assert.ok(completionLabels(result).includes('ORIGINS'));
    await client.close(uri);
  });

  test('formatting a file whose keywords are replaced is declined (nothing to map back safely)', async () => {
    const { uri } = await openFile(join(SAMPLE, 'yaml/tenant.yaml'));
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits, []);
    assert.ok(
      client.notifications.some((n) => n.method === 'window/logMessage' && /Not formatting .*tenant\.yaml: its deploy-cli keywords are replaced/.test(JSON.stringify(n.params))),
      'the refusal is said in the log',
    );
    await client.close(uri);
  });
});

void describe('settings and secrets', () => {
  test('a secret mapping is masked in hover, and the value reaches no log', async () => {
    const repository = join(scratch, 'secret');
    mkdirSync(repository, { recursive: true });
    writeFileSync(join(repository, 'config.json'), JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { OKTA_CLIENT_SECRET: 's3cr3t-value-42' } }));
    const text = 'connections:\n  - name: okta\n    strategy: okta\n    options:\n      client_secret: "##OKTA_CLIENT_SECRET##"\n';
    const { uri } = await openFile(join(repository, 'tenant.yaml'), text);
    const document = TextDocument.create(uri, 'yaml', 1, text);
    const hover = hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf('OKTA_CLIENT')) }));
    assert.match(hover, /Value: \(a secret: not shown\)/);
    assert.ok(!hover.includes('s3cr3t'), hover);
    assert.ok(!JSON.stringify(client.notifications).includes('s3cr3t') && !client.stderr.join('').includes('s3cr3t'), 'the secret reached a log');
    await client.close(uri);
  });

  test('a keyword the environment maps is resolved, its value never shown; an open, unsaved config.json counts', async () => {
    const repository = join(scratch, 'environment');
    mkdirSync(repository, { recursive: true });
    const configPath = join(repository, 'config.json');
    writeFileSync(configPath, JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { ENV: 'dev' } }));
    const other = await LspTestClient.start({ workspaceFolder: scratch, watchFiles: true, env: { DEPLOY_REGION: 'eu-west-sekrit' } });
    try {
      await other.waitFor(() => other.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 10_000, 'the file watchers');
      const text = 'connections:\n  - name: "##ENV##-okta"\n    strategy: okta\n    display_name: "##DEPLOY_REGION## ##SHARD##"\n';
      const uri = fileUri(join(repository, 'tenant.yaml'));
      await other.open(uri, 'yaml', text);
      const before = await other.diagnostics(uri);
      assert.deepEqual(summary(before).filter((line) => line.includes('keyword')), ['4:38-4:47 warning unmapped-keyword']);
      const document = TextDocument.create(uri, 'yaml', 1, text);
      const hover = hoverText(await other.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: document.positionAt(text.indexOf('DEPLOY_REGION')) }));
      assert.match(hover, /from the environment variable `DEPLOY_REGION` of the editor \(not shown/);
      assert.ok(!hover.includes('sekrit'), hover);
      // config.json open in the editor and edited, not saved: SHARD is mapped now.
      const configUri = fileUri(configPath);
      await other.open(configUri, 'json', JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { ENV: 'dev', SHARD: '7' } }));
      const after = await other.diagnostics(uri, (found) => !found.some((d) => d.code === 'unmapped-keyword'));
      assert.deepEqual(summary(after).filter((line) => line.includes('keyword')), []);
    } finally {
      await other.stop();
    }
  });

  test('the deployCli.config setting names the mappings for files with no config above them', async () => {
    const repository = join(scratch, 'setting');
    mkdirSync(repository, { recursive: true });
    const config = join(scratch, 'ops-config.json');
    writeFileSync(config, JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { ENV: 'dev' } }));
    const text = 'connections:\n  - name: "##ENV##-okta"\n    strategy: okta\n    display_name: "##REGION##"\n';
    const other = await LspTestClient.start({ workspaceFolder: scratch, settings: { auth0Connections: { deployCli: { config: 'ops-config.json' } } } });
    try {
      const uri = fileUri(join(repository, 'tenant.yaml'));
      await other.open(uri, 'yaml', text);
      const diagnostics = await other.diagnostics(uri);
      assert.deepEqual(summary(diagnostics).filter((line) => line.includes('keyword')), ['4:20-4:30 warning unmapped-keyword']);
      assert.match(diagnostics.find((d) => d.code === 'unmapped-keyword')?.message ?? '', /\(ops-config\.json\)/);
    } finally {
      await other.stop();
    }
  });

  test('a JSON file the files setting names, listing connections, is a tenant file', async () => {
    const other = await LspTestClient.start({ workspaceFolder: scratch, settings: { auth0Connections: { files: ['tenant.json'] } } });
    try {
      const text = JSON.stringify({ connections: [{ name: 'a', strategy: 'github' }, { name: 'b', strategy: 'samlpp' }] }, null, 2);
      const uri = fileUri(join(scratch, 'json-tenant', 'tenant.json'));
      await other.open(uri, 'json', text);
      const diagnostics = await other.diagnostics(uri);
      assert.deepEqual(summary(diagnostics), ['9:19-9:27 error unknown-strategy']);
    } finally {
      await other.stop();
    }
  });
});

void describe('editing', () => {
  test('typing in one item gives that version\'s diagnostics, the other items\' unchanged', async () => {
    const path = join(SAMPLE, 'yaml/tenant.yaml');
    const { uri, text } = await openFile(path);
    const fixed = text.replace('strategy: samlpp', 'strategy: samlp');
    const version = await client.change(uri, fixed);
    const after = await client.diagnostics(uri, (_d, params) => params.version === version);
    assert.deepEqual(summary(after), ['16:17-16:51 error missing-file', '25:23-25:42 info keyword-from-environment', '40:5-40:12 warning strategy-option-constraint']);
    const broken = await client.change(uri, fixed.replace('debug: false', 'debug: nope'));
    const again = await client.diagnostics(uri, (_d, params) => params.version === broken);
    assert.ok(again.some((d) => at(d) === '37:14-37:18' && /boolean/.test(d.message)), summary(again).join(' | '));
    await client.close(uri);
  });
});

void describe('the item under the caret, for commands acting on one item', () => {
  test('keywords substituted, an implied database strategy filled in, the files it names', async () => {
    const path = join(SAMPLE, 'yaml/tenant.yaml');
    const { uri, text } = await openFile(path);
    const document = TextDocument.create(uri, 'yaml', 1, text);
    const okta = (await client.connection.sendRequest(DeployCliItemRequest, {
      uri,
      position: document.positionAt(text.indexOf('domain_aliases')),
    })) as DeployCliItemResult;
    assert.equal(okta.item?.label, 'connections[0]');
    assert.deepEqual((okta.item?.value['options'] as Record<string, unknown>)['domain_aliases'], ['dev.example.com', 'login.dev.example.com']);
    assert.equal((okta.item?.value['options'] as Record<string, unknown>)['client_id'], 'dev-okta-client-id');
    const database = (await client.connection.sendRequest(DeployCliItemRequest, { uri, position: document.positionAt(text.indexOf('customScripts')) })) as DeployCliItemResult;
    assert.equal(database.item?.value['strategy'], 'auth0');
    assert.deepEqual(database.item?.files.map((f) => f.path.join('.')), ['options.customScripts.login', 'options.customScripts.get_user', 'options.customScripts.create']);
    assert.equal(database.item?.errors.length, 1, 'the missing script is its one error');
    await client.close(uri);
  });
});

void describe('deploy-cli\'s own examples (upstream)', () => {
  test('validate with no errors but the oidc example\'s missing client_id, which Auth0 refuses', async () => {
    const files = [
      'yaml/tenant.yaml',
      'directory/connections/enterprise-oidc.json',
      'directory/connections/enterprise-okta.json',
      'directory/connections/facebook.json',
      'directory/connections/google-apps.json',
      'directory/database-connections/users/database.json',
    ];
    // deploy-cli's enterprise-oidc example has no options.client_id: Auth0 answers 400 "options.client_id is required"
    // (engine/evidence.ts). Nothing else in deploy-cli's examples is an error.
    const expected: Record<string, string[]> = {
      'yaml/tenant.yaml': ['183:5-183:12 error missing-required-option'],
      'directory/connections/enterprise-oidc.json': ['7:3-7:12 error missing-required-option'],
    };
    for (const file of files) {
      const { uri, diagnostics } = await openFile(join(UPSTREAM, file));
      assert.deepEqual(summary(diagnostics).filter((line) => / error /.test(line)), expected[file] ?? [], file);
      await client.close(uri);
    }
    assert.ok(existsSync(join(UPSTREAM, 'SOURCES.md')));
  });
});

void describe('status notifications', () => {
  test('DocumentStatusNotification is the one the client listens to', () => {
    assert.equal(DocumentStatusNotification, 'auth0Connections/documentStatus');
  });
});
