/**
 * The connection lifecycle (pull, compare, apply, enabled applications) against the stateful Auth0-like tenant on
 * 127.0.0.1: what a user would see (messages, files, the tenant's state after), how many requests went out, and
 * that no secret reaches a file or a message.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  compareWithTenant,
  createWithEnabledClients,
  executePlan,
  formatConnectionFile,
  getConnection,
  LifecycleSession,
  listConnections,
  planWithTenant,
  pullConnections,
  setEnabledClients,
  updateConnection,
  type ApplyOutcome,
  type Credentials,
  type LifecycleSettings,
  type PulledConnection,
  type Sleep,
} from '../../common/auth0';
import { parseBody, toPlainValue } from '../../engine/index';
import { createJsonMode, createYamlMode, validateDocument } from '../../languages/index';
import { assertNoSecretIn } from '../fixtures/secrets';
import { answers, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAuth0, type FakeApplication, type FakeAuth0 } from '../fixtures/fakeAuth0Server';

const CORPUS = resolve(__dirname, '../fixtures/corpus');
const CREDENTIALS: Credentials = { kind: 'client-credentials', clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET };
const noSleep: Sleep = async () => {};
const APPS: FakeApplication[] = [
  { clientId: 'app-web-0001', name: 'Web App' },
  { clientId: 'app-mobile-02', name: 'Mobile App' },
  { clientId: 'app-admin-003', name: 'Admin Console' },
];
const GOOGLE_SECRET = 'google-live-secret-7Hq2Lp9Xz';

/** The accepted corpus bodies (09-41): real bodies the live API created. */
function corpusBodies(): Array<Record<string, unknown>> {
  return readdirSync(CORPUS)
    .filter((name) => /^\d\d-.*\.json$/.test(name) && Number(name.slice(0, 2)) >= 9 && Number(name.slice(0, 2)) <= 41)
    .map((name) => JSON.parse(readFileSync(join(CORPUS, name), 'utf8')) as Record<string, unknown>);
}

function open(server: FakeAuth0, extra: Partial<LifecycleSettings> = {}): LifecycleSession {
  const opened = LifecycleSession.open({
    tenant: { domain: server.domain, apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl },
    credentials: CREDENTIALS,
    timeoutMs: 5000,
    sleep: noSleep,
    ...extra,
  });
  assert.ok(opened.ok, opened.ok ? '' : opened.message);
  return opened.session;
}

function writes(server: FakeAuth0): string[] {
  return server.requests.filter((r) => r.method !== 'GET' && r.route !== 'token').map((r) => `${r.method} ${r.url}`);
}


async function pulledFile(session: LifecycleSession, name: string): Promise<PulledConnection> {
  const pulled = await pullConnections(session, { names: [name] });
  assert.ok(pulled.ok, pulled.ok ? '' : pulled.userMessage);
  const [connection] = pulled.value.connections;
  assert.ok(connection);
  return connection;
}

void describe('pull from a tenant seeded with the accepted corpus', () => {
  let server: FakeAuth0;
  before(async () => {
    server = await startFakeAuth0({ tenant: { applications: APPS } });
    for (const body of corpusBodies()) server.tenant.seed(body);
  });
  after(() => server.close());

  void test('every pulled file validates with zero errors, as YAML and as JSON, and reads back as the same body', async () => {
    const pulled = await pullConnections(open(server), {});
    assert.ok(pulled.ok, pulled.ok ? '' : pulled.userMessage);
    assert.equal(pulled.value.connections.length, 33);
    const modes = { json: createJsonMode(), yaml: createYamlMode() };
    for (const connection of pulled.value.connections) {
      for (const format of ['yaml', 'json'] as const) {
        const text = formatConnectionFile(connection.file, format);
        const document = TextDocument.create(`file:///pulled/${connection.name}.connection.${format}`, format, 1, text);
        const errors = (await validateDocument(document, modes[format])).filter((d) => d.severity === 1).map((d) => `${String(d.code)} ${d.message}`);
        assert.deepEqual(errors, [], `${connection.name} as ${format}`);
        const parsed = parseBody(text, format);
        assert.deepEqual(parsed.root && toPlainValue(parsed.root), connection.file.body, `${connection.name} reads back as written (${format})`);
      }
    }
  });

  void test('no secret reaches a pulled file: each becomes a named placeholder', async () => {
    const pulled = await pullConnections(open(server), {});
    assert.ok(pulled.ok);
    // A secret value of the corpus, and the header every private key starts with (a marker: public keys may show).
    const secrets = ['4e2680bb72ec2ae24836476dd37ed6c2'];
    const privateKeyHeader = '-----BEGIN PRIVATE KEY-----';
    const sms = pulled.value.connections.find((c) => c.name === 'Acceptance-Test-Custom-SMS-TestAccConnectionCustomSMS');
    assert.deepEqual(sms?.file.placeholders.map((p) => p.key), ['ACCEPTANCE_TEST_CUSTOM_SMS_TEST_ACC_CONNECTION_CUSTOM_SMS_GATEWAY_AUTHENTICATION_SECRET']);
    for (const connection of pulled.value.connections) {
      assert.equal('id' in connection.file.body, false, 'server-owned id left out');
      for (const format of ['yaml', 'json'] as const) {
        const text = formatConnectionFile(connection.file, format);
        assertNoSecretIn(text, secrets, `${connection.name} as ${format}`);
        assert.ok(!text.includes(privateKeyHeader), `a private key in ${connection.name} as ${format}`);
      }
    }
  });

  void test('a pulled file compares equal to the tenant, for every corpus connection', async () => {
    const session = open(server);
    const pulled = await pullConnections(session, {});
    assert.ok(pulled.ok);
    for (const connection of pulled.value.connections) {
      const compared = await compareWithTenant(session, connection.file.body);
      assert.equal(compared.kind, 'compared');
      if (compared.kind === 'compared') assert.deepEqual(compared.comparison.changes, [], connection.name);
    }
  });
});

void describe('pagination', () => {
  let server: FakeAuth0;
  before(async () => {
    server = await startFakeAuth0();
    for (let i = 0; i < 250; i++) server.tenant.seed({ name: `conn-${String(i).padStart(3, '0')}`, strategy: 'auth0' });
  });
  after(() => server.close());

  void test('a listing reads every page once, following next, and stops when there is none', async () => {
    server.requests.length = 0;
    const listed = await listConnections(open(server).api);
    assert.ok(listed.ok, listed.ok ? '' : listed.userMessage);
    assert.equal(listed.value.items.length, 250);
    assert.equal(new Set(listed.value.items.map((c) => c.id)).size, 250);
    assert.equal(listed.value.pages, 3);
    const lists = server.requests.filter((r) => r.route === 'connections');
    assert.equal(lists.length, 3);
    assert.doesNotMatch(lists[0]!.url, /from=/);
    assert.match(lists[1]!.url, /take=100&from=/);
  });

  void test('a server that repeats a next is stopped with a message, not followed for ever', async () => {
    const page = (next: string) => answers.status(200, { connections: [{ id: 'con_1', name: 'a', strategy: 'auth0' }], next });
    server.setScenario({ connections: [page('token-A'), page('token-B'), page('token-A'), page('token-B')] });
    server.requests.length = 0;
    const listed = await listConnections(open(server).api);
    assert.equal(listed.ok, false);
    assert.ok(!listed.ok);
    assert.equal(listed.kind, 'unexpected');
    assert.match(listed.userMessage, /Stopped listing the connections: .* page token \("next"\) it had already given/);
    assert.equal(server.requests.filter((r) => r.route === 'connections').length, 3);
    server.setScenario({});
  });

  void test('the strategy filter', async () => {
    server.tenant.seed({ name: 'only-github', strategy: 'github' });
    const listed = await listConnections(open(server).api, { strategies: ['github'] });
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.items.map((c) => c.name), ['only-github']);
    assert.equal(listed.value.pages, 1);
  });

  void test('pages are capped', async () => {
    const listed = await listConnections(open(server).api, { maxPages: 2 });
    assert.ok(!listed.ok);
    assert.match(listed.userMessage, /still had more after 2 pages \(200 items\)/);
  });
});

void describe('round trip: pull, compare, edit, apply, compare', () => {
  let server: FakeAuth0;
  before(async () => {
    server = await startFakeAuth0({ tenant: { applications: APPS } });
    const created = server.tenant.seed(
      { name: 'g-social', strategy: 'google-oauth2', options: { client_id: 'google-client', client_secret: GOOGLE_SECRET, scope: ['email', 'profile'], email: true, profile: true } },
      ['app-web-0001'],
    );
    assert.ok(created.id);
  });
  after(() => server.close());

  void test('the edit shows in the comparison, applies, and the live secret is intact', async () => {
    const session = open(server);
    const pulled = await pulledFile(session, 'g-social');
    assert.deepEqual(pulled.file.body.enabled_clients, ['Web App']);
    assert.equal((pulled.file.body.options as Record<string, unknown>).client_secret, '##G_SOCIAL_CLIENT_SECRET##');
    const first = await compareWithTenant(session, pulled.file.body);
    assert.equal(first.kind === 'compared' && first.differs, false);

    const edited = structuredClone(pulled.file.body);
    (edited.options as Record<string, unknown>).scope = ['email'];
    delete (edited.options as Record<string, unknown>).profile;
    edited.enabled_clients = ['Web App', 'Mobile App'];
    const second = await compareWithTenant(session, edited);
    assert.ok(second.kind === 'compared' && second.differs);
    assert.deepEqual(second.comparison.changes.map((c) => `${c.kind} ${c.path}`).sort(), ['changed options.scope', 'removed options.profile']);
    assert.deepEqual(second.enabledClients, { added: ['Mobile App'], removed: [], unresolved: [] });
    assertNoSecretIn(JSON.stringify(second.comparison.changes), [GOOGLE_SECRET]);

    server.requests.length = 0;
    const outcome = await executePlan(session, await planWithTenant(session, edited));
    assert.equal(outcome.kind, 'updated', outcome.userMessage);
    assert.match(outcome.userMessage, /^Updated g-social on test-tenant\.auth0\.com: 2 properties changed \(.*\); removed options\.profile; enabled for Mobile App\.$/);
    assert.deepEqual(writes(server).map((w) => w.replace(/con_\w+/, 'ID')), ['PATCH /api/v2/connections/ID', 'PATCH /api/v2/connections/ID/clients']);
    const patch = JSON.parse(server.requests.find((r) => r.route === 'connection' && r.method === 'PATCH')!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(patch).sort(), ['authentication', 'connected_accounts', 'display_name', 'is_domain_connection', 'options', 'realms']);

    const live = server.connections.get('g-social')!;
    assert.equal((live.options as Record<string, unknown>).client_secret, GOOGLE_SECRET, 'the secret the file does not carry is kept');
    assert.equal('profile' in (live.options as object), false);
    assert.deepEqual(server.tenant.enabled.get(String(live.id)), ['app-web-0001', 'app-mobile-02']);
    const third = await compareWithTenant(session, edited);
    assert.equal(third.kind === 'compared' && third.differs, false);
    assertNoSecretIn(JSON.stringify(outcome), [GOOGLE_SECRET, FAKE_CLIENT_SECRET]);
  });

  void test('no changes sends nothing', async () => {
    const session = open(server);
    const pulled = await pulledFile(session, 'g-social');
    server.requests.length = 0;
    const outcome = await executePlan(session, await planWithTenant(session, pulled.file.body));
    assert.equal(outcome.kind, 'unchanged');
    assert.deepEqual(writes(server), []);
  });

  void test('a secret set in the environment replaces the tenant\'s, and never shows', async () => {
    const session = open(server, { env: { G_SOCIAL_CLIENT_SECRET: 'rotated-secret-Pq81Nd' } });
    const pulled = await pulledFile(session, 'g-social');
    const compared = await compareWithTenant(session, pulled.file.body);
    assert.ok(compared.kind === 'compared');
    assert.deepEqual(compared.comparison.changes.map((c) => [c.path, c.file, c.secret]), [['options.client_secret', '##G_SOCIAL_CLIENT_SECRET##', true]]);
    const outcome = await executePlan(session, await planWithTenant(session, pulled.file.body));
    assert.equal(outcome.kind, 'updated');
    assert.equal((server.connections.get('g-social')!.options as Record<string, unknown>).client_secret, 'rotated-secret-Pq81Nd');
    assertNoSecretIn(JSON.stringify({ compared, outcome }), ['rotated-secret-Pq81Nd', GOOGLE_SECRET]);
  });
});

void describe('create with enabled applications', () => {
  for (const legacyEnabledClients of [false, true]) {
    void describe(legacyEnabledClients ? 'on a tenant that still accepts enabled_clients' : 'on a migrated tenant', () => {
      let server: FakeAuth0;
      before(async () => {
        server = await startFakeAuth0({ tenant: { applications: APPS, legacyEnabledClients } });
      });
      after(() => server.close());

      void test('apply creates without enabled_clients in the body, then enables the applications by name', async () => {
        const session = open(server);
        const file = { name: 'new-db', strategy: 'auth0', enabled_clients: ['Web App', 'Admin Console'], options: { passwordPolicy: 'good' } };
        const compared = await compareWithTenant(session, file);
        assert.equal(compared.kind, 'new');
        server.requests.length = 0;
        const outcome = await executePlan(session, await planWithTenant(session, file));
        assert.equal(outcome.kind, 'created', outcome.userMessage);
        assert.match(outcome.userMessage, /^Created new-db \(con_\w+\) on test-tenant\.auth0\.com, enabled for Web App, Admin Console\.$/);
        const post = server.requests.find((r) => r.route === 'connections' && r.method === 'POST')!;
        assert.equal('enabled_clients' in (JSON.parse(post.body) as object), false);
        const id = String(server.connections.get('new-db')!.id);
        assert.deepEqual(server.tenant.enabled.get(id), ['app-web-0001', 'app-admin-003']);
        const again = await compareWithTenant(session, file);
        assert.equal(again.kind === 'compared' && again.differs, false);
      });

      void test('a create without enabled_clients says the connection is enabled for no application yet', async () => {
        const outcome = await executePlan(open(server), await planWithTenant(open(server), { name: 'lonely-db', strategy: 'auth0' }));
        assert.equal(outcome.kind, 'created');
        assert.match(outcome.userMessage, /\. It is enabled for no application yet: list them in enabled_clients and apply again, or enable it in the Auth0 Dashboard\.$/);
      });

      void test('createWithEnabledClients (the create command) does the same', async () => {
        const outcome = await createWithEnabledClients(open(server), { name: 'created-db', strategy: 'auth0', enabled_clients: ['Mobile App'] });
        assert.equal(outcome.kind, 'created', outcome.userMessage);
        assert.deepEqual(server.tenant.enabled.get(String(server.connections.get('created-db')!.id)), ['app-mobile-02']);
      });
    });
  }

  void test('a renamed application: a clear refusal naming it, and nothing sent', async () => {
    const server = await startFakeAuth0({ tenant: { applications: APPS } });
    try {
      const session = open(server);
      const outcome = await executePlan(session, await planWithTenant(session, { name: 'another-db', strategy: 'auth0', enabled_clients: ['Web App', 'Old Mobile App'] }));
      assert.equal(outcome.kind, 'refused');
      assert.match(outcome.userMessage, /enabled_clients names an application "Old Mobile App" that test-tenant\.auth0\.com does not have \(renamed or deleted\?\).*Nothing was sent\./);
      assert.deepEqual(writes(server), []);
    } finally {
      await server.close();
    }
  });
});

void describe('enabled applications: exact set, 50 per request', () => {
  void test('120 applications enabled in three requests of at most 50; then the set is made exact', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ clientId: `client-${String(i).padStart(3, '0')}`, name: `App ${i}` }));
    const server = await startFakeAuth0({ tenant: { applications: many } });
    try {
      const created = server.tenant.seed({ name: 'big', strategy: 'auth0' });
      const api = open(server).api;
      const ref = { id: String(created.id), name: 'big' };
      const set = await setEnabledClients(api, ref, many.map((a) => a.clientId), []);
      assert.ok(set.ok, set.ok ? '' : set.userMessage);
      const patches = server.requests.filter((r) => r.route === 'connectionClients' && r.method === 'PATCH').map((r) => (JSON.parse(r.body) as unknown[]).length);
      assert.deepEqual(patches, [50, 50, 20]);
      const exact = await setEnabledClients(api, ref, ['client-005', 'client-119'], server.tenant.enabled.get(ref.id)!);
      assert.ok(exact.ok);
      assert.equal(exact.value.disabled.length, 118);
      assert.deepEqual(server.tenant.enabled.get(ref.id), ['client-005', 'client-119']);
    } finally {
      await server.close();
    }
  });

  void test('the fake refuses more than 50 in one request, as Auth0 documents', async () => {
    const server = await startFakeAuth0({ tenant: { applications: [{ clientId: 'c', name: 'C' }] } });
    try {
      const created = server.tenant.seed({ name: 'x', strategy: 'auth0' });
      const token = server.issueToken();
      const body = JSON.stringify(Array.from({ length: 51 }, () => ({ client_id: 'c', status: true })));
      const response = await fetch(`${server.apiBaseUrl}/connections/${String(created.id)}/clients`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { message: string }).message, /maximum 50/);
    } finally {
      await server.close();
    }
  });
});

void describe('placeholder values never show, wherever they stand', () => {
  // A value from the environment, put where no key names a secret; Auth0's 400 quotes the value it was sent.
  const VALUE = 'ghp-env-value-Tq73Lk';
  const quoting = () => answers.badRequest(`Payload validation error: 'Invalid value ${VALUE}' on property display_name.`);

  for (const exists of [false, true]) {
    void test(exists ? 'an update refused with the value quoted' : 'a create refused with the value quoted', async () => {
      const server = await startFakeAuth0();
      try {
        if (exists) server.tenant.seed({ name: 'quoted', strategy: 'auth0', display_name: 'Old' });
        const session = open(server, { env: { GH_TOKEN: VALUE } });
        const plan = await planWithTenant(session, { name: 'quoted', strategy: 'auth0', display_name: '##GH_TOKEN##' });
        assert.equal(plan.kind, exists ? 'update' : 'create');
        server.force(exists ? 'connection' : 'connections', quoting());
        const outcome = await executePlan(session, plan);
        assert.equal(outcome.kind, 'failed');
        assert.match(outcome.userMessage, /'Invalid value ••••••' on property display_name/, 'Auth0\'s words are kept, the value masked');
        assertNoSecretIn(JSON.stringify(outcome), [VALUE]);
      } finally {
        await server.close();
      }
    });
  }
});

void describe('the update endpoint as Auth0 answers it', () => {
  let server: FakeAuth0;
  let session: LifecycleSession;
  before(async () => {
    server = await startFakeAuth0();
    server.tenant.seed({ name: 'upd', strategy: 'auth0', display_name: 'Custom Name', options: { passwordPolicy: 'good', brute_force_protection: true } });
    session = open(server);
  });
  after(() => server.close());

  const live = async () => {
    const found = await listConnections(session.api, { name: 'upd' });
    assert.ok(found.ok);
    return found.value.items[0]!;
  };

  void test('name and strategy in a PATCH body are refused with Auth0\'s message', async () => {
    const result = await updateConnection(session.api, await live(), { strategy: 'auth0', name: 'upd' });
    assert.ok(!result.ok);
    assert.equal(result.kind, 'rejected');
    assert.match(result.userMessage, /refused to update the connection upd: Payload validation error: 'Additional properties not allowed: strategy,name'\. Nothing was changed\./);
  });

  void test('options are replaced whole, and a PATCH without display_name resets it to the name', async () => {
    const result = await updateConnection(session.api, await live(), { options: { passwordPolicy: 'fair' } });
    assert.ok(result.ok, result.ok ? '' : result.userMessage);
    assert.deepEqual(result.value.options, { passwordPolicy: 'fair' });
    assert.equal(result.value.display_name, 'upd');
  });

  void test('a 5xx on a PATCH: may or may not have been applied, compare again; not retried', async () => {
    server.force('connection', answers.serverError(503));
    server.requests.length = 0;
    const result = await updateConnection(session.api, await live(), { display_name: 'x', options: {} });
    assert.ok(!result.ok);
    assert.equal(result.kind, 'uncertain');
    assert.deepEqual(result.actions, ['compare-again']);
    assert.match(result.userMessage, /503 Service Unavailable.* may or may not have been applied on test-tenant\.auth0\.com: compare again/);
    assert.equal(server.requests.filter((r) => r.route === 'connection').length, 1);
  });

  void test('a 5xx on a read: nothing changed, try again', async () => {
    server.force('connection', answers.serverError(500));
    const result = await getConnection(session.api, String((await live()).id), 'upd');
    assert.ok(!result.ok);
    assert.equal(result.kind, 'failed-read');
    assert.match(result.userMessage, /Could not read the connection upd on test-tenant\.auth0\.com\. Nothing was changed\. Try again\./);
  });

  void test('an unknown id: the connection does not exist', async () => {
    const result = await getConnection(session.api, 'con_xxxxxxxxxxxxxxxx', 'gone');
    assert.ok(!result.ok);
    assert.equal(result.kind, 'not-found');
    assert.match(result.userMessage, /The connection gone \(con_xxxxxxxxxxxxxxxx\) does not exist on test-tenant\.auth0\.com/);
  });

  void test('a 429 on a read waits as told and retries; a 401 gets one fresh token', async () => {
    server.force('connections', answers.rateLimited({ retryAfterSeconds: 1 }));
    const limited = await listConnections(session.api, { name: 'upd' });
    assert.ok(limited.ok);
    server.revokeAllTokens();
    const refreshed = await listConnections(session.api, { name: 'upd' });
    assert.ok(refreshed.ok);
  });
});

void describe('scopes: a refusal names the scope it needs', () => {
  const cases: Array<[string, string[], (s: LifecycleSession) => Promise<{ userMessage: string } | ApplyOutcome>, RegExp]> = [
    ['read:connections', ['read:clients'], async (s) => failureOf(await pullConnections(s, {})), /lack the scope read:connections/],
    ['read:clients', ['read:connections'], async (s) => failureOf(await pullConnections(s, { names: ['with-app'] })), /lack the scope read:clients or read:client_summary/],
    [
      'update:connections',
      ['read:connections', 'read:clients'],
      async (s) => executePlan(s, await planWithTenant(s, { name: 'with-app', strategy: 'auth0', options: { passwordPolicy: 'fair' } })),
      /lack the scope update:connections/,
    ],
  ];
  for (const [scope, scopes, run, message] of cases) {
    void test(`without ${scope}`, async () => {
      const server = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, scopes }], tenant: { applications: APPS } });
      try {
        server.tenant.seed({ name: 'with-app', strategy: 'auth0', options: { passwordPolicy: 'good' } }, ['app-web-0001']);
        const result = await run(open(server));
        assert.match(result.userMessage, message);
        assert.deepEqual(writes(server).filter((w) => !w.includes('PATCH')), []);
        assert.equal((server.connections.get('with-app')!.options as Record<string, unknown>).passwordPolicy, 'good');
      } finally {
        await server.close();
      }
    });
  }
});

function failureOf(result: { ok: boolean } & ({ ok: true } | { ok: false; userMessage: string })): { userMessage: string } {
  assert.ok(!result.ok, 'expected a failure');
  return { userMessage: (result as { userMessage: string }).userMessage };
}

void describe('secrets the tenant will not give back', () => {
  void test('options.configuration comes back encrypted: changing options needs its variable set', async () => {
    const server = await startFakeAuth0();
    try {
      server.tenant.seed({ name: 'custom-db', strategy: 'auth0', options: { enabledDatabaseCustomization: true, configuration: { API_KEY: 'plain-api-key-value' }, passwordPolicy: 'good' } });
      const session = open(server);
      const pulled = await pulledFile(session, 'custom-db');
      assert.deepEqual(pulled.file.placeholders.map((p) => p.key), ['CUSTOM_DB_CONFIGURATION_API_KEY']);
      const edited = structuredClone(pulled.file.body);
      (edited.options as Record<string, unknown>).passwordPolicy = 'fair';
      const refused = await executePlan(session, await planWithTenant(session, edited));
      assert.equal(refused.kind, 'refused');
      assert.match(refused.userMessage, /returns the values of options\.configuration encrypted.*Set CUSTOM_DB_CONFIGURATION_API_KEY/);
      assert.deepEqual(writes(server), []);
      const withValue = open(server, { env: { CUSTOM_DB_CONFIGURATION_API_KEY: 'plain-api-key-value' } });
      const applied = await executePlan(withValue, await planWithTenant(withValue, edited));
      assert.equal(applied.kind, 'updated', applied.userMessage);
    } finally {
      await server.close();
    }
  });

  void test('options the token may not read are never replaced', async () => {
    const server = await startFakeAuth0({ tenant: { optionsNeedScope: true } });
    try {
      server.tenant.seed({ name: 'hidden', strategy: 'github', options: { client_id: 'gh', client_secret: 'gh-secret-value-123' } });
      const session = open(server);
      const outcome = await executePlan(session, await planWithTenant(session, { name: 'hidden', strategy: 'github', options: { client_id: 'gh2' } }));
      assert.equal(outcome.kind, 'refused');
      assert.match(outcome.userMessage, /did not return the options of hidden \(the credentials may lack read:connections_options\)/);
      assert.deepEqual(writes(server), []);
    } finally {
      await server.close();
    }
  });
});
