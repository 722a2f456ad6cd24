import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { LanguageClientChannel } from '../../client/src/logChannel';

/** Records what reaches the LogOutputChannel, level by level. */
function fakeLog(): { log: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  const log = {
    name: 'Auth0 Connections',
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
  } as unknown as vscode.LogOutputChannel;
  return { log, lines };
}

void test('language client lines land at their level; data lines follow their header; boolean noise is dropped', () => {
  const { log, lines } = fakeLog();
  const channel = new LanguageClientChannel(log);
  channel.appendLine('[Error - 10:00:00 AM] Server initialization failed.');
  channel.appendLine('  Message: Pending response rejected');
  channel.appendLine('[Info  - 10:00:01 AM] Connection to server got closed. Server will restart.');
  channel.appendLine('false');
  channel.appendLine('[Warn  - 10:00:02 AM] Something odd.');
  channel.appendLine('[Trace - 10:00:03 AM] Sending request \'initialize - (0)\'.');
  channel.appendLine('Params: {"processId": 1}');
  channel.appendLine('[Error - 10:00:04 AM] Server process exited with code 0.');
  channel.appendLine('a line from the server itself');
  assert.deepEqual(lines, [
    'error Server initialization failed.',
    'error   Message: Pending response rejected',
    'info Connection to server got closed. Server will restart.',
    'warn Something odd.',
    "info Sending request 'initialize - (0)'.",
    'info Params: {"processId": 1}',
    'info Server process exited with code 0.',
    'info a line from the server itself',
  ]);
  assert.equal(channel.name, 'Auth0 Connections');
});
