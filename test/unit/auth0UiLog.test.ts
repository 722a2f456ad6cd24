/** The tenant/create log: whatever is written reaches the output channel redacted. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { Auth0Log } from '../../client/src/auth0/log';
import { makeJwt } from '../fixtures/fakeAuth0Server';

function fakeChannel(written: string[]): vscode.LogOutputChannel {
  const write = (level: string) => (message: string) => void written.push(`${level} ${message}`);
  return { info: write('info'), warn: write('warn'), error: write('error') } as unknown as vscode.LogOutputChannel;
}

void test('known secrets, JWTs, bearer headers and client_secret fields never reach the channel', () => {
  const written: string[] = [];
  const log = new Auth0Log(fakeChannel(written));
  const secret = 'my-client-secret-value-1234';
  const jwt = makeJwt({ sub: 'x', scope: 'create:connections' });
  log.addSecrets(secret, undefined, '  ');
  log.info(`client secret is ${secret}`);
  log.warn(`token ${jwt} refused`);
  log.error(`request had Authorization: Bearer opaque-token-abcdef and {"client_secret":"another-one-5678"}`);
  const all = written.join('\n');
  for (const leaked of [secret, jwt, 'opaque-token-abcdef', 'another-one-5678']) {
    assert.ok(!all.includes(leaked), `leaked ${leaked} in ${all}`);
  }
  assert.equal(written.length, 3);
  assert.match(written[0]!, /^info \[auth0\] client secret is /);
  assert.deepEqual(log.lines().map((line) => line.split(':')[0]), ['info', 'warn', 'error']);
  assert.equal(log.scrub(`x ${secret} y`).includes(secret), false);
});

void test('only the last 500 lines are kept in memory', () => {
  const log = new Auth0Log(fakeChannel([]));
  for (let i = 0; i < 520; i++) log.info(`line ${i}`);
  assert.equal(log.lines().length, 500);
  assert.match(log.lines()[0]!, /line 20$/);
});
