/**
 * The short seeded fuzz run inside `npm test` (its own stage, after the language server's): the same session as
 * `npm run fuzz` (see session.ts), fewer documents. Its figures are printed with the test's result; a failure names
 * the seed and the out/fuzz/ file that replays it (`FUZZ_REPLAY=<file> npm run fuzz`).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeFigures } from './report';
import { runFuzz } from './session';

/** Fixed, so that CI and every developer fuzz the same inputs; `npm run fuzz` takes FUZZ_SEED to explore others. */
const SEED = 20_260_411;
const DOCUMENTS = 600;

test(`fuzzing the built server: seed ${SEED}, ${DOCUMENTS} documents`, async () => {
  const figures = await runFuzz({ seed: SEED, documents: DOCUMENTS });
  process.stdout.write(`${describeFigures(figures)}\n`);
  assert.equal(figures.documents, DOCUMENTS);
  assert.ok(figures.requests > DOCUMENTS, 'several requests per document');
});
