/**
 * Neovim 0.7 (Debian's) as a user runs it: the README's Neovim 0.7 config, extracted from README.md, is Neovim's
 * init.lua; `nvim --headless` opens the files of editorSession.ts and neovim/harness.lua writes what Neovim received
 * (diagnostics, completion, hover) to a JSON file asserted here.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe } from 'node:test';
import { editorResultTests, makeScratch, runEditor, type EditorResults, type Scratch } from './editorSession';
import { readmeConfig } from './readmeConfig';

const HARNESS = resolve(__dirname, 'neovim/harness.lua');

const nvimInstalled = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
// CI installs Neovim (.ci/run), so there a missing nvim is a failure, not a skip.
const skip = !nvimInstalled && !process.env.CI ? 'nvim is not installed (apt-get install neovim); CI runs this test' : false;

describe('Neovim 0.7 with the README config', { skip }, () => {
  let scratch: Scratch;
  let results: EditorResults;
  let elapsedMs = 0;
  /** The end of Neovim's LSP log (where the server's stderr goes too). */
  let lspLogTail = '';

  before(async () => {
    assert.ok(nvimInstalled, "nvim is not installed: .ci/run installs Debian's neovim; locally, apt-get install neovim");
    scratch = makeScratch('auth0-connections-nvim-');
    const init = join(scratch.root, 'init.lua');
    writeFileSync(init, readmeConfig('neovim-0.7'));
    const { home } = scratch;
    const run = await runEditor('nvim', ['--headless', '-u', init, '-i', 'NONE', '-n', '-c', `luafile ${HARNESS}`], {
      cwd: scratch.workspace,
      env: {
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_STATE_HOME: join(home, '.local', 'state'),
        XDG_CACHE_HOME: join(home, '.cache'),
        AUTH0_NVIM_CASES: scratch.casesPath,
        AUTH0_NVIM_RESULTS: scratch.resultsPath,
      },
    });
    elapsedMs = run.elapsedMs;
    const lspLog = join(home, '.cache', 'nvim', 'lsp.log');
    lspLogTail = existsSync(lspLog) ? readFileSync(lspLog, 'utf8').slice(-3000) : '(no lsp.log)';
    assert.ok(existsSync(scratch.resultsPath), `Neovim wrote no results (exit ${run.code}).\nstderr: ${run.stderr}\nlsp.log: ${lspLogTail}`);
    results = JSON.parse(readFileSync(scratch.resultsPath, 'utf8')) as EditorResults;
  });

  after(() => scratch?.remove());

  editorResultTests(
    { yamlMode: 'yaml', jsonMode: 'json' },
    () => results,
    () => lspLogTail,
    () => `nvim start to exit: ${elapsedMs} ms; waits: ${results.cases.map((c) => `${c.path} ${c.waitedMs} ms`).join(', ')}`,
  );
});
