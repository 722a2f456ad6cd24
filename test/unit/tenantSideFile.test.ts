/**
 * The tenant's side of a comparison as the file would be written (common/auth0/tenantSideFile.ts): what the editor's
 * Compare shows on the left of the diff. A text diff against it must show exactly the comparison's differences:
 * none for a file just pulled (every accepted corpus connection, YAML and JSON), only the edited lines for an edited
 * file, whatever the file's key order and indentation; and no secret the file does not hold.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ApplicationDirectory,
  compareTenantSide,
  formatConnectionFile,
  jsonIndent,
  leadingComments,
  LifecycleSession,
  orderLike,
  pullConnections,
  tenantSideBody,
  tenantSideText,
  type Sleep,
  type TenantSideInput,
} from '../../common/auth0';
import { parseBody, toPlainValue } from '../../engine/index';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAuth0, type FakeAuth0 } from '../fixtures/fakeAuth0Server';

const CORPUS = resolve(__dirname, '../fixtures/corpus');
const noSleep: Sleep = async () => {};
const DIRECTORY = new ApplicationDirectory([
  { clientId: 'app-web-0001', name: 'Web App' },
  { clientId: 'app-mobile-02', name: 'Mobile App' },
  { clientId: 'app-admin-003', name: 'Admin Console' },
]);
const SECRET = 'google-live-secret-7Hq2Lp9Xz';

const LIVE = {
  id: 'con_0123',
  name: 'g-social',
  display_name: 'g-social',
  strategy: 'google-oauth2',
  is_domain_connection: false,
  realms: ['g-social'],
  authentication: { active: true },
  options: { client_id: 'google-client', client_secret: SECRET, scope: ['email', 'profile'], email: true, profile: true },
};

function parsed(text: string, format: 'yaml' | 'json'): Record<string, unknown> {
  const root = parseBody(text, format).root;
  assert.ok(root);
  return toPlainValue(root) as Record<string, unknown>;
}

function input(file: Record<string, unknown>, extra: Partial<TenantSideInput> = {}): TenantSideInput {
  return { file, live: LIVE, liveEnabled: ['app-web-0001'], directory: DIRECTORY, env: {}, ...extra };
}

/** The lines only in `a` and only in `b` (as multisets): what a line diff would mark. */
function lineDiff(a: string, b: string): { onlyLeft: string[]; onlyRight: string[] } {
  const right = b.split('\n');
  const onlyLeft: string[] = [];
  for (const line of a.split('\n')) {
    const at = right.indexOf(line);
    if (at === -1) onlyLeft.push(line);
    else right.splice(at, 1);
  }
  return { onlyLeft, onlyRight: right };
}

void describe('a pulled file and the tenant side are the same text', () => {
  let server: FakeAuth0;
  before(async () => {
    server = await startFakeAuth0({ tenant: { applications: [{ clientId: 'app-web-0001', name: 'Web App' }] } });
    const bodies = readdirSync(CORPUS)
      .filter((name) => /^\d\d-.*\.json$/.test(name) && Number(name.slice(0, 2)) >= 9 && Number(name.slice(0, 2)) <= 41)
      .map((name) => JSON.parse(readFileSync(join(CORPUS, name), 'utf8')) as Record<string, unknown>);
    for (const body of bodies) server.tenant.seed(body, ['app-web-0001']);
  });
  after(() => server.close());

  void test('for every accepted corpus connection, as YAML and as JSON', async () => {
    const opened = LifecycleSession.open({
      tenant: { domain: server.domain, apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl },
      credentials: { kind: 'client-credentials', clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET },
      timeoutMs: 5000,
      sleep: noSleep,
    });
    assert.ok(opened.ok);
    const session = opened.session;
    const pulled = await pullConnections(session, {});
    assert.ok(pulled.ok);
    assert.equal(pulled.value.connections.length, 33);
    for (const connection of pulled.value.connections) {
      for (const format of ['yaml', 'json'] as const) {
        const text = formatConnectionFile(connection.file, format);
        const file = parsed(text, format);
        const side = await session.tenantSide(file);
        assert.ok(side.ok);
        assert.ok(side.value.live);
        const left = tenantSideText({ file, ...side.value, live: side.value.live, env: {} }, format, text);
        assert.equal(left, text, `${connection.name} (${format})`);
      }
    }
  });
});

void describe('an edited file differs from the tenant side only where the comparison says', () => {
  const pulledYaml = [
    '# Secrets are placeholders: ##KEY## takes the value of the environment variable KEY when it is set;',
    "# otherwise apply keeps the tenant's current value.",
    'name: g-social',
    'display_name: g-social',
    'strategy: google-oauth2',
    'enabled_clients:',
    '  - Web App',
    'is_domain_connection: false',
    'realms:',
    '  - g-social',
    'authentication:',
    '  active: true',
    'options:',
    '  client_id: google-client',
    '  client_secret: "##G_SOCIAL_CLIENT_SECRET##"',
    '  email: true',
    '  profile: true',
    '  scope:',
    '    - email',
    '    - profile',
    '',
  ].join('\n');

  void test('the pulled text itself: no difference', () => {
    const file = parsed(pulledYaml, 'yaml');
    assert.equal(tenantSideText(input(file), 'yaml', pulledYaml), pulledYaml);
  });

  void test('an edited value, a removed option and an added application are the only lines that differ', () => {
    const edited = pulledYaml.replace('    - profile\n', '').replace('  profile: true\n', '').replace('  - Web App\n', '  - Web App\n  - Mobile App\n');
    const file = parsed(edited, 'yaml');
    const left = tenantSideText(input(file), 'yaml', edited);
    const diff = lineDiff(left, edited);
    assert.deepEqual({ onlyLeft: diff.onlyLeft.sort(), onlyRight: diff.onlyRight }, { onlyLeft: ['    - profile', '  profile: true'], onlyRight: ['  - Mobile App'] });
    const compared = compareTenantSide(file, { live: LIVE, liveEnabled: ['app-web-0001'], directory: DIRECTORY }, {});
    assert.equal(compared.kind, 'compared');
    if (compared.kind === 'compared') {
      assert.deepEqual(compared.comparison.changes.map((c) => `${c.kind} ${c.path}`).sort(), ['changed options.scope', 'removed options.profile']);
      assert.deepEqual(compared.enabledClients?.added, ['Mobile App']);
    }
  });

  void test('a hand-written JSON file: its key order and its indentation are followed; unmanaged properties are left out', () => {
    const text = '{\n    "$schema": "../connection.schema.json",\n    "strategy": "google-oauth2",\n    "name": "g-social",\n    "options": {\n        "scope": ["email", "profile"],\n        "client_id": "google-client",\n        "client_secret": "##GOOGLE_SECRET##",\n        "email": true,\n        "profile": true\n    }\n}\n';
    const file = parsed(text, 'json');
    const left = tenantSideText(input(file), 'json', text);
    const expected = JSON.stringify(file, null, 4) + '\n';
    assert.equal(left, expected, 'the same body, laid out as JSON.stringify with four spaces');
    assert.doesNotMatch(left, /realms|is_domain_connection|authentication|display_name|enabled_clients/);
  });

  void test('display_name is shown when the tenant has another (apply would reset it to the name)', () => {
    const file = { name: 'g-social', strategy: 'google-oauth2' };
    const body = tenantSideBody(input(file, { live: { ...LIVE, display_name: 'Google' } }));
    assert.deepEqual(body, { name: 'g-social', display_name: 'Google', strategy: 'google-oauth2' });
  });

  void test('a property the tenant leaves out shows Auth0 value for it, as the comparison assumes', () => {
    const file = { name: 'g-social', strategy: 'google-oauth2', show_as_button: false, metadata: {} };
    assert.deepEqual(tenantSideBody(input(file)), { name: 'g-social', strategy: 'google-oauth2', show_as_button: false, metadata: {} });
  });

  void test('secrets: a placeholder kept, the file own literal, the pull placeholder otherwise; never another secret', () => {
    const options = (body: Record<string, unknown>) => body.options as Record<string, unknown>;
    const base = { name: 'g-social', strategy: 'google-oauth2' };
    // A placeholder with no value stands for the tenant's value: the same placeholder on both sides.
    assert.equal(options(tenantSideBody(input({ ...base, options: { client_secret: '##MY_KEY##' } }))).client_secret, '##MY_KEY##');
    // ... and so does one whose variable holds the tenant's very value.
    assert.equal(options(tenantSideBody(input({ ...base, options: { client_secret: '##MY_KEY##' } }, { env: { MY_KEY: SECRET } }))).client_secret, '##MY_KEY##');
    // A variable with another value: the tenant's side is the placeholder pull would write (the line differs).
    assert.equal(options(tenantSideBody(input({ ...base, options: { client_secret: '##MY_KEY##' } }, { env: { MY_KEY: 'other' } }))).client_secret, '##G_SOCIAL_CLIENT_SECRET##');
    // The file holds the secret itself and it is the tenant's: shown (it is the file's own text).
    assert.equal(options(tenantSideBody(input({ ...base, options: { client_secret: SECRET } }))).client_secret, SECRET);
    // The file holds another literal, or nothing: the tenant's secret is never written.
    for (const file of [{ ...base, options: { client_secret: 'typed-in-file' } }, { ...base, options: {} }]) {
      const text = JSON.stringify(tenantSideBody(input(file)));
      assert.ok(!text.includes(SECRET), text);
      assert.match(text, /##G_SOCIAL_CLIENT_SECRET##/);
    }
    // A placeholder over a value that is no secret (a templated domain) compares as kept: the placeholder shows.
    const templated = tenantSideBody(input({ ...base, options: { client_id: '##CLIENT_ID##' } }));
    assert.equal(options(templated).client_id, '##CLIENT_ID##');
  });

  void test('enabled_clients as the file spells them: a client id stays an id, the rest by name', () => {
    const file = { name: 'g-social', strategy: 'google-oauth2', enabled_clients: ['app-mobile-02', 'Web App'] };
    const body = tenantSideBody(input(file, { liveEnabled: ['app-admin-003', 'app-web-0001', 'app-mobile-02'] }));
    assert.deepEqual(body.enabled_clients, ['app-mobile-02', 'Web App', 'Admin Console']);
  });
});

void test('orderLike, jsonIndent and leadingComments', () => {
  assert.deepEqual(Object.keys(orderLike({ a: 1, b: 2, c: 3 }, { c: 0, a: 0 }) as object), ['c', 'a', 'b']);
  assert.deepEqual(orderLike([{ y: 1, x: 2 }], [{ x: 0, y: 0 }]), [{ x: 2, y: 1 }]);
  assert.deepEqual(Object.keys((orderLike({ o: { b: 1, a: 2 } }, { o: { a: 0 } }) as { o: object }).o), ['a', 'b']);
  assert.equal(jsonIndent('{\n\t"a": 1\n}'), '\t');
  assert.equal(jsonIndent('{"a": 1}'), '  ');
  assert.equal(leadingComments('# a\n\n# b\nname: x\n'), '# a\n\n# b\n');
  assert.equal(leadingComments('name: x\n# later\n'), '');
});
