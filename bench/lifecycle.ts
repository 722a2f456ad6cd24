/**
 * `npm run bench:lifecycle`: the round trip a user runs (pull --all, diff, edit one file, apply, diff) with the
 * built CLI against the stateful Auth0-like tenant on 127.0.0.1, for a tenant of 1 and of 500 connections. Prints
 * wall-clock seconds per step, the pages and requests of the pull, and checks the outcome (exit codes, the live
 * secret kept) so that a broken round trip is not reported as fast. A measurement, not a test: no timing is judged.
 *
 *   npm run bench:lifecycle                 build, then 1 and 500 connections
 *   tsx bench/lifecycle.ts 1 500 2000       other sizes (after npm run build)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_DOMAIN, startFakeAuth0, type FakeAuth0 } from '../test/fixtures/fakeAuth0Server';

const CLI = resolve(__dirname, '../dist/cli.js');
const SECRET = 'bench-live-secret-0000';
const APPS = [
  { clientId: 'bench-app-web', name: 'Web App' },
  { clientId: 'bench-app-mobile', name: 'Mobile App' },
];

interface Step {
  name: string;
  seconds: number;
  code: number | null;
  stderr: string;
  /** Requests the tenant received during the step (token requests included). */
  requests: number;
}

function run(args: string[], cwd: string, server: FakeAuth0): Promise<Step> {
  // Nothing of the shell's Auth0 settings (a token in AUTH0_ACCESS_TOKEN or AUTH0_API_TOKEN would be sent instead).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUTH0_')));
  const env: NodeJS.ProcessEnv = { ...inherited, AUTH0_DOMAIN: FAKE_DOMAIN, AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET };
  const started = process.hrtime.bigint();
  const before = server.requests.length;
  const child = spawn(process.execPath, [CLI, ...args, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({ name: args[0] ?? '', seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr, requests: server.requests.length - before }),
    );
  });
}

/** A tenant of `count` connections: every other one a Google connection with a secret and an enabled application. */
async function seededTenant(count: number): Promise<FakeAuth0> {
  const server = await startFakeAuth0({ tenant: { applications: APPS } });
  for (let i = 0; i < count; i++) {
    const name = `bench-${String(i).padStart(4, '0')}`;
    if (i % 2 === 0) {
      server.tenant.seed({ name, strategy: 'google-oauth2', options: { client_id: `client-${i}`, client_secret: SECRET, scope: ['email', 'profile'], email: true } }, ['bench-app-web']);
    } else {
      server.tenant.seed({ name, strategy: 'auth0', options: { passwordPolicy: 'good', brute_force_protection: true } });
    }
  }
  return server;
}

function expect(step: Step, code: number): void {
  if (step.code !== code) throw new Error(`${step.name} exited ${String(step.code)}, expected ${code}:\n${step.stderr}`);
}

async function roundTrip(count: number): Promise<string> {
  const server = await seededTenant(count);
  const work = mkdtempSync(join(tmpdir(), 'auth0-lifecycle-bench-'));
  try {
    const pull = await run(['pull', '--all', '--out', 'conns'], work, server);
    expect(pull, 0);
    const files = readdirSync(join(work, 'conns')).map((f) => join('conns', f));
    const clean = await run(['diff', ...files], work, server);
    expect(clean, 0);
    const first = join(work, 'conns', 'bench-0000.connection.yaml');
    writeFileSync(first, readFileSync(first, 'utf8').replace('email: true', 'email: false'));
    const changed = await run(['diff', ...files], work, server);
    expect(changed, 1);
    const apply = await run(['apply', ...files, '--yes'], work, server);
    expect(apply, 0);
    const after = await run(['diff', ...files], work, server);
    expect(after, 0);
    const live = server.connections.get('bench-0000')?.options as Record<string, unknown>;
    if (live.client_secret !== SECRET || live.email !== false) throw new Error('the apply did not keep the secret or did not change the option');
    const pulled = /\((\d+ pages?) of connections, (\d+) requests\)/.exec(pull.stderr);
    const all = [pull, clean, changed, apply, after];
    const steps = all.map((s) => s.seconds.toFixed(2).padStart(7)).join(' ');
    const requests = all.map((s) => String(s.requests).padStart(7)).join(' ');
    return `${String(count).padStart(11)} ${steps}   pull read ${pulled?.[1] ?? '?'}\n${'requests'.padStart(11)} ${requests}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await server.close();
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  console.log('Round trip against the local Auth0-like tenant (seconds of wall-clock time, built CLI, one process per step)');
  console.log('connections    pull    diff    diff   apply    diff');
  console.log('                     (same) (1 edit)         (same)');
  for (const count of sizes.length > 0 ? sizes : [1, 500]) console.log(await roundTrip(count));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
