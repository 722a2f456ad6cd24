/**
 * What the editor tests share: the files a user opens (connection files with mistakes, one that only the README
 * config's `files` glob makes ours, and one that is not ours), a scratch HOME whose `src/auth0-connections` is this
 * checkout (the path the README's configs name), running an editor headless with a deadline, and the assertions on
 * what the editor received, written by each editor's harness in one JSON shape.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './readmeConfig';

export const CASES = [
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

/** What a harness writes: per case, what the editor showed, or why it has nothing. */
export interface EditorResults {
  cases: Array<{
    path: string;
    /** The editor's name for the buffer's language (Neovim filetype, Emacs major mode). */
    mode: string;
    error?: string;
    waitedMs?: number;
    /** How many diagnostics the server's last publication for the file held (what it sent, shown or not). */
    published?: number;
    diagnostics?: Array<{ line: number; message: string }>;
    completion?: string[];
    hover?: string;
  }>;
  errors: string[];
}

export interface Scratch {
  root: string;
  home: string;
  workspace: string;
  casesPath: string;
  resultsPath: string;
  remove(): void;
}

export function makeScratch(prefix: string): Scratch {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'home');
  const workspace = join(root, 'workspace');
  mkdirSync(join(home, 'src'), { recursive: true });
  symlinkSync(REPO_ROOT, join(home, 'src', 'auth0-connections'));
  for (const { path, text } of CASES) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const casesPath = join(root, 'cases.json');
  writeFileSync(casesPath, JSON.stringify(CASES.map(({ text: _text, ...rest }) => rest)));
  return {
    root,
    home,
    workspace,
    casesPath,
    resultsPath: join(root, 'results.json'),
    // KEEP_EDITOR_SCRATCH=1 leaves the folder (config, results, editor logs) for a post-mortem.
    remove: () => (process.env.KEEP_EDITOR_SCRATCH ? undefined : rmSync(root, { recursive: true, force: true })),
  };
}

/** Editors take a few seconds here; the deadline only bounds a hang. */
const EDITOR_TIMEOUT_MS = 120_000;

export function runEditor(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ code: number | null; stderr: string; elapsedMs: number }> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not exit within ${EDITOR_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, EDITOR_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/**
 * The tests of what a user sees, for any editor. `results()` is read when the tests run (after the suite's
 * `before`); `log()` says where to look when a case has nothing (the editor's LSP log).
 */
export function editorResultTests(
  editor: { yamlMode: string; jsonMode: string },
  results: () => EditorResults,
  log: () => string,
  timings: () => string,
): void {
  const byPath = (path: string): EditorResults['cases'][number] => {
    const found = results().cases.find((c) => c.path === path);
    assert.ok(found, `no result for ${path}; the harness ran ${results().cases.map((c) => c.path).join(', ')}`);
    assert.equal(found.error, undefined, `${path}: ${found.error}\nThe editor's log ends with:\n${log()}`);
    return found;
  };

  test('the harness ran every case without an error of its own', (t) => {
    t.diagnostic(timings());
    assert.deepEqual(results().errors, []);
  });

  for (const [path, mode, line] of [
    ['bad.connection.yaml', editor.yamlMode, 0],
    ['bad.connection.json', editor.jsonMode, 1],
  ] as const) {
    test(`${mode}: the bad name is reported on line ${line}`, () => {
      const got = byPath(path);
      assert.equal(got.mode, mode);
      assert.ok(got.diagnostics?.some((d) => d.line === line && /contains a space/.test(d.message)), `got ${JSON.stringify(got.diagnostics)}`);
    });

    test(`${mode}: completion on the strategy value lists strategies`, () => {
      const labels = (byPath(path).completion ?? []).map((label) => label.replace(/"/g, ''));
      for (const strategy of ['samlp', 'google-oauth2', 'auth0']) assert.ok(labels.includes(strategy), `${strategy} in ${labels.join(', ')}`);
    });

    test(`${mode}: hover on name documents the rule`, () => {
      assert.match(byPath(path).hover ?? '', /name of the connection/i);
    });
  }

  test('a file that only the README config’s files glob makes ours is served', () => {
    const got = byPath('connections/okta.yaml');
    assert.ok(got.diagnostics?.some((d) => d.line === 3 && /domain/.test(d.message)), `got ${JSON.stringify(got.diagnostics)}`);
  });

  test('a package.json is answered with no diagnostics', () => {
    // The server's publication itself is empty (what the editor shows may not have taken it in yet), and so is the editor.
    assert.equal(byPath('package.json').published, 0);
    assert.deepEqual(byPath('package.json').diagnostics, []);
  });
}
