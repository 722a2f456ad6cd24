import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { nodeAtPath, parseBody, toPlainValue } from '../../engine/index';

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
