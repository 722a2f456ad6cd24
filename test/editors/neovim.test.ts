/**
 * Neovim 0.7 (Debian's) as a user runs it: the README's Neovim config, extracted from README.md, is Neovim's
 * init.lua; `nvim --headless` opens connection files with mistakes and a file that is not ours, and
 * neovim/harness.lua writes what Neovim received (diagnostics, completion, hover) to a JSON file asserted here.
 * The README's path `~/src/auth0-connections` is made true by a temporary HOME whose src/auth0-connections is this
 * checkout.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readmeConfig, REPO_ROOT } from './readmeConfig';

const HARNESS = resolve(__dirname, 'neovim/harness.lua');
/** Everything Neovim does here takes a few seconds; this only bounds a hang. */
const NVIM_TIMEOUT_MS = 120_000;

interface CaseResult {
  path: string;
  filetype: string;
  published: boolean;
  waitedMs: number;
  error?: string;
  diagnostics?: Array<{ line: number; message: string; severity: number; source?: string }>;
  completion?: string[];
  hover?: string;
}
interface HarnessResults {
  cases: CaseResult[];
  errors: string[];
}

const nvimInstalled = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;
// CI installs Neovim (.ci/run), so there a missing nvim is a failure, not a skip.
const skip = !nvimInstalled && !process.env.CI ? 'nvim is not installed (apt-get install neovim); CI runs this test' : false;

const CASES = [
  {
    path: 'bad.connection.yaml',
    text: 'name: bad name\nstrategy: \n',
    waitFor: 'diagnostics',
    completionAt: { line: 1, character: 10 },
    hoverAt: { line: 0, character: 1 },
  },
  {
    path: 'bad.connection.json',
    text: '{\n  "name": "bad name",\n  "strategy": ""\n}\n',
    waitFor: 'diagnostics',
    completionAt: { line: 2, character: 15 },
    hoverAt: { line: 1, character: 4 },
  },
  // Ours only through the README config's `files` setting.
  { path: 'connections/okta.yaml', text: 'name: okta\nstrategy: okta\noptions:\n  domain: 42\n', waitFor: 'diagnostics' },
  // Not a connection file: the server must answer it, and with nothing.
  { path: 'package.json', text: '{ "name": "bad name" }\n', waitFor: 'publication' },
];

describe('Neovim 0.7 with the README config', { skip }, () => {
  let scratch: string;
  let results: HarnessResults;
  let elapsedMs: number;
  /** The end of Neovim's LSP log (where the server's stderr goes), for failure messages. */
  let lspLogTail = '';
  const byPath = (path: string): CaseResult => {
    const found = results.cases.find((c) => c.path === path);
    assert.ok(found, `no result for ${path}; the harness ran ${results.cases.map((c) => c.path).join(', ')}`);
    assert.equal(found.error, undefined, `${path}: ${found.error}\nNeovim's lsp.log ends with:\n${lspLogTail}`);
    return found;
  };

  before(async () => {
    assert.ok(nvimInstalled, 'nvim is not installed: .ci/run installs Debian\'s neovim; locally, apt-get install neovim');
    scratch = mkdtempSync(join(tmpdir(), 'auth0-connections-nvim-'));
    const home = join(scratch, 'home');
    const workspace = join(scratch, 'workspace');
    mkdirSync(join(home, 'src'), { recursive: true });
    symlinkSync(REPO_ROOT, join(home, 'src', 'auth0-connections'));
    for (const { path, text } of CASES) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    writeFileSync(join(scratch, 'init.lua'), readmeConfig('neovim-0.7'));
    writeFileSync(join(scratch, 'cases.json'), JSON.stringify(CASES.map(({ text: _text, ...rest }) => rest)));
    const resultsPath = join(scratch, 'results.json');
    const started = Date.now();
    const run = await runNvim(workspace, home, scratch, resultsPath);
    elapsedMs = Date.now() - started;
    const lspLog = join(home, '.cache', 'nvim', 'lsp.log');
    lspLogTail = existsSync(lspLog) ? readFileSync(lspLog, 'utf8').slice(-3000) : '(no lsp.log)';
    assert.ok(existsSync(resultsPath), `Neovim wrote no results (exit ${run.code}).\nstderr: ${run.stderr}\nlsp.log: ${lspLogTail}`);
    results = JSON.parse(readFileSync(resultsPath, 'utf8')) as HarnessResults;
  });

  after(() => {
    // KEEP_NVIM_SCRATCH=1 leaves the folder (init.lua, results.json, home/.cache/nvim/lsp.log) for a post-mortem.
    if (scratch && !process.env.KEEP_NVIM_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  });

  test('the harness ran every case without a Lua error', (t) => {
    assert.deepEqual(results.errors, []);
    t.diagnostic(`nvim start to exit: ${elapsedMs} ms; waits for diagnostics: ${results.cases.map((c) => `${c.path} ${c.waitedMs} ms`).join(', ')}`);
  });

  for (const [path, filetype, line] of [
    ['bad.connection.yaml', 'yaml', 0],
    ['bad.connection.json', 'json', 1],
  ] as const) {
    test(`${filetype}: the bad name is reported on line ${line}, with Neovim's ${filetype} filetype`, () => {
      const got = byPath(path);
      assert.equal(got.filetype, filetype);
      const onName = got.diagnostics?.find((d) => d.line === line && /contains a space/.test(d.message));
      assert.ok(onName, `got ${JSON.stringify(got.diagnostics)}`);
      assert.equal(onName.severity, 1);
      assert.equal(onName.source, 'auth0-connections');
    });

    test(`${filetype}: completion on the strategy value lists strategies`, () => {
      const labels = (byPath(path).completion ?? []).map((label) => label.replace(/"/g, ''));
      for (const strategy of ['samlp', 'google-oauth2', 'auth0']) assert.ok(labels.includes(strategy), `${strategy} in ${labels.join(', ')}`);
    });

    test(`${filetype}: hover on name documents the rule`, () => {
      assert.match(byPath(path).hover ?? '', /name of the connection/i);
    });
  }

  test('a file that only the README config’s files glob makes ours is served', () => {
    const got = byPath('connections/okta.yaml');
    assert.ok(got.diagnostics?.some((d) => d.line === 3), `a diagnostic on the domain; got ${JSON.stringify(got.diagnostics)}`);
  });

  test('a package.json is answered with no diagnostics', () => {
    const got = byPath('package.json');
    assert.equal(got.published, true);
    assert.deepEqual(got.diagnostics, []);
  });
});

function runNvim(workspace: string, home: string, scratch: string, resultsPath: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('nvim', ['--headless', '-u', join(scratch, 'init.lua'), '-i', 'NONE', '-n', '-c', `luafile ${HARNESS}`], {
      cwd: workspace,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        XDG_STATE_HOME: join(home, '.local', 'state'),
        XDG_CACHE_HOME: join(home, '.cache'),
        AUTH0_NVIM_CASES: join(scratch, 'cases.json'),
        AUTH0_NVIM_RESULTS: resultsPath,
      },
    });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nvim did not exit within ${NVIM_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, NVIM_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr });
    });
  });
}
