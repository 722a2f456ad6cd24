/**
 * The README's editor configurations that no test here runs in their editor (Neovim 0.8+ is not in Debian
 * bookworm, Helix is not packaged): each is checked to parse in its own language, and to start the server with the
 * command and settings of a configuration that is run. This proves they are well-formed, not that they work.
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
    if (config[i] === '}' && --depth === 0) return config.slice(start, i + 1).replace(/--[^\n]*/g, '').replace(/\s+/g, '');
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
    const tested = readmeConfig('neovim-0.7');
    const untested = readmeConfig('neovim-0.8');
    for (const key of ['cmd', 'init_options']) assert.equal(luaTable(untested, key), luaTable(tested, key), key);
  });
});
