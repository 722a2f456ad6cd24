// `npm test`: every suite, one after the other, each streamed as it runs, then one closing line that counts them all
// (`N passed, N failed`). A stage that fails does not stop the others: one run tells everything that is broken.
import { spawn } from 'node:child_process';

const stages = [
  { name: 'build', command: 'node esbuild.mjs' },
  // esbuild strips types without checking them: the strict type check and the lint are stages of their own.
  { name: 'typecheck', command: 'npx tsc -p . --noEmit' },
  { name: 'lint', command: 'npx eslint .' },
  { name: 'unit', command: 'node --import tsx --test --test-concurrency=2 test/unit/*.test.ts' },
  { name: 'language server (stdio)', command: 'node --import tsx --test test/server/*.test.ts' },
  // A short seeded run of the fuzz suite (`npm run fuzz` runs the long one): hostile documents, edits and requests.
  { name: 'fuzz (short, seeded)', command: 'node --import tsx --test test/fuzz/fuzz.test.ts' },
  { name: 'CLI', command: 'node --import tsx --test test/cli/*.test.ts' },
  // The README's configurations for other LSP editors, run in those editors (Debian's Neovim and Emacs; test/editors/).
  { name: 'other editors (Neovim, Emacs)', command: 'node --import tsx --test test/editors/*.test.ts' },
  { name: 'real VS Code (code-server)', command: 'npx tsx test/e2e/runCodeServer.ts' },
  { name: 'real VS Code, packaged .vsix', command: 'npm run --silent package && npx tsx test/e2e/runCodeServer.ts --vsix' },
];

const only = process.env.TEST_STAGES?.split(',').map((s) => s.trim());

function run(command) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Counts from node's test runner (`# pass N` / `# fail N`) or the e2e suite (`N passed, N failed`); last wins. */
function counts(output) {
  const node = [...output.matchAll(/^# pass (\d+)\n# fail (\d+)/gm)].pop();
  if (node) return { passed: Number(node[1]), failed: Number(node[2]) };
  const plain = [...output.matchAll(/^(?:\S+: )?(\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  return undefined;
}

const results = [];
for (const stage of stages) {
  if (only && !only.some((o) => stage.name.startsWith(o))) continue;
  process.stdout.write(`\n=== ${stage.name}: ${stage.command}\n`);
  const started = Date.now();
  const { code, output } = await run(stage.command);
  results.push({ ...stage, code, counted: counts(output), seconds: (Date.now() - started) / 1000 });
  if (stage.name === 'build' && code !== 0) break; // nothing else can run without the bundles
}

let passed = 0;
let failed = 0;
process.stdout.write('\n=== summary\n');
for (const result of results) {
  const counted = result.counted ?? { passed: 0, failed: 0 };
  // A stage that exits non-zero counts as at least one failure even if its runner never printed its counts.
  const stageFailed = result.code !== 0 ? Math.max(1, counted.failed) : counted.failed;
  passed += counted.passed;
  failed += stageFailed;
  const status = result.code === 0 ? 'ok  ' : 'FAIL';
  process.stdout.write(`${status} ${result.name.padEnd(30)} ${String(counted.passed).padStart(4)} passed ${String(stageFailed).padStart(3)} failed  ${result.seconds.toFixed(1)} s\n`);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
