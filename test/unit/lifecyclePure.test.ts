/**
 * The lifecycle's pure parts, without a server: placeholders (stable keys, secrets from redact.ts's one list),
 * shaping a live connection as a file, the semantic comparison, application names and the apply plan.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { ROOT_PROPERTIES } from '../../engine/rules/bodyShape';
import {
  ApplicationDirectory,
  CONNECTION_FILE_FIELDS,
  UPDATABLE_FIELDS,
  compareConnection,
  compareEnabledClients,
  connectionFileName,
  formatConnectionFile,
  MASK,
  placeholderKey,
  planApply,
  replaceSecrets,
  resolvePlaceholders,
  sameValue,
  secretPaths,
  toConnectionFile,
  type LiveConnection,
  type PlanInput,
} from '../../common/auth0';

const GOOGLE_SECRET = 'live-google-secret-Zk29Qw';
const GOOGLE_OPTIONS = { scope: ['email', 'profile'], client_id: 'google-client-id', client_secret: GOOGLE_SECRET, email: true };
const google = (): LiveConnection => ({
  id: 'con_google1',
  name: 'g-social',
  strategy: 'google-oauth2',
  provisioning_ticket_url: 'https://x/p/abc',
  is_domain_connection: false,
  realms: ['g-social'],
  options: structuredClone(GOOGLE_OPTIONS),
});

void describe('placeholders', () => {
  void test('the key is derived from the connection name and the path below options, and is an env var name', () => {
    assert.equal(placeholderKey('g-social', ['options', 'client_secret']), 'G_SOCIAL_CLIENT_SECRET');
    assert.equal(placeholderKey('sms-gw', ['options', 'gateway_authentication', 'secret']), 'SMS_GW_GATEWAY_AUTHENTICATION_SECRET');
    assert.equal(placeholderKey('saml', ['options', 'decryptionKey', 'key']), 'SAML_DECRYPTION_KEY_KEY');
    assert.equal(placeholderKey('2Test', ['options', 'configuration', 'api.key']), '_2_TEST_CONFIGURATION_API_KEY');
    for (const key of ['G_SOCIAL_CLIENT_SECRET', '_2_TEST_CONFIGURATION_API_KEY']) assert.match(key, /^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  void test('the key is stable: the same connection and path give the same key whatever else the connection holds', () => {
    const a = replaceSecrets(google(), 'g-social').placeholders;
    const b = replaceSecrets({ ...google(), options: { ...GOOGLE_OPTIONS, app_secret: 'another-secret-value' } }, 'g-social').placeholders;
    const keyOf = (list: typeof a) => list.find((p) => p.path.join('.') === 'options.client_secret')?.key;
    assert.equal(keyOf(a), 'G_SOCIAL_CLIENT_SECRET');
    assert.equal(keyOf(a), keyOf(b));
  });

  void test('secrets are what maskSecrets masks: client/app secrets, tokens, gateway secret, private keys, configuration values', () => {
    const connection = {
      name: 'n',
      options: {
        client_secret: 'a-client-secret',
        app_secret: 'an-app-secret',
        twilio_token: 'a-twilio-token',
        gateway_authentication: { secret: 'a-gateway-secret', audience: 'https://aud' },
        signing_key: { key: '-----BEGIN PRIVATE KEY-----x', cert: 'public-cert' },
        configuration: { API_KEY: 'k', region: 'eu' },
        client_id: 'not-secret',
      },
    };
    const paths = secretPaths(connection).map((p) => p.join('.')).sort();
    assert.deepEqual(paths, [
      'options.app_secret',
      'options.client_secret',
      'options.configuration.API_KEY',
      'options.configuration.region',
      'options.gateway_authentication.secret',
      'options.signing_key.key',
      'options.twilio_token',
    ]);
  });

  void test('two paths giving the same key are told apart, in path order', () => {
    const { placeholders } = replaceSecrets({ options: { clientSecret: 'secret-one-value', client_secret: 'secret-two-value' } }, 'x');
    assert.deepEqual(placeholders.map((p) => p.key).sort(), ['X_CLIENT_SECRET', 'X_CLIENT_SECRET_2']);
  });

  void test('a placeholder takes its value from the environment; without one it stays', () => {
    const body = { options: { client_secret: '##A_SECRET##', other: '##NOT_SET##', text: 'keep ##A_SECRET## inside' } };
    const resolved = resolvePlaceholders(body, { A_SECRET: 'from-env-value' });
    assert.deepEqual(resolved.body.options, { client_secret: 'from-env-value', other: '##NOT_SET##', text: 'keep ##A_SECRET## inside' });
    assert.deepEqual(resolved.unresolved.map((p) => p.key), ['NOT_SET']);
    assert.equal(body.options.client_secret, '##A_SECRET##', 'the input is not modified');
  });
});

void describe('a live connection as a file', () => {
  void test('a file holds exactly what the editor accepts at the root (less $schema); an update sends all of it but name, strategy, enabled_clients', () => {
    assert.deepEqual([...CONNECTION_FILE_FIELDS].sort(), ROOT_PROPERTIES.filter((p) => p !== '$schema').sort());
    assert.deepEqual(
      CONNECTION_FILE_FIELDS.filter((f) => !UPDATABLE_FIELDS.includes(f)),
      ['name', 'strategy', 'enabled_clients'],
    );
  });

  void test('server-owned fields are left out, keys in file order, secrets as placeholders, applications by name', () => {
    const file = toConnectionFile({ ...google(), display_name: 'Google' }, ['Zed App', 'Admin App']);
    assert.deepEqual(Object.keys(file.body), ['name', 'display_name', 'strategy', 'enabled_clients', 'is_domain_connection', 'realms', 'options']);
    assert.deepEqual(file.body.enabled_clients, ['Admin App', 'Zed App']);
    assert.deepEqual(Object.keys(file.body.options as object), ['client_id', 'client_secret', 'email', 'scope']);
    assert.equal((file.body.options as Record<string, unknown>).client_secret, '##G_SOCIAL_CLIENT_SECRET##');
    assert.deepEqual(file.placeholders, [{ key: 'G_SOCIAL_CLIENT_SECRET', path: ['options', 'client_secret'] }]);
  });

  void test('no secret reaches the text, in YAML or JSON', () => {
    const file = toConnectionFile(google(), []);
    for (const format of ['yaml', 'json'] as const) {
      const text = formatConnectionFile(file, format);
      assert.ok(!text.includes(GOOGLE_SECRET), text);
      assert.match(text, /##G_SOCIAL_CLIENT_SECRET##/);
    }
    assert.equal(connectionFileName('g-social', 'yaml'), 'g-social.connection.yaml');
    assert.equal(connectionFileName('a/b:c', 'json'), 'a-b-c.connection.json', 'a separator never reaches the file name');
    assert.equal(connectionFileName('.hidden', 'json'), '-hidden.connection.json');
  });
});

void describe('comparing a file with the live connection', () => {
  const pulled = () => toConnectionFile(google(), undefined).body;

  void test('a pulled file compares equal (placeholders kept), whatever its key order', () => {
    const file = pulled();
    const reordered = Object.fromEntries(Object.entries(file).reverse());
    for (const body of [file, reordered]) {
      const comparison = compareConnection(body, google(), {});
      assert.deepEqual(comparison.changes, []);
      assert.deepEqual(comparison.kept.map((p) => p.key), ['G_SOCIAL_CLIENT_SECRET']);
    }
  });

  void test('values equal to what Auth0 assumes are not differences; top-level properties left out are not managed', () => {
    const file = { name: 'g-social', strategy: 'google-oauth2', display_name: 'g-social', realms: ['g-social'], is_domain_connection: false };
    assert.deepEqual(compareConnection(file, { id: 'c', name: 'g-social', strategy: 'google-oauth2', options: { a: 1 } }).changes, []);
  });

  void test('added, removed and changed options by path; secrets masked on both sides', () => {
    const file = pulled();
    const options = file.options as Record<string, unknown>;
    options.scope = ['email'];
    options.new_flag = true;
    delete options.email;
    const comparison = compareConnection(file, google(), { G_SOCIAL_CLIENT_SECRET: 'a-new-secret-from-env' });
    const byPath = Object.fromEntries(comparison.changes.map((c) => [c.path, c]));
    assert.deepEqual(Object.keys(byPath).sort(), ['options.client_secret', 'options.email', 'options.new_flag', 'options.scope']);
    assert.equal(byPath['options.scope']!.kind, 'changed');
    assert.equal(byPath['options.new_flag']!.kind, 'added');
    assert.equal(byPath['options.email']!.kind, 'removed');
    assert.deepEqual(comparison.removedOptions, ['options.email']);
    const secret = byPath['options.client_secret']!;
    assert.equal(secret.secret, true);
    assert.equal(secret.live, MASK);
    assert.equal(secret.file, '##G_SOCIAL_CLIENT_SECRET##', 'the file side shows the placeholder, never the value');
    const text = JSON.stringify(comparison.changes);
    assert.ok(!text.includes(GOOGLE_SECRET) && !text.includes('a-new-secret-from-env'), text);
  });

  void test('display_name left out compares with the name, since an update resets it to the name', () => {
    const live = { ...google(), display_name: 'Sign in with Google' };
    const [change] = compareConnection({ name: 'g-social', strategy: 'google-oauth2' }, live).changes;
    assert.deepEqual(change && { path: change.path, file: change.file, live: change.live }, { path: 'display_name', file: 'g-social', live: 'Sign in with Google' });
  });

  void test('enabled_clients compare as a set of names', () => {
    const directory = new ApplicationDirectory([
      { clientId: 'id-a', name: 'App A' },
      { clientId: 'id-b', name: 'App B' },
      { clientId: 'id-c', name: 'App C' },
    ]);
    assert.deepEqual(compareEnabledClients(['App B', 'App A', 'App A'], ['id-a', 'id-b'], directory), { added: [], removed: [], unresolved: [] });
    assert.deepEqual(compareEnabledClients(['App A', 'id-c', 'Gone App'], ['id-a', 'id-b'], directory), { added: ['id-c', 'Gone App'], removed: ['App B'], unresolved: ['Gone App'] });
  });

  void test('sameValue ignores key order, not array order', () => {
    assert.equal(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }), true);
    assert.equal(sameValue([1, 2], [2, 1]), false);
  });
});

void describe('application names', () => {
  const directory = new ApplicationDirectory([
    { clientId: 'id-1', name: 'Web' },
    { clientId: 'id-2', name: 'Twin' },
    { clientId: 'id-3', name: 'Twin' },
  ]);

  void test('an entry is a unique name or a client id', () => {
    assert.deepEqual(directory.resolve(['Web', 'id-3']), { ok: true, ids: ['id-1', 'id-3'] });
    assert.deepEqual(directory.resolve(['Twin', 'Renamed']), { ok: false, unknown: ['Renamed'], ambiguous: ['Twin'] });
    assert.equal(directory.entryFor('id-1'), 'Web');
    assert.equal(directory.entryFor('id-2'), 'id-2', 'a shared name is written as the id');
  });
});

void describe('the apply plan', () => {
  const directory = new ApplicationDirectory([
    { clientId: 'id-a', name: 'App A' },
    { clientId: 'id-b', name: 'App B' },
  ]);
  const input = (overrides: Partial<PlanInput>): PlanInput => ({
    file: toConnectionFile(google(), undefined).body,
    live: google(),
    liveEnabled: [],
    directory,
    env: {},
    tenant: 't.auth0.com',
    ...overrides,
  });

  void test('nothing differs: unchanged, nothing to send', () => {
    assert.equal(planApply(input({})).kind, 'unchanged');
  });

  void test('an update sends every updatable field, display_name always, and the whole options with the kept secret', () => {
    const file = toConnectionFile(google(), undefined).body;
    (file.options as Record<string, unknown>).email = false;
    const plan = planApply(input({ file }));
    assert.equal(plan.kind, 'update');
    if (plan.kind !== 'update') return;
    assert.deepEqual(Object.keys(plan.patch ?? {}).sort(), ['display_name', 'is_domain_connection', 'options', 'realms']);
    assert.equal(plan.patch?.display_name, 'g-social');
    assert.deepEqual(plan.patch?.options, { ...GOOGLE_OPTIONS, email: false }, 'the live secret is sent back, not the placeholder');
    assert.ok(!('name' in (plan.patch ?? {})) && !('strategy' in (plan.patch ?? {})) && !('enabled_clients' in (plan.patch ?? {})));
  });

  void test('options that do not change are not sent', () => {
    const file = toConnectionFile(google(), undefined).body;
    file.realms = ['g-social', 'other-realm'];
    const plan = planApply(input({ file }));
    assert.equal(plan.kind === 'update' && plan.patch !== undefined && !('options' in plan.patch), true);
  });

  void test('a different strategy is refused', () => {
    const file = { ...toConnectionFile(google(), undefined).body, strategy: 'github' };
    const plan = planApply(input({ file }));
    assert.equal(plan.kind === 'refused' && plan.reason, 'strategy-differs');
  });

  void test('a create with an unresolved placeholder is refused; with the variable set it sends the value, without enabled_clients', () => {
    const file = { ...toConnectionFile(google(), ['App A']).body };
    const refused = planApply(input({ file, live: undefined }));
    assert.equal(refused.kind === 'refused' && refused.reason, 'unresolved-placeholders');
    assert.match(refused.kind === 'refused' ? refused.userMessage : '', /G_SOCIAL_CLIENT_SECRET/);
    const plan = planApply(input({ file, live: undefined, env: { G_SOCIAL_CLIENT_SECRET: 'set-in-env-value' } }));
    assert.equal(plan.kind, 'create');
    if (plan.kind !== 'create') return;
    assert.equal((plan.body.options as Record<string, unknown>).client_secret, 'set-in-env-value');
    assert.equal('enabled_clients' in plan.body, false);
    assert.deepEqual(plan.enabledClients?.wanted, ['id-a']);
  });

  void test('an application that does not exist (renamed) is refused before anything is sent, naming it', () => {
    const file = { ...toConnectionFile(google(), ['Old Name']).body };
    const plan = planApply(input({ file }));
    assert.equal(plan.kind === 'refused' && plan.reason, 'unknown-applications');
    assert.match(plan.kind === 'refused' ? plan.userMessage : '', /"Old Name".*renamed or deleted/);
  });

  void test('the enabled set is made exact: enable the wanted, disable the rest', () => {
    const file = { ...toConnectionFile(google(), ['App B']).body };
    const plan = planApply(input({ file, liveEnabled: ['id-a'] }));
    assert.equal(plan.kind, 'update');
    if (plan.kind !== 'update') return;
    assert.equal(plan.patch, undefined, 'only the applications change');
    assert.deepEqual({ enable: plan.enabledClients?.enable, disable: plan.enabledClients?.disable }, { enable: ['App B'], disable: ['App A'] });
  });

  void test('options the tenant did not return are never replaced', () => {
    const { options: _options, ...withoutOptions } = google();
    void _options;
    const file = toConnectionFile(google(), undefined).body;
    const plan = planApply(input({ file, live: withoutOptions as LiveConnection }));
    assert.equal(plan.kind === 'refused' && plan.reason, 'options-unreadable');
  });

  void test('an encrypted configuration value cannot be kept when the options change', () => {
    const live: LiveConnection = { id: 'c1', name: 'db', strategy: 'auth0', options: { configuration: { API_KEY: 'Ckencrypted' }, passwordPolicy: 'good' } };
    const file = toConnectionFile(live, undefined).body;
    (file.options as Record<string, unknown>).passwordPolicy = 'fair';
    const refused = planApply(input({ file, live }));
    assert.equal(refused.kind === 'refused' && refused.reason, 'encrypted-configuration');
    const plan = planApply(input({ file, live, env: { DB_CONFIGURATION_API_KEY: 'plain-value' } }));
    assert.equal(plan.kind, 'update');
  });
});
