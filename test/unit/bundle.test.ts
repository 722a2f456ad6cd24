/**
 * The server bundle must carry exactly one copy of vscode-languageserver (two copies means two protocol
 * implementations with their own state: notifications registered on one never reach the other).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');

test('one copy of vscode-languageserver and its protocol is installed for the bundle', () => {
  for (const name of ['vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-languageserver-types']) {
    const paths = execFileSync('npm', ['ls', '--all', '--parseable', name], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.endsWith(`node_modules/${name}`));
    assert.equal(new Set(paths).size, 1, `${name} is installed at ${paths.join(', ')}`);
  }
});
