import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkBeforeSending, nodeAtPath, parseBody, toPlainValue } from '../../engine/index';
import { createYamlMode, validateDocument } from '../../languages/index';

test('JSON and YAML parse into the same tree with offsets into the text', () => {
  const json = '{\n  "name": "x",\n  "options": { "a": [1, true] }\n}';
  const yaml = 'name: x\noptions:\n  a: [1, true]\n';
  for (const [text, format] of [[json, 'json'], [yaml, 'yaml']] as const) {
    const parsed = parseBody(text, format);
    assert.deepEqual(parsed.syntaxProblems, []);
    assert.deepEqual(toPlainValue(parsed.root), { name: 'x', options: { a: [1, true] } });
    const name = nodeAtPath(parsed.root, ['name']);
    assert.ok(name);
    assert.equal(text.slice(name.offset, name.offset + name.length).replace(/"/g, ''), 'x');
  }
});

test('duplicate keys are reported at the later key', () => {
  const text = 'a: 1\nb: 2\na: 3\n';
  const parsed = parseBody(text, 'yaml');
  assert.equal(parsed.duplicateKeys.length, 1);
  assert.equal(parsed.duplicateKeys[0]?.offset, text.lastIndexOf('a:'));
});

test('malformed input yields problems, not an exception', () => {
  for (const text of ['{"name": ', '\u0000\u0001', 'a: [', '{{{{']) {
    assert.doesNotThrow(() => parseBody(text, 'json'));
    assert.doesNotThrow(() => parseBody(text, 'yaml'));
  }
  assert.ok(parseBody('{"name": ', 'json').syntaxProblems.length > 0);
});

test('a document nested thousands of levels deep is reported, not a crash', () => {
  for (const format of ['json', 'yaml'] as const) {
    const text = '['.repeat(20000) + ']'.repeat(20000);
    const parsed = parseBody(text, format);
    assert.equal(parsed.tooDeep, true);
    assert.match(parsed.syntaxProblems[0]?.message ?? '', /nested 20000 levels deep/);
    // A realistic body is far from the limit.
    assert.equal(parseBody('a:\n  b:\n    c: [1, {d: "[[["}]\n', format).tooDeep, undefined);
  }
});

// Issue 11, item 6: a YAML alias is sent (and checked) as the value it names, never as its own text.
const ALIASED = `name: &n my-db
strategy: &s auth0
display_name: *n
options: &o
  brute_force_protection: true
  passwordPolicy: good
realms: [*n, other]
`;

test('a YAML alias holds the value its anchor names, placed at the alias', () => {
  const parsed = parseBody(ALIASED, 'yaml');
  assert.equal(parsed.aliasProblems, undefined);
  assert.deepEqual(toPlainValue(parsed.root), {
    name: 'my-db',
    strategy: 'auth0',
    display_name: 'my-db',
    options: { brute_force_protection: true, passwordPolicy: 'good' },
    realms: ['my-db', 'other'],
  });
  const displayName = nodeAtPath(parsed.root, ['display_name'])!;
  assert.equal(ALIASED.slice(displayName.offset, displayName.offset + displayName.length), '*n');
  const realm = nodeAtPath(parsed.root, ['realms', 0])!;
  assert.equal(ALIASED.slice(realm.offset, realm.offset + realm.length), '*n');
});

test('an aliased mapping is the anchored mapping: its keys point at the text that wrote them', () => {
  const text = 'name: x\nstrategy: auth0\nmetadata: &m\n  team: blue\nrealms: [a]\nenabled_clients: []\nshow_as_button: false\nother: *m\n';
  const parsed = parseBody(text, 'yaml');
  const other = nodeAtPath(parsed.root, ['other'])!;
  assert.equal(text.slice(other.offset, other.offset + other.length), '*m');
  assert.deepEqual(toPlainValue(other), { team: 'blue' });
  assert.ok(other.kind === 'object');
  assert.equal(text.slice(other.properties[0]!.keyOffset, other.properties[0]!.keyOffset + 4), 'team');
});

test('an alias key is the text of the value it names, and a duplicate that way is found', () => {
  const text = '&k name: x\n*k : y\nstrategy: auth0\n';
  const parsed = parseBody(text, 'yaml');
  assert.deepEqual(toPlainValue(parsed.root), { name: 'y', strategy: 'auth0' });
  assert.equal(parsed.duplicateKeys.length, 1);
  assert.equal(parsed.duplicateKeys[0]!.offset, text.indexOf('*k'));
});

test('an alias naming no anchor, or inside the value it names, is an alias problem, not text sent', () => {
  const unknown = parseBody('name: *nothing\nstrategy: auth0\n', 'yaml');
  assert.match(unknown.aliasProblems?.[0]?.message ?? '', /The alias \*nothing names no anchor/);
  assert.equal(toPlainValue(nodeAtPath(unknown.root, ['name'])), null);
  const loop = parseBody('name: x\nstrategy: auth0\nmetadata: &m\n  self: *m\n', 'yaml');
  assert.match(loop.aliasProblems?.[0]?.message ?? '', /The alias \*m is inside the value it names/);
  const check = checkBeforeSending(unknown, []);
  assert.ok(!check.ok && check.reason === 'syntax');
  assert.match(check.problem?.message ?? '', /names no anchor/);
});

test('aliases that expand past the bound are refused with a clear problem, without building the expansion', () => {
  // Nine levels of ten aliases each: a billion values from twelve lines.
  const lines = ['name: bomb', 'strategy: auth0', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 10; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
  const parsed = parseBody(lines.join('\n') + '\n', 'yaml');
  assert.equal(parsed.aliasProblems?.length, 1);
  assert.match(parsed.aliasProblems![0]!.message, /^YAML aliases in this file expand to more than 10,000 values \(a connection body has a few hundred\), so \*a\d is not expanded and the file is not sent\./);
  assert.ok(JSON.stringify(toPlainValue(parsed.root)).length < 1_000_000);
  assert.ok(!checkBeforeSending(parsed, []).ok);
  // A realistic use of aliases is far below the bound.
  assert.equal(parseBody(ALIASED, 'yaml').aliasProblems, undefined);
});

test('thousands of aliases are resolved in one pass over the document', () => {
  // Resolving each alias with the library's Alias.resolve walks the whole document each time: 5,000 aliases in
  // 58 KB took 40 s. The bound only catches that walk coming back; the pass itself takes a fraction of a second.
  const lines = ['name: &n x', 'strategy: auth0', 'metadata:', ...Array.from({ length: 5000 }, (_, i) => `  k${i}: *n`)];
  const started = Date.now();
  const parsed = parseBody(lines.join('\n') + '\n', 'yaml');
  assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  assert.equal(parsed.aliasProblems, undefined);
  assert.equal(toPlainValue(nodeAtPath(parsed.root, ['metadata', 'k4999'])), 'x');
});

test('what is sent and what is checked are the resolved values (body, rules, schema)', async () => {
  const check = checkBeforeSending(parseBody(ALIASED, 'yaml'), []);
  assert.ok(check.ok);
  assert.equal(check.body.display_name, 'my-db');
  assert.deepEqual(check.body.realms, ['my-db', 'other']);

  // The rules see the resolved value: an option of another strategy, reached through an alias, is flagged at the alias.
  const mode = createYamlMode();
  const text = 'google: &g\n  allowed_audiences: [x]\nname: my-db\nstrategy: auth0\noptions: *g\n';
  const document = TextDocument.create('file:///aliased.connection.yaml', 'yaml', 1, text);
  const diagnostics = await validateDocument(document, mode);
  const options = diagnostics.filter((d) => d.code !== 'schema' && /allowed_audiences/.test(d.message));
  assert.ok(options.length > 0, JSON.stringify(diagnostics));
  // The schema (yaml-language-server) resolves aliases too: a string where a boolean belongs is an error.
  const typed = TextDocument.create('file:///typed.connection.yaml', 'yaml', 1, 'name: &n my-db\nstrategy: auth0\nshow_as_button: *n\n');
  assert.ok((await validateDocument(typed, mode)).some((d) => d.code === 'schema' && d.severity === 1), 'no schema error for a string alias on a boolean');
  // An alias problem is an error diagnostic of its own.
  const broken = TextDocument.create('file:///broken.connection.yaml', 'yaml', 1, 'name: *nothing\nstrategy: auth0\n');
  const brokenDiagnostics = await validateDocument(broken, mode);
  assert.ok(brokenDiagnostics.some((d) => d.code === 'yaml-alias' && d.severity === 1 && d.range.start.character === 6), JSON.stringify(brokenDiagnostics));
});
