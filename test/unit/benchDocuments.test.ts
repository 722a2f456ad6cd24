/**
 * The benchmark's large documents are built, not committed (bench/documents/generate.ts). The build must keep giving
 * the very files the figures in README.md and bench/documents/README.md were measured on, or runs stop being
 * comparable.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { EXPECTED_SHA256, GENERATED_DOCUMENT_NAMES, generateDocument, sha256 } from '../../bench/documents/generate';
import { loadDocument } from '../../bench/documents';

void describe('generated benchmark documents', () => {
  for (const name of GENERATED_DOCUMENT_NAMES) {
    void test(`${name} is byte for byte the document the figures were measured on`, () => {
      assert.equal(sha256(generateDocument(name)), EXPECTED_SHA256[name]);
    });
  }

  void test('the benchmark finds its measuring positions in the built large documents', () => {
    for (const name of ['large.json', 'large.yaml'] as const) {
      const document = loadDocument(name);
      assert.equal(document.size, 'large', name);
      assert.equal(document.text, generateDocument(name), name);
    }
  });

  void test('in the tenant files every measuring position is in the middle item of the list', () => {
    for (const name of ['tenant.yaml', 'tenant.json'] as const) {
      const document = loadDocument(name);
      const lines = document.text.split('\n');
      const itemStart = name === 'tenant.json' ? /^\s*"name"\s*:\s*"conn-/ : /^\s*- name:/;
      const starts = lines.flatMap((line, index) => (itemStart.test(line) ? [index] : []));
      assert.ok(starts.length > 100, `${name}: items found (${starts.length})`);
      const middle = starts.length >> 1;
      const [from, to] = [starts[middle]!, starts[middle + 1]!];
      for (const [which, position] of Object.entries(document.positions)) {
        assert.ok(position.line >= from && position.line < to, `${name}: ${which} at line ${position.line}, outside the middle item (${from}-${to})`);
      }
    }
  });
});
