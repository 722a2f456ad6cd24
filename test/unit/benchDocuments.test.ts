/**
 * The benchmark's large documents are built, not committed (bench/documents/generate.ts). The build must keep giving
 * the very files the figures in README.md and bench/documents/README.md were measured on, or runs stop being
 * comparable.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { EXPECTED_SHA256, GENERATED_DOCUMENT_NAMES, generateDocument, sha256 } from '../../bench/documents/generate';

void describe('generated benchmark documents', () => {
  for (const name of GENERATED_DOCUMENT_NAMES) {
    void test(`${name} is byte for byte the document the figures were measured on`, () => {
      assert.equal(sha256(generateDocument(name)), EXPECTED_SHA256[name]);
    });
  }


});
