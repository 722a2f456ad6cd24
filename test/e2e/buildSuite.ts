/**
 * Bundles the extension-host suite for the extension host: `test/e2e/suite/index.ts` and each `*.test.ts` become
 * CommonJS files under `out/e2e/suite/` (git-ignored). `vscode` comes from the host; `mocha` is loaded from the
 * repository's node_modules at run time (the suite stays inside the repository, whichever extension is tested).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SUITE_OUT_DIR = path.join(REPO_ROOT, 'out', 'e2e', 'suite');
export const SUITE_INDEX = path.join(SUITE_OUT_DIR, 'index.js');

export async function buildSuite(): Promise<string> {
  const sourceDir = path.join(REPO_ROOT, 'test', 'e2e', 'suite');
  const entries = fs
    .readdirSync(sourceDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(sourceDir, name));
  fs.rmSync(SUITE_OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: SUITE_OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return SUITE_INDEX;
}
