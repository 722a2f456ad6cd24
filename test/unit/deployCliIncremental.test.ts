/**
 * Re-reading only the edited item of a tenant file (engine/deployCli/incremental.ts) gives exactly the tree of a
 * parse of the whole new text, or declines: checked on random edits (typing, deleting, new lines, keys, quotes)
 * inside and across items, in YAML and JSON, in plain YAML and in YAML the fast path declines (comments).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { generateDocument } from '../../bench/documents/generate';
import { parseBodyPreferPlain, reparseEditedItem, type DocumentFormat } from '../../engine/index';
import { parsePlainYaml } from '../../engine/tree/plainYaml';
import { Random } from '../fuzz/random';


const PIECES = ['x', 'ab', ' ', '\n', '\n      k: v', '\n    extra: 1', ': ', ':', '"', "'", '-', '- ', '#', ' # c', '{', '}', ',', '[]', '\n  - name: new'];

/**
 * Applies `count` random edits one after the other, checking each incremental tree against the whole parse. Edits
 * build on the last text that parsed cleanly (`onlyFastPathTexts`: and that the fast path reads, so that later edits
 * fall in items it can read again).
 */
function check(text: string, format: DocumentFormat, seed: number, count: number, onlyFastPathTexts = true): { taken: number; total: number } {
  const random = new Random(seed);
  const next = () => random.float();
  let current = text;
  let parsed = parseBodyPreferPlain(current, format);
  let taken = 0;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * current.length);
    const cut = next() < 0.4 ? Math.floor(next() * 4) : 0;
    const piece = next() < 0.3 ? '' : (PIECES[Math.floor(next() * PIECES.length)] as string);
    const edited = current.slice(0, at) + piece + current.slice(at + cut);
    const full = parseBodyPreferPlain(edited, format);
    const incremental = reparseEditedItem(current, parsed, edited, format);
    if (incremental) {
      taken++;
      assert.deepEqual(incremental, full, `edit ${i}: ${JSON.stringify(piece)} at ${at} (cut ${cut})`);
    }
    if (full.syntaxProblems.length === 0 && (format === 'json' || !onlyFastPathTexts || parsePlainYaml(edited))) {
      current = edited;
      parsed = full;
    }
  }
  return { taken, total: count };
}

void describe('re-reading the edited item only', () => {
  const tenantYaml = generateDocument('tenant.yaml');
  const smallYaml = tenantYaml.slice(0, tenantYaml.indexOf('  - name: conn-0040'));
  const tenantJson = generateDocument('tenant.json');
  const smallJson = `${tenantJson.slice(0, tenantJson.indexOf('    {\n      "name": "conn-0040')).replace(/,\n$/, '\n')}  ]\n}\n`;

  test('YAML: every incremental tree is the whole parse\'s, and most edits inside an item take it', () => {
    const { taken, total } = check(smallYaml, 'yaml', 3, 300);
    assert.ok(taken > total / 4, `only ${taken} of ${total} edits were read incrementally`);
  });

  test('JSON: the same', () => {
    assert.ok(JSON.parse(smallJson), 'the small JSON tenant file is JSON');
    const { taken, total } = check(smallJson, 'json', 5, 500);
    assert.ok(taken > total / 4, `only ${taken} of ${total} edits were read incrementally`);
  });

  test('YAML the fast path declines (comments among the items): still the whole parse\'s tree when taken', () => {
    const commented = smallYaml.replace(/\n  - name: conn-0010/, '\n  # the tenth\n  - name: conn-0010').replace('    metadata:\n', '    # owner below\n    metadata:\n');
    assert.equal(parsePlainYaml(commented), undefined, 'the fast path declines the commented text');
    const onComments = check(commented, 'yaml', 9, 150, false);
    assert.ok(onComments.taken > 0, 'no edit of the commented text was read incrementally');
    const sample = readFileSync(resolve(__dirname, '../fixtures/deploy-cli/sample/yaml/tenant.yaml'), 'utf8');
    const onSample = check(sample, 'yaml', 11, 300);
    assert.ok(onSample.taken > 0, 'no edit of the sample repository\'s tenant.yaml was read incrementally');
  });

  test('the 1 MB benchmark file: an edit in the middle item is read incrementally', () => {
    const parsed = parseBodyPreferPlain(tenantYaml, 'yaml');
    const at = tenantYaml.indexOf('conn-1000-auth0') + 'conn-1000-auth0'.length;
    const edited = `${tenantYaml.slice(0, at)}x${tenantYaml.slice(at)}`;
    const incremental = reparseEditedItem(tenantYaml, parsed, edited, 'yaml');
    assert.ok(incremental, 'not taken');
    assert.deepEqual(incremental, parseBodyPreferPlain(edited, 'yaml'));
  });
});
