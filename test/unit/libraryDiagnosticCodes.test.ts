/**
 * Every kind of syntax problem the JSON and YAML libraries report is coded as such, so that the VS Code client can drop
 * exactly what VS Code's JSON support or Red Hat YAML already shows (client/src/overlap.ts) and keep the rest. Before
 * this, "End of file expected." (which the JSON library reports without a syntax code) was coded as a schema problem
 * and shown twice.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LibraryDiagnosticCodes } from '../../common/protocol';
import { createJsonMode, createYamlMode } from '../../languages/index';

const HEAD = '{"name": "x", "strategy": "auth0"';

/** Broken JSON and the library's message for it (the JSON library's ErrorCode list, plus those it reports uncoded). */
const JSON_CASES: Array<[string, string, string]> = [
  ['end of comment', `${HEAD} /* open`, 'Unexpected end of comment.'],
  ['end of string', `${HEAD}, "display_name": "abc`, 'Unexpected end of string.'],
  ['end of number', `${HEAD}, "metadata": {"a": 1.}}`, 'Unexpected end of number.'],
  ['invalid unicode', `${HEAD}, "display_name": "\\u12"}`, 'Invalid unicode sequence in string.'],
  ['invalid escape', `${HEAD}, "display_name": "\\q"}`, 'Invalid escape character in string.'],
  ['invalid character', `${HEAD}, "display_name": "a\u0001"}`, 'Invalid characters in string. Control characters must be escaped.'],
  ['property expected', `${HEAD}, }`.replace(', }', ', , }'), 'Property expected'],
  ['comma expected', `${HEAD} "display_name": "a"}`, 'Expected comma'],
  ['colon expected', `${HEAD}, "display_name" "a"}`, 'Colon expected'],
  ['value expected', `${HEAD}, "display_name": }`, 'Value expected'],
  ['comma or close bracket', `${HEAD}, "realms": ["a"`, 'Expected comma or closing bracket'],
  ['comma or close brace', HEAD, 'Expected comma or closing brace'],
  ['keys double-quoted', `${HEAD}, 'display_name': "a"}`, 'Property keys must be doublequoted'],
  ['end of file expected', `${HEAD}} trailing`, 'End of file expected.'],
];

void describe('JSON: every syntax problem is coded syntax, never schema', () => {
  const mode = createJsonMode();
  for (const [what, text, message] of JSON_CASES) {
    void test(what, async () => {
      const document = TextDocument.create(`file:///w/${what.replace(/\W+/g, '-')}.connection.json`, 'json', 1, text);
      const diagnostics = await mode.doValidation(document);
      const found = diagnostics.filter((d) => d.message.startsWith(message));
      assert.ok(found.length > 0, `"${message}" not reported; got ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]))}`);
      for (const diagnostic of found) assert.equal(diagnostic.code, LibraryDiagnosticCodes.syntax, diagnostic.message);
      mode.onDocumentRemoved(document.uri);
    });
  }

  void test('comments and trailing commas are the API\'s strictness, in our words; duplicate keys their own kind', async () => {
    const text = '{\n  // note\n  "name": "x",\n  "name": "y",\n  "strategy": "auth0",\n}';
    const diagnostics = await mode.doValidation(TextDocument.create('file:///w/strict.connection.json', 'json', 1, text));
    const byCode = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => d.message);
    assert.deepEqual(byCode(LibraryDiagnosticCodes.strictJson).sort(), [
      'Comments are not allowed: the Management API takes strict JSON.',
      'Trailing comma: the Management API takes strict JSON, which has none.',
    ]);
    assert.ok(byCode(LibraryDiagnosticCodes.duplicateKey).length >= 1);
    assert.deepEqual(byCode(LibraryDiagnosticCodes.syntax), []);
  });

  void test('a schema problem stays a schema problem', async () => {
    const diagnostics = await mode.doValidation(TextDocument.create('file:///w/schema.connection.json', 'json', 1, '{"name": 5, "strategy": "auth0"}'));
    assert.ok(diagnostics.length > 0);
    assert.ok(diagnostics.every((d) => d.code === LibraryDiagnosticCodes.schema), JSON.stringify(diagnostics));
  });
});

const YAML_CASES: Array<[string, string]> = [
  ['unclosed flow mapping', 'name: x\nstrategy: auth0\noptions: { a: 1\n'],
  ['unclosed quote', 'name: "x\nstrategy: auth0\n'],
  ['bad indentation', 'name: x\n  strategy: auth0\n'],
  ['tab indentation', 'name: x\noptions:\n\tmfa: {}\n'],
  ['bad flow sequence', 'name: x\nrealms: [a, b\n'],
];

void describe('YAML: every syntax problem is coded syntax', () => {
  const mode = createYamlMode();
  for (const [what, text] of YAML_CASES) {
    void test(what, async () => {
      const document = TextDocument.create(`file:///w/${what.replace(/\W+/g, '-')}.connection.yaml`, 'yaml', 1, text);
      const diagnostics = await mode.doValidation(document);
      const syntax = diagnostics.filter((d) => d.code === LibraryDiagnosticCodes.syntax);
      assert.ok(syntax.length > 0, `no syntax problem coded: ${JSON.stringify(diagnostics.map((d) => [d.code, d.source, d.message]))}`);
      const parsed = mode.parseBody(document);
      assert.ok(parsed.syntaxProblems.length > 0, 'the engine parse agrees the text is not well-formed');
      // Every problem the parser found is shown once, coded syntax, where the parser put it (none also as schema).
      const asShown = (code: string) =>
        diagnostics.filter((d) => d.code === code).map((d) => [document.offsetAt(d.range.start), d.message.replace(/\.$/, '')]);
      const parserProblems = parsed.syntaxProblems.map((p) => [p.offset, p.message.replace(/\.$/, '')]);
      assert.deepEqual(asShown(LibraryDiagnosticCodes.syntax), parserProblems);
      for (const problem of parserProblems) assert.ok(!asShown(LibraryDiagnosticCodes.schema).some((shown) => shown[1] === problem[1]), `${String(problem[1])} also as schema`);
      mode.onDocumentRemoved(document.uri);
    });
  }
});
