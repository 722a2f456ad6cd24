/**
 * The README's editor configurations that no test here runs in their editor (Neovim 0.8+ is not in Debian
 * bookworm, Helix is not packaged): each is checked to parse in its own language, and to start the server with the
 * command and settings of the Neovim 0.7 config, which neovim.test.ts runs. This proves they are well-formed and
 * agree with a tested config, not that they work in their editor.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readmeConfig } from './readmeConfig';

const scratch = mkdtempSync(join(tmpdir(), 'auth0-connections-configs-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const nvimInstalled = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

/** A Lua table constructor `key = { ... }` as written in a config, with its whitespace and comments dropped. */
function luaTable(config: string, key: string): string {
  const start = config.indexOf(`${key} = {`);
  assert.ok(start >= 0, `no ${key} table in:\n${config}`);
  let depth = 0;
  for (let i = config.indexOf('{', start); i < config.length; i++) {
    if (config[i] === '{') depth++;
    if (config[i] === '}' && --depth === 0) return config.slice(start, i + 1).replace(/(^|\s)-- [^\n]*/g, '$1').replace(/\s+/g, '');
  }
  throw new Error(`unbalanced ${key} table`);
}

describe('Neovim 0.8+ (vim.lsp.start)', { skip: !nvimInstalled && !process.env.CI ? 'nvim is not installed' : false }, () => {
  test('is valid Lua (loaded by Neovim 0.7\'s LuaJIT, not run)', () => {
    const file = join(scratch, 'neovim-0.8.lua');
    writeFileSync(file, readmeConfig('neovim-0.8'));
    const check = spawnSync(
      'nvim',
      ['--headless', '--clean', '-c', `lua local ok, err = loadfile(${JSON.stringify(file)}); if not ok then io.stderr:write(err); vim.cmd('cquit 1') end`, '-c', 'qall!'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(check.status, 0, check.stderr);
  });

  test('starts the server with the command and settings of the tested 0.7 config', () => {
    assert.ok(testedServerCommand().includes('--stdio'));
    const tested = readmeConfig('neovim-0.7');
    const untested = readmeConfig('neovim-0.8');
    for (const key of ['cmd', 'init_options']) assert.equal(luaTable(untested, key), luaTable(tested, key), key);
  });
});

/** The quoted strings of the tested Neovim 0.7 config's `cmd` table: node, its flags, the server path, --stdio. */
function testedServerCommand(): string[] {
  return [...luaTable(readmeConfig('neovim-0.7'), 'cmd').matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
}

const python = spawnSync('python3', ['-c', 'import tomllib'], { stdio: 'ignore' }).status === 0;

describe('Helix (languages.toml)', { skip: !python && !process.env.CI ? 'python3 with tomllib (3.11+) is not installed' : false }, () => {
  test('is valid TOML naming the tested command and settings, added to the yaml and json languages', () => {
    const parsed = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], {
      input: readmeConfig('helix'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(parsed.status, 0, parsed.stderr);
    const config = JSON.parse(parsed.stdout) as {
      'language-server': Record<string, { command: string; args: string[]; config?: { auth0Connections?: { files?: string[] } } }>;
      language: Array<{ name: string; 'language-servers': string[] }>;
    };
    const server = config['language-server']['auth0-connections'];
    assert.ok(server, 'a language-server named auth0-connections');
    // Helix does not expand ~, so the README writes an absolute path where the Neovim config has ~.
    assert.deepEqual([server.command, ...server.args.map((arg) => arg.replace(/^\/home\/me\//, '~/'))], testedServerCommand());
    assert.deepEqual(server.config?.auth0Connections?.files, ['connections/*.yaml']);
    for (const name of ['yaml', 'json']) {
      const language = config.language.find((l) => l.name === name);
      assert.ok(language?.['language-servers'].includes('auth0-connections'), `${name} uses auth0-connections`);
    }
  });
});
