/**
 * The extension-host test entry, same contract for both runners (code-server and @vscode/test-electron): export
 * `run(): Promise<void>`, reject on failure. Runs every bundled `*.test.js` beside this file with Mocha's tdd UI and
 * ends with the plain `N passed, N failed` line the runners and CI read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { log } from './helpers';

export async function run(): Promise<void> {
  // The reporter writes through Base.consoleLog; route it through log() so the code-server runner sees it.
  Mocha.reporters.Base.consoleLog = log;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.E2E_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  // The window on workspace-plain/ (no connection files) runs the plain-*.test.js files; every other window the rest.
  const plain = vscode.workspace.workspaceFolders?.[0]?.name === 'workspace-plain';
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js') && name.startsWith('plain-') === plain)
    .sort();
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  try {
    await mocha.loadFilesAsync();
  } catch (error) {
    // Otherwise only the workbench's console would show why no test ran.
    log(`Could not load the test files: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  }
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
  });
  log(`${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} extension-host test(s) failed`);
  }
}
