/**
 * Emacs with eglot as a user runs it: the README's eglot config, extracted from README.md, is loaded into Debian's
 * Emacs 28 with its eglot 1.9 and yaml-mode packages (batch mode, no init file of the machine's); emacs/harness.el
 * opens the files of editorSession.ts and writes what eglot received (flymake diagnostics, completion-at-point
 * candidates, eldoc hover) to a JSON file asserted here.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { editorResultTests, makeScratch, runEditor, type EditorResults, type Scratch } from './editorSession';
import { readmeConfig } from './readmeConfig';

const HARNESS = resolve(__dirname, 'emacs/harness.el');
/** Interactive Emacs activates installed packages (Debian's elpa-*) at start-up; batch Emacs does not by itself. */
const ACTIVATE_PACKAGES = '(package-activate-all)';

const eglotInstalled =
  spawnSync('emacs', ['--batch', '--eval', `(progn ${ACTIVATE_PACKAGES} (require 'eglot) (require 'yaml-mode))`], { stdio: 'ignore' })
    .status === 0;
// CI installs them (.ci/run), so there a missing Emacs is a failure, not a skip.
const skip =
  !eglotInstalled && !process.env.CI ? 'Emacs with eglot is not installed (apt-get install emacs-nox elpa-eglot elpa-yaml-mode); CI runs this test' : false;

describe('Emacs eglot with the README config', { skip }, () => {
  let scratch: Scratch;
  let results: EditorResults;
  let elapsedMs = 0;
  let stderr = '';

  before(async () => {
    assert.ok(eglotInstalled, "Emacs with eglot is not installed: .ci/run installs Debian's emacs-nox elpa-eglot elpa-yaml-mode");
    scratch = makeScratch('auth0-connections-emacs-');
    // eglot's project is the version-controlled folder around a file: without one, each folder is its own project
    // and the `files` glob, relative to the project root, would not match connections/okta.yaml.
    const git = spawnSync('git', ['init', '-q', scratch.workspace], { encoding: 'utf8' });
    assert.equal(git.status, 0, git.stderr);
    const init = join(scratch.root, 'init.el');
    writeFileSync(init, readmeConfig('emacs-eglot'));
    const run = await runEditor('emacs', ['--batch', '--eval', ACTIVATE_PACKAGES, '-l', init, '-l', HARNESS], {
      cwd: scratch.workspace,
      env: { HOME: scratch.home, AUTH0_EMACS_CASES: scratch.casesPath, AUTH0_EMACS_RESULTS: scratch.resultsPath },
    });
    elapsedMs = run.elapsedMs;
    stderr = run.stderr;
    assert.ok(existsSync(scratch.resultsPath), `Emacs wrote no results (exit ${run.code}).\nstderr: ${stderr}`);
    results = JSON.parse(readFileSync(scratch.resultsPath, 'utf8')) as EditorResults;
  });

  after(() => scratch?.remove());

  editorResultTests(
    { yamlMode: 'yaml-mode', jsonMode: 'json-mode' },
    () => results,
    () => stderr.slice(-3000),
    () => `emacs start to exit: ${elapsedMs} ms; waits: ${results.cases.map((c) => `${c.path} ${c.waitedMs ?? '-'} ms`).join(', ')}`,
  );
});
