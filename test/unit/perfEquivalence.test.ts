/**
 * The performance patches (languages/ (linearDuplicateKeys, completionClone, completionMatchingSchemas)) change speed,
 * never answers: diagnostics with the linear duplicate-key check equal those of the `yaml` library's own check, and
 * completions that reuse an unchanged document copy and the schemas remembered for it equal those of the library's
 * clone-and-validate-per-request. Compared on the shared benchmark documents, corpus bodies converted to
 * YAML, and documents written to hit every duplicate-key case (block and flow maps, big and small mappings, nested,
 * null, NaN, numeric vs string keys).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, isSeq, stringify, visit, type Document } from 'yaml';
import { parseBody, toPlainValue, type ParsedBody } from '../../engine/index';
import { validateDocument } from '../../languages/validateDocument';
import { createJsonMode } from '../../languages/jsonMode';
import { checkStrategyOptions } from '../../engine/rules/index';
import { typedMapsFor, useTypedMapShortcut } from '../../engine/strategyOptionsValidator';
import { createYamlMode } from '../../languages/yamlMode';
import { duplicateKeyCheckStatus, useLinearDuplicateKeyCheck } from '../../languages/linearDuplicateKeys';
import { completionCopyCounts, pooledCopyOf, setCompletionCopyReuse } from '../../languages/completionClone';
import { libraryMatchingSchemas, matchingSchemasCounts, rememberedMatchingSchemas } from '../../languages/completionMatchingSchemas';
import { yamlDocumentsCache } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import { JSONDocument } from 'yaml-language-server/lib/esm/languageservice/parser/jsonDocument';
import { benchDocumentText, benchFileNames } from '../../bench/documents';

const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');

const mode = createYamlMode();
let documentCounter = 0;

/** Diagnostics for `text` on a document the library has never seen (its parse cache is keyed by uri + version). */
async function diagnosticsFor(text: string): Promise<Diagnostic[]> {
  const document = TextDocument.create(`file:///perf/${++documentCounter}.connection.yaml`, 'yaml', 1, text);
  try {
    return await validateDocument(document, mode);
  } finally {
    mode.onDocumentRemoved(document.uri);
  }
}

async function assertSameDiagnostics(text: string, what: string): Promise<Diagnostic[]> {
  useLinearDuplicateKeyCheck(true);
  const linear = await diagnosticsFor(text);
  useLinearDuplicateKeyCheck(false);
  try {
    assert.deepEqual(linear, await diagnosticsFor(text), what);
  } finally {
    useLinearDuplicateKeyCheck(true);
  }
  return linear;
}

const manyKeys = (prefix: string, count: number, indent = ''): string =>
  Array.from({ length: count }, (_, i) => `${indent}${prefix}${i}: v${i}\n`).join('');

const DUPLICATE_CASES: Record<string, string> = {
  'small block map': 'name: a\nstrategy: auth0\nname: b\n',
  'big block map, duplicate at the end': `name: a\nstrategy: auth0\noptions:\n  configuration:\n${manyKeys('k', 40, '    ')}    k3: again\n`,
  'big block map, several duplicates': `name: a\nstrategy: auth0\noptions:\n  configuration:\n${manyKeys('k', 30, '    ')}${manyKeys('k', 30, '    ')}`,
  'flow map': '{ name: a, strategy: auth0, name: b }\n',
  'big flow map': `name: a\nstrategy: auth0\noptions:\n  configuration: { ${Array.from({ length: 40 }, (_, i) => `k${i}: ${i}`).join(', ')}, k7: x }\n`,
  'numeric and string keys differ': `name: a\nstrategy: auth0\noptions:\n  configuration:\n${manyKeys('k', 20, '    ')}    1: one\n    "1": string one\n    1: again\n`,
  'null and NaN keys': `name: a\nstrategy: auth0\noptions:\n  configuration:\n${manyKeys('k', 20, '    ')}    ? \n    : empty\n    ? \n    : empty again\n    .nan: a\n    .nan: b\n`,
  'nested maps each with duplicates': `name: a\nstrategy: auth0\noptions:\n${manyKeys('o', 20, '  ')}  nested:\n${manyKeys('n', 20, '    ')}    n1: again\n  o2: again\n`,
  'anchors and aliases as keys': `name: a\nstrategy: auth0\noptions:\n${manyKeys('o', 20, '  ')}  &k anchored: 1\n  *k : 2\n  anchored: 3\n`,
  'syntax errors around duplicates': `name: a\nstrategy: auth0\noptions:\n${manyKeys('o', 20, '  ')}  o1: [unclosed\n  o2: again\n`,
};

void describe('linear duplicate-key check: same diagnostics as the library', () => {
  void test('is installed', () => assert.equal(duplicateKeyCheckStatus(), 'linear'));

  for (const [name, text] of Object.entries(DUPLICATE_CASES)) {
    void test(name, async () => {
      const diagnostics = await assertSameDiagnostics(text, name);
      if (!name.startsWith('anchors') && !name.startsWith('syntax')) {
        assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'), `${name}: a duplicate key is reported`);
      }
    });
  }

  for (const name of benchFileNames(/\.yaml$/)) {
    // large.yaml: the library's own check takes several seconds here; that is what the patch is for.
    void test(`bench ${name}`, async () => {
      await assertSameDiagnostics(benchDocumentText(name), name);
    });
  }

  const corpus = readdirSync(CORPUS_DIR).filter((file) => /^\d\d-.*\.json$/.test(file));
  for (const name of corpus.filter((_, index) => index % 6 === 0)) {
    void test(`corpus ${name} as YAML, and with its keys written twice`, async () => {
      const body = JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as Record<string, unknown>;
      const yaml = stringify(body);
      await assertSameDiagnostics(yaml, name);
      // The same body with every top-level line repeated at the end: each top-level key is then a duplicate.
      const topLevel = yaml.split('\n').filter((line) => /^\S/.test(line)).join('\n');
      await assertSameDiagnostics(`${yaml}${topLevel}\n`, `${name} doubled`);
    });
  }
});

/** Caret positions over a whole document: each line's indentation and end. */
function positionsOf(text: string): Position[] {
  const positions: Position[] = [];
  text.split('\n').forEach((line, index) => {
    const indentation = line.length - line.trimStart().length;
    const characters = new Set([indentation, line.length]);
    for (const character of characters) positions.push({ line: index, character });
  });
  return positions;
}

/** A JSON AST as plain data (no parent links), to compare two of them. */
function astShape(node: unknown): unknown {
  if (!node || typeof node !== 'object') return node;
  const { type, offset, length, value, children } = node as {
    type?: string;
    offset?: number;
    length?: number;
    value?: unknown;
    children?: unknown[];
  };
  return { type, offset, length, value: typeof value === 'object' ? undefined : value, children: children?.map(astShape) };
}

/** A `yaml` Document as plain data: every node's kind, range and scalar value, in visiting order. */
function yamlShape(document: Document): unknown[] {
  const shape: unknown[] = [];
  visit(document, (key, node) => {
    const kind = isScalar(node) ? 'scalar' : isMap(node) ? 'map' : isSeq(node) ? 'seq' : isPair(node) ? 'pair' : 'other';
    const range = (node as { range?: unknown } | null)?.range ?? null;
    shape.push([key === null ? null : String(key), kind, range, isScalar(node) ? node.value : undefined]);
  });
  return shape;
}

/** Every copy waiting in the pool equals a fresh clone of its original: the YAML text it prints and its JSON AST. */
function assertPooledCopiesPristine(document: TextDocument): number {
  let checked = 0;
  // No customTags: the cache then answers with the parse the completions used instead of parsing again.
  const options = { yamlVersion: '1.2' } as Parameters<typeof yamlDocumentsCache.getYamlDocument>[1];
  const parsed = yamlDocumentsCache.getYamlDocument(document, options, true);
  for (const original of parsed.documents) {
    const pooled = pooledCopyOf(original);
    if (!pooled) continue;
    setCompletionCopyReuse(false);
    const fresh = original.clone();
    setCompletionCopyReuse(true);
    assert.deepEqual(yamlShape(pooled.internalDocument), yamlShape(fresh.internalDocument));
    assert.deepEqual(astShape(pooled.root), astShape(fresh.root));
    checked++;
  }
  return checked;
}

/**
 * The schemas remembered for each pooled copy are the library's own answer for that copy: the same matches (node,
 * schema, inverted), in the same order.
 */
function assertRememberedSchemasAreTheLibrarys(document: TextDocument): void {
  const options = { yamlVersion: '1.2' } as Parameters<typeof yamlDocumentsCache.getYamlDocument>[1];
  let checked = 0;
  for (const original of yamlDocumentsCache.getYamlDocument(document, options, true).documents) {
    const pooled = pooledCopyOf(original);
    const remembered = pooled && rememberedMatchingSchemas(pooled);
    if (!pooled || !remembered) continue;
    const own = libraryMatchingSchemas(pooled, remembered.schema);
    assert.ok(own.length > 0);
    assert.equal(remembered.schemas.length, own.length);
    remembered.schemas.forEach((match, index) => {
      const expected = own[index];
      assert.ok(expected && match.node === expected.node && match.inverted === expected.inverted, `match ${index}: node`);
      // The library itself sometimes answers with an equal copy of a subschema instead of the same object.
      if (match.schema !== expected.schema) assert.deepEqual(match.schema, expected.schema, `match ${index}: schema`);
    });
    checked++;
  }
  assert.ok(checked > 0, 'a prepared copy has its schemas worked out');
}

void describe('completion with a reused document copy: same items as cloning per request', () => {
  const cases: Array<[string, string]> = [
    ['typical.yaml', benchDocumentText('typical.yaml')],
    ['errors.yaml', benchDocumentText('errors.yaml')],
    // Half-typed lines take the branches that change the copy (a temporary map where the caret is).
    ['half-typed', 'name: a\nstrategy: auth0\noptions:\n  brute\n  mfa:\n    \n  passkey_options:\n    challenge_ui: \nenab\n- x\n'],
    ['sequence root', '- name: a\n- stra\n'],
    ['empty', ''],
  ];
  for (const [name, text] of cases) {
    void test(name, async () => {
      const document = TextDocument.create(`file:///perf/completion-${name}.connection.yaml`, 'yaml', 1, text);
      const before = completionCopyCounts();
      const schemasBefore = matchingSchemasCounts();
      try {
        // From the second position on, the reusing side runs on the copy the previous request gave back.
        for (const position of positionsOf(text)) {
          setCompletionCopyReuse(true);
          const reused = await mode.doComplete(document, position);
          setCompletionCopyReuse(false);
          const cloned = await mode.doComplete(document, position);
          assert.deepEqual(reused, cloned, `${name} at ${position.line}:${position.character}`);
        }
        const checked = assertPooledCopiesPristine(document);
        if (name === 'typical.yaml' || name === 'errors.yaml') {
          assert.ok(completionCopyCounts().reused > before.reused, `${name}: later completions ran on a reused copy`);
          assert.ok(matchingSchemasCounts().remembered > schemasBefore.remembered, `${name}: and with the schemas remembered for it`);
          assert.ok(checked > 0, `${name}: a copy is back in the pool, equal to a fresh clone`);
        }
      } finally {
        setCompletionCopyReuse(true);
        mode.onDocumentRemoved(document.uri);
      }
    });
  }

  void test('a copy prepared after validation serves the first completion, with the same items', async () => {
    // Large enough to be prepared (a trailing comment changes nothing else).
    const text = `${benchDocumentText('typical.yaml')}\n# ${'-'.repeat(70_000)}\n`;
    const document = TextDocument.create('file:///perf/completion-prepared.connection.yaml', 'yaml', 1, text);
    try {
      await mode.doValidation(document);
      await mode.prepareForRequests(document);
      assert.ok(assertPooledCopiesPristine(document) > 0, 'a prepared copy waits in the pool, equal to a fresh clone');
      assertRememberedSchemasAreTheLibrarys(document);
      const [position] = positionsOf(text);
      assert.ok(position);
      const before = completionCopyCounts();
      const schemasBefore = matchingSchemasCounts();
      const prepared = await mode.doComplete(document, position);
      const after = completionCopyCounts();
      assert.equal(after.cloned, before.cloned, 'the first completion cloned the document');
      assert.equal(after.reused, before.reused + 1);
      assert.equal(matchingSchemasCounts().workedOut, schemasBefore.workedOut, 'the first completion validated the copy again');
      assert.ok(matchingSchemasCounts().remembered > schemasBefore.remembered);
      setCompletionCopyReuse(false);
      assert.deepEqual(prepared, await mode.doComplete(document, position));
      // Another version is not prepared from a parse of this one.
      const next = TextDocument.update(document, [{ text: text + '\n' }], 2);
      await mode.prepareForRequests(next);
      setCompletionCopyReuse(true);
      const beforeNext = completionCopyCounts();
      await mode.doComplete(next, position);
      assert.equal(completionCopyCounts().cloned, beforeNext.cloned + 1, 'an unvalidated version gets no prepared copy');
    } finally {
      setCompletionCopyReuse(true);
      mode.onDocumentRemoved(document.uri);
    }
    // A small document is not worth preparing: its copy is made when a completion asks.
    const small = TextDocument.create('file:///perf/completion-small.connection.yaml', 'yaml', 1, benchDocumentText('typical.yaml'));
    try {
      await mode.doValidation(small);
      await mode.prepareForRequests(small);
      assert.equal(assertPooledCopiesPristine(small), 0);
    } finally {
      mode.onDocumentRemoved(small.uri);
    }
  });

  void test('large.yaml at the benchmark positions', async () => {
    const text = benchDocumentText('large.yaml');
    const lines = text.split('\n');
    const optionsLine = lines.indexOf('options:');
    const withBlank = [...lines.slice(0, optionsLine + 1), '  ', ...lines.slice(optionsLine + 1)].join('\n');
    const document = TextDocument.create('file:///perf/completion-large.connection.yaml', 'yaml', 1, withBlank);
    const positions: Position[] = [
      { line: optionsLine + 1, character: 2 },
      { line: lines.findIndex((line) => line.startsWith('strategy:')), character: 'strategy: auth0'.length },
      { line: optionsLine + 1, character: 2 },
    ];
    try {
      for (const position of positions) {
        setCompletionCopyReuse(true);
        const reused = await mode.doComplete(document, position);
        setCompletionCopyReuse(false);
        const cloned = await mode.doComplete(document, position);
        assert.deepEqual(reused, cloned, `large.yaml at ${position.line}:${position.character}`);
        assert.ok(reused.items.length > 0);
      }
    } finally {
      setCompletionCopyReuse(true);
      mode.onDocumentRemoved(document.uri);
    }
  });
});

void test('one YAML parse per version: validation, our tree, hover, outline and completion share it', async () => {
  const cache = (yamlDocumentsCache as unknown as { cache: Map<string, { document: unknown }> }).cache;
  const document = TextDocument.create('file:///perf/one-parse.connection.yaml', 'yaml', 1, benchDocumentText('typical.yaml'));
  // The parse the schema validation ran on, as the validator saw it.
  const validatedDocuments: unknown[] = [];
  const validate = JSONDocument.prototype.validate;
  JSONDocument.prototype.validate = function (this: JSONDocument, ...args: Parameters<JSONDocument['validate']>) {
    validatedDocuments.push(this);
    return validate.apply(this, args);
  };
  try {
    await mode.doValidation(document);
    JSONDocument.prototype.validate = validate;
    const validated = (cache.get(document.uri)?.document as { documents: unknown[] } | undefined)?.documents[0];
    assert.equal(validatedDocuments.length, 1);
    assert.equal(validated, validatedDocuments[0], 'validation parsed, then its own diagnostics parsed again');
    mode.parseBody(document);
    await mode.doHover(document, { line: 1, character: 2 });
    mode.findDocumentSymbols(document);
    await mode.doComplete(document, { line: 1, character: 2 });
    // The library's cache parses again when asked with other parser options (it took "no custom tags" for other options
    // than "[]" and parsed every version twice).
    assert.equal((cache.get(document.uri)?.document as { documents: unknown[] } | undefined)?.documents[0], validated, 'parsed again');
  } finally {
    JSONDocument.prototype.validate = validate;
    mode.onDocumentRemoved(document.uri);
  }
});

void test('closing a document evicts it from the library\'s module-level parse cache', async () => {
  const cache = (yamlDocumentsCache as unknown as { cache: Map<string, unknown> }).cache;
  const document = TextDocument.create('file:///perf/evicted.connection.yaml', 'yaml', 1, 'name: a\nstrategy: auth0\n');
  await mode.doValidation(document);
  await mode.doHover(document, { line: 1, character: 2 });
  assert.ok(cache.has(document.uri), 'the library caches the parse while the document is open');
  mode.onDocumentRemoved(document.uri);
  assert.ok(!cache.has(document.uri), 'and forgets it on close');
});

// --- JSON: one parse -------------------------------------------------------------------------------------------------

const jsonMode = createJsonMode();

/** The tree the JSON mode builds from vscode-json-languageservice's AST, for a document it has never seen. */
function treeFromService(text: string, name: string): ParsedBody {
  const document = TextDocument.create(`file:///perf/tree-${++documentCounter}-${name}.connection.json`, 'json', 1, text);
  try {
    const body = jsonMode.parseBody?.(document);
    assert.ok(body, 'the JSON mode builds the tree from its own parse');
    return body;
  } finally {
    jsonMode.onDocumentRemoved(document.uri);
  }
}

/** Same tree (kinds, values, every offset and length), same duplicate keys, syntax problems in the same documents. */
function assertSameTree(text: string, name: string): void {
  const fromService = treeFromService(text, name);
  const fromParseBody = parseBody(text, 'json');
  assert.deepEqual(toPlainValue(fromService.root), toPlainValue(fromParseBody.root), `${name}: plain value`);
  assert.deepEqual(fromService.root, fromParseBody.root, `${name}: tree with offsets`);
  assert.deepEqual(fromService.duplicateKeys, fromParseBody.duplicateKeys, `${name}: duplicate keys`);
  assert.equal(fromService.syntaxProblems.length > 0, fromParseBody.syntaxProblems.length > 0, `${name}: syntax problems`);
}

const jsonFiles = (dir: string, pattern: RegExp): Array<[string, string]> =>
  readdirSync(dir)
    .filter((file) => pattern.test(file))
    .map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
const benchJsonFiles = (): Array<[string, string]> => benchFileNames(/\.json$/).map((name) => [name, benchDocumentText(name)]);

/** Half-typed and broken bodies where both parsers recover the same way. */
const HALF_TYPED_JSON: Record<string, string> = {
  empty: '',
  blank: '  \n',
  'comment only': '// a comment\n',
  'open brace': '{',
  'key with colon, no value': '{"name": ',
  'key, no colon': '{"name"',
  'key in quotes not closed': '{"name": "a", "strategy": "auth0", "options": {"client_id": 1, "',
  'value missing before brace': '{"options": {"x": }}',
  'trailing comma': '{"name": "a", "strategy": "auth0",}',
  'trailing comma in array': '{"realms": ["a", "b",]}',
  'comma missing': '{"a": 1 "b": 2}',
  'array not closed': '[1, 2',
  'empty array slot': '{"a": [1,,2]}',
  'comment before body': '// c\n{"name": "a", /* inline */ "strategy": "auth0"}',
  'duplicate keys, nested': '{"name": "a", "options": {"k": 1, "k": 2, "k": 3}, "name": "b"}',
  'invalid escape': '{"name": "a\\x"}',
  'bad unicode escape': '{"name": "\\u12"}',
  'literal misspelt': '{"enabled": tru}',
  'property expected': '{,}',
  'closing brace twice': '{"a": 1}}',
  'two values': '1 2',
  'deep but legal': `${'['.repeat(200)}${']'.repeat(200)}`,
  'numbers': '{"a": -0, "b": 1.5e3, "c": 12345678901234567890, "d": 1e400}',
  'non-ASCII keys and values': '{"ключ": "значение", "emoji 😀": "\\ud83d\\ude00"}',
};

/**
 * Where the parsers recover from an error differently; the service's tree is the one its own schema diagnostics
 * describe, so the rules now agree with them. Both still report a syntax problem, which is what the CLI reads.
 */
const DIFFERENT_RECOVERY_JSON: Record<string, string> = {
  'colon missing': '{"name" "a"}',
  'unquoted key': '{name: "a"}',
  'single-quoted key': "{'name': 'a'}",
  'number cut short': '{"n": 1e}',
  'raw newline in a string': '{"a": "x\ny"}',
  'key alone on its line': '{"a": 1,\n"b"\n"c": 2}',
};

void describe('JSON: the tree built from the language service\'s AST equals parseBody\'s', () => {
  for (const [name, text] of [...benchJsonFiles(), ...jsonFiles(CORPUS_DIR, /\.json$/)]) {
    void test(name, () => assertSameTree(text, name));
  }

  for (const [name, text] of Object.entries(HALF_TYPED_JSON)) {
    void test(name, () => assertSameTree(text, name));
  }

  for (const [name, text] of Object.entries(DIFFERENT_RECOVERY_JSON)) {
    void test(`${name}: both report a syntax problem`, () => {
      assert.ok(treeFromService(text, name).syntaxProblems.length > 0);
      assert.ok(parseBody(text, 'json').syntaxProblems.length > 0);
    });
  }

  void test('too deep: no parser sees the text, the same problem is reported', () => {
    const text = `{"a": ${'['.repeat(20_000)}`;
    const body = treeFromService(text, 'too-deep');
    assert.deepEqual(body, parseBody(text, 'json'));
    assert.equal(body.tooDeep, true);
  });

  void test('diagnostics from the shared parse equal those from a separate parseBody', async () => {
    for (const [name, text] of [...benchJsonFiles(), ...jsonFiles(CORPUS_DIR, /\.json$/)]) {
      const document = TextDocument.create(`file:///perf/diagnostics-${name}.connection.json`, 'json', 1, text);
      try {
        const shared = await validateDocument(document, jsonMode);
        assert.deepEqual(shared, await validateDocument(document, jsonMode, parseBody(text, 'json')), name);
      } finally {
        jsonMode.onDocumentRemoved(document.uri);
      }
    }
  });
});

void describe('per-strategy checks: typed maps checked on the tree give the findings ajv gives on the whole value', () => {
  const withConfiguration = (configuration: string, more = ''): string =>
    `{"name": "a", "strategy": "auth0", "options": {"brute_force_protection": "yes",${more} "configuration": ${configuration}}}`;
  const cases: Array<[string, string]> = [
    ...benchJsonFiles(),
    ...jsonFiles(CORPUS_DIR, /\.json$/),
    ['strings only', withConfiguration('{"a": "1", "b": "2"}')],
    ['a number among strings', withConfiguration('{"a": "1", "b": 2, "c": "3"}')],
    ['an object among strings', withConfiguration('{"a": {"x": 1}, "b": "2"}')],
    ['null value', withConfiguration('{"a": null}')],
    ['half-typed value', withConfiguration('{"a": "1", "b": }')],
    ['empty map', withConfiguration('{}')],
    ['not an object', withConfiguration('"text"')],
    ['an array', withConfiguration('["a"]')],
    ['null map', withConfiguration('null')],
    ['written twice, bad then good', withConfiguration('{"a": 1}', ' "configuration": {"b": "2"},')],
    ['written twice, good then bad', withConfiguration('{"b": 2}', ' "configuration": {"a": "1"},')],
    ['other strategy', '{"name": "a", "strategy": "waad", "options": {"configuration": {"a": 1}, "domain": 3}}'],
  ];

  void test('auth0 `configuration` is a typed map of strings', () => {
    assert.equal(typedMapsFor('auth0').get('configuration'), 'string');
  });

  for (const [name, text] of cases) {
    void test(name, () => {
      const root = parseBody(text, 'json').root;
      const fast = checkStrategyOptions(root);
      useTypedMapShortcut(false);
      try {
        assert.deepEqual(fast, checkStrategyOptions(root), name);
      } finally {
        useTypedMapShortcut(true);
      }
    });
  }
});

/** Half-typed, broken and unusual YAML bodies: the tree from the library's parse must equal parseBody's. */
const YAML_CASES: Record<string, string> = {
  blank: '  \n',
  'comments only': '# yaml-language-server: $schema=./connection.schema.json\n# nothing yet\n',
  'half-typed key': 'name: a\nstrategy: auth0\noptions:\n  brute\n',
  'unclosed flow map': 'name: a\noptions: { a: 1\n',
  'unclosed flow sequence': 'name: a\nrealms: [a, b\n',
  'unclosed quote': 'name: "a\nstrategy: auth0\n',
  'bad indentation': 'name: a\n  strategy: auth0\n',
  tabs: 'name: a\noptions:\n\tmfa: {}\n',
  'two documents': 'name: a\n---\nname: b\n',
  'document marker only': 'name: a\n---\n',
  'explicit start': '---\nname: a\nstrategy: auth0\n',
  duplicates: 'name: a\nstrategy: auth0\nname: b\noptions:\n  k: 1\n  k: 2\n',
  'anchors and aliases': 'name: &n my-db\ndisplay_name: *n\nstrategy: auth0\n',
  'unresolved alias': 'name: *nothing\nstrategy: auth0\n',
  'aliased mapping and alias key': 'name: x\nstrategy: auth0\nmetadata: &m\n  team: blue\nother: *m\n&k realms: [a]\n*k : [b]\n',
  'aliases past the bound': `name: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${[1, 2, 3, 4, 5, 6].map((i) => `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`).join('\n')}\n`,
  'flow root': '{ name: a, strategy: auth0 }\n',
  'sequence root': '- name: a\n- strategy: auth0\n',
  'scalar root': 'just text\n',
  'block scalars': 'name: a\nmetadata:\n  note: |\n    line one\n    line two\n  folded: >-\n    a\n    b\n',
  'complex key': '? [a, b]\n: value\nname: x\n',
  'byte order mark': '\ufeffname: a\nstrategy: auth0\n',
};

void describe("YAML: the tree built from yaml-language-server's parse equals parseBody's", () => {
  const assertSameYamlTree = (text: string, name: string) => {
    const document = TextDocument.create(`file:///perf/tree-${++documentCounter}.connection.yaml`, 'yaml', 1, text);
    try {
      const shared = mode.parseBody(document);
      const own = parseBody(text, 'yaml');
      assert.deepEqual(shared.root, own.root, `${name}: tree with offsets`);
      assert.deepEqual(shared.duplicateKeys, own.duplicateKeys, `${name}: duplicate keys`);
      assert.deepEqual(shared.syntaxProblems, own.syntaxProblems, `${name}: syntax problems`);
      assert.deepEqual(shared.aliasProblems, own.aliasProblems, `${name}: alias problems`);
    } finally {
      mode.onDocumentRemoved(document.uri);
    }
  };
  for (const [name, text] of Object.entries(YAML_CASES)) {
    void test(name, () => assertSameYamlTree(text, name));
  }
  for (const name of benchFileNames(/\.yaml$/)) {
    void test(`bench ${name}`, () => assertSameYamlTree(benchDocumentText(name), name));
  }
  for (const file of readdirSync(CORPUS_DIR).filter((f) => /\.json$/.test(f))) {
    const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
    // As YAML (block style), and the JSON text itself read as YAML (flow style; deploy-cli keyword files are not JSON).
    void test(`corpus ${file}, JSON text read as YAML`, () => assertSameYamlTree(text, file));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      continue;
    }
    void test(`corpus ${file} as YAML`, () => assertSameYamlTree(stringify(body), file));
  }
  for (const file of readdirSync(CORPUS_DIR).filter((f) => /\.ya?ml$/.test(f))) {
    void test(`corpus ${file}`, () => assertSameYamlTree(readFileSync(join(CORPUS_DIR, file), 'utf8'), file));
  }
});
