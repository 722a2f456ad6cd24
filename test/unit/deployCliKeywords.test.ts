/**
 * deploy-cli's keyword replacement as the engine does it, and the map back to the text as written. The expected
 * texts are deploy-cli's own outputs (auth0-deploy-cli 8.43.0, src/tools/utils.ts keywordReplace, run on these inputs;
 * see the notes in test/fixtures/deploy-cli/sample/README.md).
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  effectiveMappings,
  findConfig,
  readConfigText,
  resolvePath,
  scanKeywords,
  substituteKeywords,
  TextMap,
} from '../../engine/index';

const ORIGINS = ['https://a.example', 'https://b.example'];

void describe('keyword replacement, as deploy-cli does it', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['allowed: "@@ORIGINS@@"', { ORIGINS }, 'allowed: ["https://a.example","https://b.example"]'],
    ["allowed: '@@ORIGINS@@'", { ORIGINS }, 'allowed: ["https://a.example","https://b.example"]'],
    ['allowed: @@ORIGINS@@', { ORIGINS }, 'allowed: ["https://a.example","https://b.example"]'],
    ['x: "pre @@ORIGINS@@"', { ORIGINS }, 'x: "pre ["https://a.example","https://b.example"]"'],
    ['s: "@@MAPPED@@"', { MAPPED: 'dev' }, 's: "dev"'],
    ['s: "##MAPPED##"', { MAPPED: 'dev' }, 's: "dev"'],
    ['s: "##ORIGINS##"', { ORIGINS }, 's: "https://a.example,https://b.example"'],
    ['n: ##NUM##', { NUM: 42 }, 'n: 42'],
    ['n: "@@NUM@@"', { NUM: 42 }, 'n: 42'],
    ['o: "##OBJ##"', { OBJ: { k: 'v' } }, 'o: "[object Object]"'],
    ['o: @@OBJ@@', { OBJ: { k: 'v' } }, 'o: {"k":"v"}'],
    ['d: "##AxB##"', { 'A.B': 'dot' }, 'd: "dot"'],
    ['nest: @@NESTED@@', { NESTED: ['##MAPPED##-x'], MAPPED: 'dev' }, 'nest: ["dev-x"]'],
    ['"##DOLLAR##"', { DOLLAR: 'p$&q' }, '"p$&q"'],
    ['"##mapped##"', { MAPPED: 'dev' }, '"##mapped##"'],
    ['u: "##UNMAPPED_SECRET##"', { MAPPED: 'dev' }, 'u: "##UNMAPPED_SECRET##"'],
  ];
  for (const [input, values, expected] of cases) {
    test(`${input} with ${JSON.stringify(values)}`, () => {
      assert.equal(substituteKeywords(input, values).text, expected);
    });
  }

  test('with no mappings nothing is replaced, but a bare marker becomes a quoted placeholder', () => {
    assert.equal(substituteKeywords('a: "##X##"\nb: @@Y@@\nc: ##Z## # note\n- @@W@@\n', undefined).text, 'a: "##X##"\nb: "@@Y@@"\nc: "##Z##" # note\n- "@@W@@"\n');
    assert.equal(substituteKeywords('{ "var": @@var@@, "s": "x ##Y##" }', undefined).text, '{ "var": "@@var@@", "s": "x ##Y##" }');
    // Inside a plain scalar a marker is not a value of its own.
    assert.equal(substituteKeywords('url: https://x/##Y##/z\n', undefined).text, 'url: https://x/##Y##/z\n');
  });

  test('a key that is not a valid regular expression is reported, not thrown', () => {
    const result = substituteKeywords('a: "##X##"', { 'bad[': 1, X: 'y' });
    assert.deepEqual(result.invalidKeys, ['bad[']);
    assert.equal(result.text, 'a: "y"');
  });
});

void describe('the map between the text as written and the text read', () => {
  test('every character outside a replacement maps to itself, both ways', () => {
    const source = 'a: "@@ORIGINS@@"\nb: "##MAPPED##-x"\nc: @@NESTED@@\nd: ##UNSET##\ne: plain\n';
    const result = substituteKeywords(source, { ORIGINS, MAPPED: 'dev', NESTED: ['##MAPPED##', 'y'] });
    assert.equal(result.text, 'a: ["https://a.example","https://b.example"]\nb: "dev-x"\nc: ["dev","y"]\nd: "##UNSET##"\ne: plain\n');
    for (let offset = 0; offset < source.length; offset++) {
      if (result.map.replacements.some((r) => r.sourceStart <= offset && offset < r.sourceEnd)) continue;
      const view = result.map.toView(offset);
      assert.equal(result.text[view], source[offset], `source offset ${offset}`);
      assert.equal(result.map.toSource(view), offset, `back from view offset ${view}`);
    }
  });

  test('a span in the replaced text maps back to the whole keyword as written', () => {
    const source = 'aliases: "@@ORIGINS@@"\nname: "##MAPPED##-okta"\n';
    const { text, map } = substituteKeywords(source, { ORIGINS, MAPPED: 'dev' });
    const arrayAt = text.indexOf('[');
    const back = map.spanToSource(arrayAt, text.indexOf(']') + 1 - arrayAt);
    assert.equal(source.slice(back.offset, back.offset + back.length), '"@@ORIGINS@@"');
    const nameAt = text.indexOf('"dev-okta"');
    const name = map.spanToSource(nameAt, '"dev-okta"'.length);
    assert.equal(source.slice(name.offset, name.offset + name.length), '"##MAPPED##-okta"');
    assert.ok(map.replacementAtView(nameAt + 2, 0), 'a caret inside the replaced value is inside a replacement');
    assert.equal(map.replacementAtView(nameAt + 6, 0), undefined, 'after it is not');
  });

  test('the identity map changes nothing', () => {
    assert.equal(TextMap.identity.toView(17), 17);
    assert.deepEqual(TextMap.identity.spanToSource(3, 4), { offset: 3, length: 4 });
  });
});

void describe('markers as written', () => {
  test('each marker says whether it is a whole value and whether it stands bare', () => {
    const found = scanKeywords('a: "##A##"\nb: @@B@@\nc: "x-##C##"\nd: [@@D@@, "e"]\n');
    assert.deepEqual(
      found.map((o) => [o.marker, o.key, o.wholeValue, o.bare]),
      [
        ['##', 'A', true, false],
        ['@@', 'B', true, true],
        ['##', 'C', false, false],
        ['@@', 'D', true, true],
      ],
    );
  });
});

void describe('where the mappings come from', () => {
  const config = JSON.stringify({ AUTH0_DOMAIN: 'x', AUTH0_KEYWORD_REPLACE_MAPPINGS: { FROM_FILE: 'file', BOTH: 'file', ARR: [1] } });

  test('config mappings plus the environment, the environment winning (a0deploy with --env, its default)', () => {
    const read = readConfigText(config);
    assert.ok(read.ok);
    const mappings = effectiveMappings('/r/config.json', read.values, { BOTH: 'env', FROM_ENV: 'e' });
    assert.deepEqual(mappings.values, { FROM_FILE: 'file', BOTH: 'env', ARR: [1], FROM_ENV: 'e' });
    assert.equal(mappings.origins['BOTH'], 'environment');
    assert.equal(mappings.origins['FROM_FILE'], 'config');
  });

  test('AUTH0_KEYWORD_REPLACE_MAPPINGS in the environment replaces them all; --env=false ignores the environment', () => {
    const read = readConfigText(config);
    assert.ok(read.ok);
    const env = { AUTH0_KEYWORD_REPLACE_MAPPINGS: '{"FROM_JSON":"j"}', OTHER: 'o' };
    assert.deepEqual(effectiveMappings('/r/config.json', read.values, env).values, { FROM_JSON: 'j' });
    assert.deepEqual(effectiveMappings('/r/config.json', read.values, env, false).values, { FROM_FILE: 'file', BOTH: 'file', ARR: [1] });
  });

  test('the nearest config.json holding mappings, passing over one without', () => {
    const files: Record<string, string> = {
      '/repo/config.json': config,
      '/repo/tenant/config.json': '{"name":"some other tool"}',
    };
    const found = findConfig('/repo/tenant/sub', (path) => files[path]);
    assert.equal(found?.path, '/repo/config.json');
    assert.equal(findConfig('/repo/tenant', (path) => files[path], '/repo/tenant'), undefined, 'not above the stop folder');
    const stringMappings = readConfigText('{"AUTH0_KEYWORD_REPLACE_MAPPINGS":"{\\"A\\":1}"}');
    assert.deepEqual(stringMappings.ok && stringMappings.values, { A: 1 });
    assert.equal(readConfigText('{"AUTH0_KEYWORD_REPLACE_MAPPINGS":"nope"}').ok, false);
  });

  test('paths resolve as deploy-cli resolves them', () => {
    assert.equal(resolvePath('/r/yaml', './databases/x/login.js'), '/r/yaml/databases/x/login.js');
    assert.equal(resolvePath('/r/yaml', 'databases\\x\\..\\y.js'), '/r/yaml/databases/y.js');
    assert.equal(resolvePath('/r/yaml', '/abs/login.js'), '/abs/login.js');
    assert.equal(resolvePath('C:/r', './a.js'), 'C:/r/a.js');
  });
});
