/**
 * `npm run fuzz`: a seeded fuzz run of the built server (see session.ts), a few minutes by default.
 *   FUZZ_SEED        the seed (default 11); the same seed sends the same documents, edits and requests
 *   FUZZ_ITERATIONS  how many documents (default 3000, about 3 minutes)
 *   FUZZ_REPLAY      a failure file from out/fuzz/: replays its messages instead of fuzzing
 * Exits 1 on the first failure, naming the seed and the file holding the reproducing input.
 */
import { describeFigures } from './report';
import { FuzzFailure, replayFailure, runFuzz } from './session';

async function main(): Promise<number> {
  const replay = process.env['FUZZ_REPLAY'];
  if (replay) {
    await replayFailure(replay);
    process.stdout.write(`replayed ${replay}: no failure\n`);
    return 0;
  }
  const seed = Number(process.env['FUZZ_SEED'] ?? 11);
  const documents = Number(process.env['FUZZ_ITERATIONS'] ?? 3000);
  process.stdout.write(`fuzzing the built server: seed ${seed}, ${documents} documents\n`);
  const figures = await runFuzz({ seed, documents, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`${describeFigures(figures)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof FuzzFailure || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
