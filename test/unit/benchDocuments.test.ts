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
});
