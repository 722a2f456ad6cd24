/**
 * `pull`, `diff`, `apply` (and `create` with enabled applications) run as a user runs them: the built CLI in a child
 * process against the stateful Auth0-like tenant this test starts on 127.0.0.1; stdout, stderr, exit codes, the
 * files written and the tenant's state afterwards. Build first (`npm run build`).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { assertNoSecretIn } from '../fixtures/secrets';
import { answers, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_DOMAIN, startFakeAuth0, type FakeApplication, type FakeAuth0 } from '../fixtures/fakeAuth0Server';
import { CLI, runCli, type Run } from './runCli';

const GOOGLE_SECRET = 'google-LIVE-secret-Hk38Wq0';
const APPS: FakeApplication[] = [
  { clientId: 'app-web-0001', name: 'Web App' },
  { clientId: 'app-mobile-02', name: 'Mobile App' },
];


let work: string;
let server: FakeAuth0;

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const credentials = { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET };
  const target = ['--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl];
  return runCli([...args, ...target], { cwd: work, env: { AUTH0_DOMAIN: FAKE_DOMAIN, ...credentials, ...env } });
}

function assertNoSecret(run: Run, ...more: string[]): void {
  assertNoSecretIn(run.stdout + run.stderr, [FAKE_CLIENT_SECRET, GOOGLE_SECRET, ...more], 'the output');
}

const writes = () => server.requests.filter((r) => r.method !== 'GET' && r.route !== 'token');
const read = (name: string) => readFileSync(join(work, name), 'utf8');
const edit = (name: string, change: (text: string) => string) => writeFileSync(join(work, name), change(read(name)));

before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" before the CLI tests`));

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'auth0-lifecycle-cli-'));
  server = await startFakeAuth0({ tenant: { applications: APPS } });
  server.tenant.seed(
    { name: 'g-social', strategy: 'google-oauth2', options: { client_id: 'google-client', client_secret: GOOGLE_SECRET, scope: ['email', 'profile'], email: true, profile: true } },
    ['app-web-0001'],
  );
  server.tenant.seed({ name: 'db-main', strategy: 'auth0', display_name: 'Main DB', options: { passwordPolicy: 'good', brute_force_protection: true } });
});

afterEach(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

after(() => undefined);

void describe('help', () => {
  for (const command of ['pull', 'diff', 'apply']) {
    void test(`${command} --help`, async () => {
      const run = await cli([command, '--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`^Usage: auth0-connections ${command}`));
      assert.match(run.stdout, /Exit codes/);
    });
  }
});

void describe('the round trip a user runs', () => {
  void test('pull -> diff says nothing -> edit -> diff shows it -> apply -> diff says nothing; the live secret intact', async () => {
    const pulled = await cli(['pull', '--all', '--out', 'conns']);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.deepEqual(pulled.stdout.trim().split('\n').sort(), ['conns/db-main.connection.yaml', 'conns/g-social.connection.yaml']);
    assert.match(pulled.stderr, /conns\/g-social\.connection\.yaml: secrets written as placeholders: ##G_SOCIAL_CLIENT_SECRET##/);
    assert.match(pulled.stderr, /Pulled 2 of 2 connections from test-tenant\.auth0\.com \(1 page of connections/);
    const file = read('conns/g-social.connection.yaml');
    assert.match(file, /client_secret: "##G_SOCIAL_CLIENT_SECRET##"/);
    assert.match(file, /enabled_clients:\n {2}- Web App\n/);
    assert.ok(!file.includes(GOOGLE_SECRET));

    const same = await cli(['diff', 'conns/g-social.connection.yaml', 'conns/db-main.connection.yaml']);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.match(same.stdout, /2 files compared with test-tenant\.auth0\.com: 0 with differences, 0 to create, 2 the same/);

    edit('conns/g-social.connection.yaml', (text) => text.replace('    - profile\n', '').replace('  profile: true\n', '').replace('  - Web App\n', '  - Web App\n  - Mobile App\n'));
    const differs = await cli(['diff', 'conns/g-social.connection.yaml']);
    assert.equal(differs.code, 1, differs.stdout + differs.stderr);
    assert.match(differs.stdout, /^- options\.scope: \["email","profile"\]\n\+ options\.scope: \["email"\]$/m);
    assert.match(differs.stdout, /^- options\.profile: true {3}\(apply deletes it: options are replaced whole\)$/m);
    assert.match(differs.stdout, /^\+ enabled_clients: Mobile App$/m);

    const applied = await cli(['apply', 'conns/g-social.connection.yaml', 'conns/db-main.connection.yaml', '--yes']);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.match(applied.stderr, /This deletes options\.profile of g-social \(an update replaces options whole\)\./);
    assert.match(applied.stdout, /conns\/g-social\.connection\.yaml: Updated g-social on test-tenant\.auth0\.com: 2 properties changed/);
    assert.match(applied.stdout, /conns\/db-main\.connection\.yaml: db-main on test-tenant\.auth0\.com is up to date; nothing to send/);

    const after = await cli(['diff', 'conns/g-social.connection.yaml', 'conns/db-main.connection.yaml']);
    assert.equal(after.code, 0, after.stdout);
    const live = server.connections.get('g-social')!;
    assert.equal((live.options as Record<string, unknown>).client_secret, GOOGLE_SECRET, 'the live secret is intact');
    assert.deepEqual(server.tenant.enabled.get(String(live.id)), ['app-web-0001', 'app-mobile-02']);
    for (const run of [pulled, same, differs, applied, after]) assertNoSecret(run);
  });

  void test('diff --format json, for scripts', async () => {
    await cli(['pull', '--name', 'g-social', '--format', 'json']);
    edit('g-social.connection.json', (text) => text.replace('"email": true', '"email": false'));
    const run = await cli(['diff', 'g-social.connection.json', '--format', 'json']);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as { tenant: string; files: Array<{ status: string; changes: Array<{ kind: string; path: string; file: unknown; live: unknown }>; keptSecrets: string[] }> };
    assert.equal(report.tenant, FAKE_DOMAIN);
    assert.equal(report.files[0]?.status, 'different');
    assert.deepEqual(report.files[0]?.changes, [{ kind: 'changed', path: 'options.email', file: false, live: true, secret: false }]);
    assert.deepEqual(report.files[0]?.keptSecrets, ['G_SOCIAL_CLIENT_SECRET']);
  });

  void test('a secret from the environment replaces the tenant\'s, and is never printed', async () => {
    await cli(['pull', '--name', 'g-social']);
    const rotated = 'rotated-secret-from-env-77';
    const diff = await cli(['diff', 'g-social.connection.yaml'], { G_SOCIAL_CLIENT_SECRET: rotated });
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^- options\.client_secret: "••••••"\n\+ options\.client_secret: "##G_SOCIAL_CLIENT_SECRET##"$/m);
    const applied = await cli(['apply', 'g-social.connection.yaml', '--yes'], { G_SOCIAL_CLIENT_SECRET: rotated });
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal((server.connections.get('g-social')!.options as Record<string, unknown>).client_secret, rotated);
    assertNoSecret(diff, rotated);
    assertNoSecret(applied, rotated);
  });
});

void describe('pull', () => {
  void test('never overwrites without --force', async () => {
    writeFileSync(join(work, 'g-social.connection.yaml'), 'my local edits\n');
    const refused = await cli(['pull', '--name', 'g-social']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /g-social\.connection\.yaml: exists; not overwritten \(pass --force to replace it\)/);
    assert.equal(read('g-social.connection.yaml'), 'my local edits\n');
    const forced = await cli(['pull', '--name', 'g-social', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(read('g-social.connection.yaml'), /name: g-social/);
  });

  void test('a name the tenant does not have', async () => {
    const run = await cli(['pull', '--name', 'no-such-conn', '--name', 'db-main']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /No connection named no-such-conn on test-tenant\.auth0\.com\./);
    assert.ok(existsSync(join(work, 'db-main.connection.yaml')));
  });

  void test('--all reads every page (250 connections: 3 pages), once each', async () => {
    for (let i = 0; i < 248; i++) server.tenant.seed({ name: `bulk-${String(i).padStart(3, '0')}`, strategy: 'auth0' });
    const run = await cli(['pull', '--all', '--out', 'bulk']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Pulled 250 of 250 connections from test-tenant\.auth0\.com \(3 pages of connections/);
    assert.equal(readdirSync(join(work, 'bulk')).length, 250);
    assert.equal(server.requests.filter((r) => r.route === 'connections').length, 3);
  });

  void test('usage: nothing named, no domain', async () => {
    const nothing = await cli(['pull']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /--name NAME \(repeatable\), --strategy STRATEGY, or --all/);
    const noDomain = await cli(['pull', '--all'], { AUTH0_DOMAIN: '' });
    assert.equal(noDomain.code, 2);
    assert.match(noDomain.stderr, /Name the tenant with --domain or AUTH0_DOMAIN/);
  });

  void test('without read:clients: the refusal names the scope', async () => {
    await server.close();
    server = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, scopes: ['read:connections'] }], tenant: { applications: APPS } });
    server.tenant.seed({ name: 'with-app', strategy: 'auth0' }, ['app-web-0001']);
    const run = await cli(['pull', '--all']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /lack the scope read:clients or read:client_summary/);
  });
});

void describe('diff', () => {
  void test('a connection the tenant does not have: would be created (exit 1)', async () => {
    writeFileSync(join(work, 'new.connection.yaml'), 'name: brand-new\nstrategy: auth0\n');
    const run = await cli(['diff', 'new.connection.yaml']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /new\.connection\.yaml: brand-new does not exist on test-tenant\.auth0\.com; apply would create it/);
  });

  void test('many files: the connections are listed once, not looked up one by one', async () => {
    for (let i = 0; i < 10; i++) server.tenant.seed({ name: `many-${i}`, strategy: 'auth0' });
    await cli(['pull', '--all', '--out', 'many']);
    server.requests.length = 0;
    const files = readdirSync(join(work, 'many')).map((f) => `many/${f}`);
    const run = await cli(['diff', ...files]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /12 files compared with test-tenant\.auth0\.com: 0 with differences, 0 to create, 12 the same/);
    assert.equal(server.requests.filter((r) => r.route === 'connections').length, 1);
  });

  void test('a missing file is an I/O error (exit 2)', async () => {
    const run = await cli(['diff', 'missing.connection.yaml']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /missing\.connection\.yaml: not compared: No such file/);
  });
});

void describe('apply', () => {
  void test('creates with enabled_clients by name; the applications are enabled', async () => {
    writeFileSync(join(work, 'new-db.connection.yaml'), 'name: new-db\nstrategy: auth0\nenabled_clients:\n  - Mobile App\noptions:\n  passwordPolicy: good\n');
    const run = await cli(['apply', 'new-db.connection.yaml', '--yes']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /new-db\.connection\.yaml: create new-db \(strategy auth0\) on test-tenant\.auth0\.com\n {2}then enable it for Mobile App/);
    assert.match(run.stdout, /Created new-db \(con_\w+\) on test-tenant\.auth0\.com, enabled for Mobile App\./);
    const post = server.requests.find((r) => r.route === 'connections' && r.method === 'POST')!;
    assert.equal('enabled_clients' in (JSON.parse(post.body) as object), false, 'a migrated tenant refuses enabled_clients in the body');
    assert.deepEqual(server.tenant.enabled.get(String(server.connections.get('new-db')!.id)), ['app-mobile-02']);
  });

  void test('a renamed application: exit 1, the message names it, nothing is sent', async () => {
    writeFileSync(join(work, 'db.connection.yaml'), 'name: another-db\nstrategy: auth0\nenabled_clients:\n  - Old Mobile App\n');
    const run = await cli(['apply', 'db.connection.yaml', '--yes']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /enabled_clients names an application "Old Mobile App" that test-tenant\.auth0\.com does not have \(renamed or deleted\?\)/);
    assert.deepEqual(writes(), []);
  });

  void test('a different strategy is refused; a document with errors is not sent', async () => {
    writeFileSync(join(work, 'strat.connection.yaml'), 'name: db-main\nstrategy: google-oauth2\n');
    writeFileSync(join(work, 'bad.connection.yaml'), 'name: has space\nstrategy: auth0\n');
    const run = await cli(['apply', 'strat.connection.yaml', 'bad.connection.yaml', '--yes']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /db-main on test-tenant\.auth0\.com is a "auth0" connection and the file says "google-oauth2"; a connection's strategy cannot change/);
    assert.match(run.stderr, /^bad\.connection\.yaml:1:7: error invalid-name /m);
    assert.match(run.stdout, /bad\.connection\.yaml: Not applied: bad\.connection\.yaml has 1 error\. Fix it and try again; nothing was sent\./);
    assert.deepEqual(writes(), []);
  });

  void test('a 5xx on the update: may or may not have been applied, compare again (exit 1), not retried', async () => {
    await cli(['pull', '--name', 'db-main']);
    edit('db-main.connection.yaml', (text) => text.replace('passwordPolicy: good', 'passwordPolicy: fair'));
    server.force('connection', answers.serverError(503));
    const run = await cli(['apply', 'db-main.connection.yaml', '--yes']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /may or may not have been applied on test-tenant\.auth0\.com: compare again before trying again/);
    assert.equal(writes().length, 1);
  });

  void test('--dry-run reads and plans, sends nothing; without --yes and a terminal it refuses', async () => {
    await cli(['pull', '--name', 'db-main']);
    edit('db-main.connection.yaml', (text) => text.replace('passwordPolicy: good', 'passwordPolicy: fair'));
    const dry = await cli(['apply', 'db-main.connection.yaml', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^ {2}- options\.passwordPolicy: "good"\n {2}\+ options\.passwordPolicy: "fair"$/m);
    assert.match(dry.stderr, /Dry run: nothing was sent/);
    const unconfirmed = await cli(['apply', 'db-main.connection.yaml']);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, /Pass --yes/);
    assert.deepEqual(writes(), []);
  });
});

void describe('create sets enabled applications too', () => {
  void test('without enabled_clients: created, and it says no application can use it yet', async () => {
    writeFileSync(join(work, 'bare.connection.json'), JSON.stringify({ name: 'bare-db', strategy: 'auth0' }));
    const run = await cli(['create', 'bare.connection.json', '--yes']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /It is enabled for no application yet: list them in enabled_clients/);
  });

  void test('enabled_clients by name on a migrated tenant: created without them in the body, then enabled', async () => {
    writeFileSync(join(work, 'c.connection.json'), JSON.stringify({ name: 'created-db', strategy: 'auth0', enabled_clients: ['Web App'] }));
    const run = await cli(['create', 'c.connection.json', '--yes', '--domain', FAKE_DOMAIN]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Created connection created-db \(con_\w+\) on test-tenant\.auth0\.com$/m);
    assert.match(run.stderr, /^Enabled for Web App\.$/m);
    assert.deepEqual(server.tenant.enabled.get(String(server.connections.get('created-db')!.id)), ['app-web-0001']);
  });
});
