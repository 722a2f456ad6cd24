/**
 * Bundles the extension-host suite for the extension host: `test/e2e/suite/index.ts` and each `*.test.ts` become
 * CommonJS files under `out/e2e/<run>/` (git-ignored; one folder per run, so runs side by side do not delete each
 * other's files). `vscode` comes from the host; `mocha` is loaded from the repository's node_modules at run time
 * (the suite stays inside the repository, whichever extension is tested).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Builds the suite into `out/e2e/<runName>/` and returns the path of its index.js (the extensionTestsPath). */
export async function buildSuite(runName: string): Promise<string> {
  const outDir = path.join(REPO_ROOT, 'out', 'e2e', runName);
  const sourceDir = path.join(REPO_ROOT, 'test', 'e2e', 'suite');
  const entries = fs
    .readdirSync(sourceDir)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(sourceDir, name));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    // As esbuild.mjs: UMD builds (jsonc-parser's) do dynamic requires a bundle cannot follow; their ESM builds bundle.
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

export function removeSuite(extensionTestsPath: string): void {
  fs.rmSync(path.dirname(extensionTestsPath), { recursive: true, force: true });
}
