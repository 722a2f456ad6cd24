import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { STRATEGIES } from '../../common/strategies';
import { nodeAtPath, parseBody, type DocumentFormat } from '../../engine/index';
import type { Finding } from '../../engine/index';
import { deriveValidConnectionName, ROOT_PROPERTIES } from '../../engine/rules/bodyShape';
import { RULE_TABLE, runRules } from '../../engine/index';

type Body = Record<string, unknown>;

const FORMATS: readonly DocumentFormat[] = ['json', 'yaml'];

function render(body: Body, format: DocumentFormat): string {
  return format === 'json' ? JSON.stringify(body, null, 2) : stringifyYaml(body);
}

function findingsOf(text: string, format: DocumentFormat): Finding[] {
  return runRules(parseBody(text, format));
}

function withCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((finding) => finding.code === code);
}

/** The text a finding underlines, without the quotes a JSON key or string carries. */
function underlined(text: string, finding: Finding): string {
  return text.slice(finding.offset, finding.offset + finding.length).replace(/^["']|["']$/g, '');
}

/**
 * Runs `body` in JSON and YAML and asserts exactly one finding with `code`, of `severity`, underlining `expected`
 * (a key or a scalar value) at the place `path` points to. Returns the JSON finding for further checks.
 */
function expectOne(body: Body, code: string, severity: Finding['severity'], expected: string): Finding {
  let jsonFinding: Finding | undefined;
  for (const format of FORMATS) {
    const text = render(body, format);
    const found = withCode(findingsOf(text, format), code);
    assert.equal(found.length, 1, `${format}: expected one ${code}, got ${JSON.stringify(found)}\n${text}`);
    const finding = found[0] as Finding;
    assert.equal(finding.severity, severity, `${format} severity`);
    assert.equal(underlined(text, finding), expected, `${format} range`);
    if (format === 'json') jsonFinding = finding;
  }
  return jsonFinding as Finding;
}

function expectNone(body: Body, code: string): void {
  for (const format of FORMATS) {
    const text = render(body, format);
    assert.deepEqual(withCode(findingsOf(text, format), code), [], `${format}: no ${code} expected\n${text}`);
  }
}

const ACTIVE_EMAIL = { email: { identifier: { active: true }, signup: { status: 'required' } } };

void describe('body shape', () => {
  void test('missing name or strategy is an error at the root brace (JSON) or first key (YAML), with the property', () => {
    const json = '{\n  "strategy": "auth0"\n}';
    const [jsonFinding] = withCode(findingsOf(json, 'json'), 'missing-required');
    assert.deepEqual(
      { severity: jsonFinding?.severity, offset: jsonFinding?.offset, length: jsonFinding?.length, data: jsonFinding?.data },
      { severity: 'error', offset: 0, length: 1, data: { property: 'name' } },
    );
    assert.match(jsonFinding?.message ?? '', /no "name"/);

    const yaml = '# a comment\nname: db\n';
    const [yamlFinding] = withCode(findingsOf(yaml, 'yaml'), 'missing-required');
    assert.equal(yamlFinding?.data?.property, 'strategy');
    assert.equal(underlined(yaml, yamlFinding as Finding), 'name');

    assert.equal(withCode(findingsOf('{}', 'json'), 'missing-required').length, 2);
    expectNone({ name: 'db', strategy: 'auth0' }, 'missing-required');
  });

  void test('unknown strategy suggests the closest known one', () => {
    const finding = expectOne({ name: 'g', strategy: 'googel-oauth2' }, 'unknown-strategy', 'error', 'googel-oauth2');
    assert.equal(finding.message, 'Unknown strategy "googel-oauth2". Did you mean "google-oauth2"?');
    assert.deepEqual(finding.data, { replacement: 'google-oauth2' });
    assert.deepEqual(expectOne({ name: 'g', strategy: 'Auth0' }, 'unknown-strategy', 'error', 'Auth0').data, {
      replacement: 'auth0',
    });
    const far = expectOne({ name: 'g', strategy: 'quantum-login' }, 'unknown-strategy', 'error', 'quantum-login');
    assert.equal(far.data, undefined);
    assert.match(far.message, /Use one of the strategies/);
    expectNone({ name: 'g', strategy: 'google-oauth2' }, 'unknown-strategy');
  });

  void test('an invalid name is an error on the value, with a valid name derived from it', () => {
    const finding = expectOne({ name: 'My Connection_v2', strategy: 'auth0' }, 'invalid-name', 'error', 'My Connection_v2');
    assert.deepEqual(finding.data, { replacement: 'My-Connection-v2' });
    assert.match(finding.message, /contains a space .*try "My-Connection-v2"/);
    const long = expectOne({ name: 'a'.repeat(130), strategy: 'auth0' }, 'invalid-name', 'error', 'a'.repeat(130));
    assert.equal((long.data?.replacement as string).length, 128);
    expectNone({ name: 'my-db-1', strategy: 'auth0' }, 'invalid-name');
  });

  void test('derived names always match the API pattern', () => {
    const pattern = /^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$/;
    const cases: Record<string, string> = {
      '--x--': 'x',
      'Café Olé': 'Cafe-Ole',
      'a--b': 'a-b',
      '___': 'my-connection',
      '': 'my-connection',
      '##name##': 'name',
    };
    for (const [input, expected] of Object.entries(cases)) {
      assert.equal(deriveValidConnectionName(input), expected);
      assert.match(deriveValidConnectionName(input), pattern);
    }
    assert.match(deriveValidConnectionName(`${'x'.repeat(127)}-y`), pattern);
  });

  void test('unknown top-level keys are errors on the key, with the closest known key', () => {
    const finding = expectOne({ name: 'x', strategy: 'auth0', optoins: {} }, 'unknown-property', 'error', 'optoins');
    assert.deepEqual(finding.data, { replacement: 'options' });
    assert.match(finding.message, /Did you mean "options"\?/);
    const far = expectOne({ name: 'x', strategy: 'auth0', zzzzzzzz: 1 }, 'unknown-property', 'error', 'zzzzzzzz');
    assert.equal(far.data, undefined);
    expectNone(
      { $schema: 'x', name: 'x', strategy: 'oidc', cross_app_access_resource_app: { status: 'enabled' } },
      'unknown-property',
    );
  });

  void test('the known root properties and strategies are the ones in the vendored spec', () => {
    const spec = parseYaml(readFileSync(resolve(__dirname, '../../schemas/post-connections.openapi.yaml'), 'utf8')) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> };
    };
    const body = spec.components.schemas.CreateConnectionRequestContent;
    for (const key of Object.keys(body?.properties ?? {})) assert.ok(ROOT_PROPERTIES.includes(key), key);
    assert.deepEqual(
      [...(spec.components.schemas.ConnectionIdentityProviderEnum?.enum ?? [])].sort(),
      Object.keys(STRATEGIES).sort(),
    );
  });
});

void describe('flexible identifiers (options.attributes)', () => {
  void test('attributes with validation: error on validation naming Auth0\'s rule', () => {
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { validation: { username: { min: 1, max: 5 } }, attributes: ACTIVE_EMAIL } },
      'attributes-with-validation',
      'error',
      'validation',
    );
    assert.match(finding.message, /"Cannot set both options\.attributes and options\.validation"/);
    expectNone({ name: 'x', strategy: 'auth0', options: { validation: null, attributes: ACTIVE_EMAIL } }, 'attributes-with-validation');
    expectNone({ name: 'x', strategy: 'auth0', options: { validation: { username: { min: 1, max: 5 } } } }, 'attributes-with-validation');
  });

  void test('attributes with requires_username true: error on requires_username; false is accepted', () => {
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { requires_username: true, attributes: ACTIVE_EMAIL } },
      'attributes-with-requires-username',
      'error',
      'requires_username',
    );
    assert.match(finding.message, /"Cannot set both options\.attributes and options\.requires_username"/);
    expectNone({ name: 'x', strategy: 'auth0', options: { requires_username: false, attributes: ACTIVE_EMAIL } }, 'attributes-with-requires-username');
  });

  void test('attributes without an active identifier: error on attributes', () => {
    const inactive = { email: { identifier: { active: false } }, username: { identifier: { active: false } } };
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { attributes: inactive } },
      'attributes-without-active-identifier',
      'error',
      'attributes',
    );
    assert.match(finding.message, /"attributes must contain one active identifier"/);
    expectNone({ name: 'x', strategy: 'auth0', options: { attributes: ACTIVE_EMAIL } }, 'attributes-without-active-identifier');
    expectNone({ name: 'x', strategy: 'auth0', options: { attributes: {} } }, 'attributes-without-active-identifier');
  });

  void test('identifier inactive on signup: error on the status value naming the attribute', () => {
    const attributes = { phone_number: { identifier: { active: true }, signup: { status: 'inactive' } } };
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { attributes } },
      'identifier-not-required-on-signup',
      'error',
      'inactive',
    );
    assert.match(finding.message, /"attribute phone_number must also be required on signup"/);
    expectNone({ name: 'x', strategy: 'auth0', options: { attributes: ACTIVE_EMAIL } }, 'identifier-not-required-on-signup');
    expectNone(
      { name: 'x', strategy: 'auth0', options: { attributes: { ...ACTIVE_EMAIL, username: { identifier: { active: false }, signup: { status: 'inactive' } } } } },
      'identifier-not-required-on-signup',
    );
  });
});

void describe('strategy scope', () => {
  void test('cross_app_access_requesting_app outside oidc/okta is an error on the key', () => {
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', cross_app_access_requesting_app: { active: true } },
      'cross-app-access-unsupported',
      'error',
      'cross_app_access_requesting_app',
    );
    assert.match(finding.message, /"Cross App Access Requesting App is not supported for this connection\."/);
    expectNone({ name: 'x', strategy: 'oidc', cross_app_access_requesting_app: { active: true } }, 'cross-app-access-unsupported');
    expectNone({ name: 'x', strategy: 'auth0', cross_app_access_requesting_app: { active: false } }, 'cross-app-access-unsupported');
    expectNone({ name: 'x', strategy: 'not-a-strategy', cross_app_access_requesting_app: { active: true } }, 'cross-app-access-unsupported');
  });

  void test('custom_password_hash outside database connections is an error', () => {
    const hash = { action_id: '355d50dc-cc21-49ae-a0e5-4f427e8f51b3' };
    const finding = expectOne({ name: 'x', strategy: 'samlp', options: { custom_password_hash: hash } }, 'custom-password-hash-not-database', 'error', 'custom_password_hash');
    assert.match(finding.message, /only available for database connections/);
    expectNone({ name: 'x', strategy: 'auth0', options: { custom_password_hash: hash } }, 'custom-password-hash-not-database');
  });

  void test('set_user_root_attributes on a database without custom database is an error', () => {
    expectOne(
      { name: 'x', strategy: 'auth0', options: { set_user_root_attributes: 'on_first_login' } },
      'set-user-root-attributes-database',
      'error',
      'set_user_root_attributes',
    );
    expectNone({ name: 'x', strategy: 'auth0', options: { set_user_root_attributes: 'on_first_login', enabledDatabaseCustomization: true } }, 'set-user-root-attributes-database');
    expectNone({ name: 'x', strategy: 'google-oauth2', options: { set_user_root_attributes: 'on_first_login' } }, 'set-user-root-attributes-database');
  });

  void test('database-only options on other strategies are warnings on the key', () => {
    const finding = expectOne({ name: 'x', strategy: 'google-oauth2', options: { passwordPolicy: 'good' } }, 'database-only-option', 'warning', 'passwordPolicy');
    assert.match(finding.message, /"passwordPolicy" is a database connection option; a "google-oauth2"/);
    expectNone({ name: 'x', strategy: 'auth0', options: { passwordPolicy: 'good' } }, 'database-only-option');
    expectNone({ name: 'x', options: { passwordPolicy: 'good' } }, 'database-only-option');
  });

  void test('OIDC/Okta-only options on other strategies are warnings on the key', () => {
    expectOne({ name: 'x', strategy: 'samlp', options: { token_endpoint_auth_signing_alg: 'RS256' } }, 'oidc-only-option', 'warning', 'token_endpoint_auth_signing_alg');
    expectOne({ name: 'x', strategy: 'waad', options: { id_token_session_expiry_supported: true } }, 'oidc-only-option', 'warning', 'id_token_session_expiry_supported');
    expectNone({ name: 'x', strategy: 'okta', options: { token_endpoint_jwtca_aud_format: 'issuer', id_token_signed_response_algs: ['RS256'] } }, 'oidc-only-option');
  });

  void test('show_as_button outside enterprise connections is a warning', () => {
    expectOne({ name: 'x', strategy: 'google-oauth2', show_as_button: true }, 'show-as-button-not-enterprise', 'warning', 'show_as_button');
    expectNone({ name: 'x', strategy: 'samlp', show_as_button: true }, 'show-as-button-not-enterprise');
  });

  void test('one road: a misplaced key is reported once, by the most specific rule', () => {
    // Before the per-strategy checks became rules, these keys were reported twice and the editor dropped one.
    const body = {
      name: 'x',
      strategy: 'samlp',
      options: {
        passwordPolicy: 'good',
        custom_password_hash: { action_id: 'a' },
        token_endpoint_auth_signing_alg: 'RS256',
        signInEndpoint: 'https://idp.example.com/sso',
      },
    };
    for (const format of FORMATS) {
      const text = render(body, format);
      const findings = findingsOf(text, format);
      const places = findings.map((finding) => `${finding.offset}:${finding.length}`);
      assert.equal(new Set(places).size, places.length, `${format}: two findings at one place: ${JSON.stringify(findings)}`);
      const codeAt = (key: string) => findings.find((finding) => underlined(text, finding) === key)?.code;
      assert.equal(codeAt('passwordPolicy'), 'database-only-option');
      assert.equal(codeAt('custom_password_hash'), 'custom-password-hash-not-database');
      assert.equal(codeAt('token_endpoint_auth_signing_alg'), 'oidc-only-option');
    }
    const database = render({ name: 'x', strategy: 'auth0', options: { set_user_root_attributes: 'on_first_login' } }, 'json');
    assert.deepEqual(findingsOf(database, 'json').map((finding) => finding.code), ['set-user-root-attributes-database']);
  });

  void test('realms outside database connections is a warning', () => {
    expectOne({ name: 'x', strategy: 'oauth2', realms: ['x'] }, 'realms-not-database', 'warning', 'realms');
    expectNone({ name: 'x', strategy: 'auth0', realms: ['x'] }, 'realms-not-database');
  });
});

void describe('password and username policy', () => {
  void test('three_of_four without all four character types: warning on the rule value listing what is missing', () => {
    const complexity = { character_types: ['uppercase', 'lowercase'], character_type_rule: 'three_of_four' };
    const finding = expectOne({ name: 'x', strategy: 'auth0', options: { password_options: { complexity } } }, 'three-of-four-needs-all-types', 'warning', 'three_of_four');
    assert.match(finding.message, /lacks "number", "special"/);
    const all = { character_types: ['uppercase', 'lowercase', 'number', 'special'], character_type_rule: 'three_of_four' };
    expectNone({ name: 'x', strategy: 'auth0', options: { password_options: { complexity: all } } }, 'three-of-four-needs-all-types');
    expectNone({ name: 'x', strategy: 'auth0', options: { password_options: { complexity: { ...complexity, character_type_rule: 'all' } } } }, 'three-of-four-needs-all-types');
  });

  void test('password_options mixed with legacy fields: warning on each legacy key', () => {
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { password_options: { history: { active: true, size: 5 } }, password_history: { enable: true, size: 5 } } },
      'password-options-with-legacy-fields',
      'warning',
      'password_history',
    );
    assert.match(finding.message, /Move this setting to password_options\.history/);
    expectNone({ name: 'x', strategy: 'auth0', options: { password_options: { history: { active: true } }, passwordPolicy: null } }, 'password-options-with-legacy-fields');
    expectNone({ name: 'x', strategy: 'auth0', options: { passwordPolicy: 'good', password_history: { enable: true } } }, 'password-options-with-legacy-fields');
  });

  void test('username minimum above maximum: warning on the minimum, legacy and flexible forms', () => {
    expectOne({ name: 'x', strategy: 'auth0', options: { validation: { username: { min: 10, max: 5 } } } }, 'username-min-above-max', 'warning', '10');
    expectOne(
      { name: 'x', strategy: 'auth0', options: { attributes: { username: { identifier: { active: true }, validation: { min_length: 20, max_length: 4 } } } } },
      'username-min-above-max',
      'warning',
      '20',
    );
    expectNone({ name: 'x', strategy: 'auth0', options: { validation: { username: { min: 1, max: 5 } } } }, 'username-min-above-max');
  });

  void test('a duplicate precedence item is a warning on the repeated item', () => {
    const body = { name: 'x', strategy: 'auth0', options: { precedence: ['email', 'username', 'email'] } };
    for (const format of FORMATS) {
      const text = render(body, format);
      const [finding, ...rest] = withCode(findingsOf(text, format), 'duplicate-precedence');
      assert.equal(rest.length, 0);
      assert.equal(finding?.severity, 'warning');
      const third = nodeAtPath(parseBody(text, format).root, ['options', 'precedence', 2]);
      assert.equal(finding?.offset, third?.offset, `${format}: the later "email"`);
    }
    expectNone({ name: 'x', strategy: 'auth0', options: { precedence: ['email', 'username', 'phone_number'] } }, 'duplicate-precedence');
  });
});

void describe('options Auth0 requires on create (quoted 400s, every accepted alternative allowed)', () => {
  const okta = (options?: Body): Body => ({ name: 'o', strategy: 'okta', ...(options ? { options } : {}) });

  void test('okta without domain and without issuer: Auth0\'s "options.domain is required"', () => {
    // go-auth0 recording (2022-11-04): {"name": ..., "strategy": "okta"} -> 400 "options.domain is required".
    const bare = expectOne(okta(), 'missing-required-option', 'error', 'okta');
    assert.match(bare.message, /"options\.domain is required"/);
    const withOptions = expectOne(okta({ client_id: 'abc' }), 'missing-required-option', 'error', 'options');
    assert.match(withOptions.message, /issuer/);
    expectOne(okta({ client_id: 'abc', domain: '' }), 'missing-required-option', 'error', 'domain');
    // Accepted: with domain (recorded 065-071), or without domain but with issuer and the endpoints (recorded 094, 095).
    expectNone(okta({ client_id: 'abc', domain: 'example.okta.com' }), 'missing-required-option');
    expectNone(okta({ client_id: 'abc', issuer: 'https://example.okta.com' }), 'missing-required-option');
  });

  void test('oidc without client_id: Auth0\'s "options.client_id is required", said once', () => {
    const finding = expectOne({ name: 'o', strategy: 'oidc', options: { issuer: 'https://idp.example.com' } }, 'missing-required-option', 'error', 'options');
    assert.match(finding.message, /"options\.client_id is required"/);
    for (const format of FORMATS) {
      const text = render({ name: 'o', strategy: 'oidc', options: { issuer: 'https://idp.example.com' } }, format);
      assert.deepEqual(withCode(findingsOf(text, format), 'strategy-option-constraint'), [], `${format}: the spec's "required" is not said again`);
    }
    expectNone({ name: 'o', strategy: 'oidc', options: { client_id: 'abc' } }, 'missing-required-option');
  });

  void test('adfs without adfs_server and without fedMetadataXml: Auth0\'s "missing federation metadata url"', () => {
    const finding = expectOne({ name: 'a', strategy: 'adfs', options: { domain_aliases: ['example.com'] } }, 'missing-required-option', 'error', 'options');
    assert.match(finding.message, /"missing federation metadata url"/);
    expectNone({ name: 'a', strategy: 'adfs', options: { adfs_server: 'https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml' } }, 'missing-required-option');
    // recorded-sweep 12: fedMetadataXml alone was accepted.
    expectNone({ name: 'a', strategy: 'adfs', options: { fedMetadataXml: '<EntityDescriptor/>' } }, 'missing-required-option');
  });

  void test('other strategies, and a missing or unknown strategy, get nothing from it', () => {
    expectNone({ name: 'w', strategy: 'waad', options: {} }, 'missing-required-option');
    expectNone({ name: 'g', strategy: 'google-apps' }, 'missing-required-option');
    expectNone({ name: 'x', options: {} }, 'missing-required-option');
    expectNone({ name: 'x', strategy: 'oktaa' }, 'missing-required-option');
  });
});

void describe('release lifecycle', () => {
  void test('a deprecated strategy is a warning on the value, tagged deprecated', () => {
    const finding = expectOne({ name: 'x', strategy: 'instagram' }, 'deprecated-strategy', 'warning', 'instagram');
    assert.deepEqual(finding.tags, ['deprecated']);
    expectNone({ name: 'x', strategy: 'facebook' }, 'deprecated-strategy');
  });

  void test('deprecated fields are warnings on the key, tagged deprecated', () => {
    const clients = expectOne({ name: 'x', strategy: 'auth0', enabled_clients: ['abc'] }, 'deprecated-property', 'warning', 'enabled_clients');
    assert.deepEqual(clients.tags, ['deprecated']);
    assert.match(clients.message, /PATCH \/api\/v2\/connections\/\{id\}\/clients/);
    // auth0-deploy-cli#1290: tenants on the newer client management refuse it with this 400.
    assert.match(clients.message, /newer client management/);
    assert.match(clients.message, /400 Payload validation error: 'Additional properties not allowed: enabled_clients'/);
    assert.match(clients.message, /quick fix removes it/);
    expectOne({ name: 'x', strategy: 'sms', options: { twilio_sid: 'AC1' } }, 'deprecated-property', 'warning', 'twilio_sid');
    expectOne({ name: 'x', strategy: 'samlp', options: { cert: 'MII' } }, 'deprecated-property', 'warning', 'cert');
    expectOne({ name: 'x', strategy: 'facebook', options: { read_stream: true } }, 'deprecated-property', 'warning', 'read_stream');
    expectNone({ name: 'x', strategy: 'email', options: { from: 'a@b.c' } }, 'deprecated-property');
  });

  void test('Early Access fields get an information note', () => {
    const finding = expectOne(
      { name: 'x', strategy: 'auth0', options: { authentication_methods: { passkey: { enabled: true }, email_otp: { enabled: true } } } },
      'early-access',
      'information',
      'email_otp',
    );
    assert.match(finding.message, /Early Access/);
    expectOne({ name: 'x', strategy: 'oidc', cross_app_access_requesting_app: { active: true } }, 'early-access', 'information', 'cross_app_access_requesting_app');
    // On auth0 the same key is an error already; no second note.
    expectNone({ name: 'x', strategy: 'auth0', cross_app_access_requesting_app: { active: true } }, 'early-access');
  });
});

void describe('clear-text secrets', () => {
  void test('client secrets, provider tokens, gateway secrets and private keys get an information note on the value', () => {
    expectOne({ name: 'x', strategy: 'oidc', options: { client_secret: 's3cr3t' } }, 'clear-text-secret', 'information', 's3cr3t');
    expectOne({ name: 'x', strategy: 'sms', options: { twilio_token: 'tok' } }, 'clear-text-secret', 'information', 'tok');
    expectOne({ name: 'x', strategy: 'sms', options: { gateway_authentication: { method: 'bearer', audience: 'a', secret: 'gw' } } }, 'clear-text-secret', 'information', 'gw');
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    const finding = expectOne({ name: 'x', strategy: 'samlp', options: { signing_key: { key: 'k', cert: 'c' } } }, 'clear-text-secret', 'information', 'k');
    assert.match(finding.message, /options\.signing_key\.key/);
    const oneLinePem = '-----BEGIN RSA PRIVATE KEY----- MIIE -----END RSA PRIVATE KEY-----';
    const anywhere = expectOne({ name: 'x', strategy: 'samlp', options: { anything: { deep: [oneLinePem] } } }, 'clear-text-secret', 'information', oneLinePem);
    assert.match(anywhere.message, /^A private key is written in clear in options\.anything\.deep\.0\./);
    const pemFindings = withCode(findingsOf(JSON.stringify({ name: 'x', strategy: 'apple', options: { app_secret: pem } }), 'json'), 'clear-text-secret');
    assert.match(pemFindings[0]?.message ?? '', /^A private key is written in clear in options\.app_secret/);
  });

  void test('placeholders, empty values and certificates are not secrets', () => {
    for (const client_secret of ['##CLIENT_SECRET##', '@@CLIENT_SECRET@@', '${CLIENT_SECRET}', '']) {
      expectNone({ name: 'x', strategy: 'oidc', options: { client_secret } }, 'clear-text-secret');
    }
    expectNone({ name: 'x', strategy: 'samlp', options: { signingCert: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----' } }, 'clear-text-secret');
  });
});

void describe('Auth0 template syntax is valid content', () => {
  const templated: Array<[Body, string[]]> = [
    [{ name: 'sms', strategy: 'sms', options: { template: 'Your code is @@password@@', syntax: 'md_with_macros' } }, ['options', 'template']],
    [{ name: 'saml', strategy: 'samlp', options: { requestTemplate: '<samlp:AuthnRequest ID="@@ID@@" IssueInstant="@@IssueInstant@@">@@Issuer@@' } }, ['options', 'requestTemplate']],
    [{ name: 'mail', strategy: 'email', options: { email: { from: '{{ application.name }} <a@b.c>', subject: 'Welcome to {{ application.name }}', body: '<p>{{ code }}</p>{% if x %}y{% endif %}' } } }, ['options', 'email']],
  ];
  for (const [body, path] of templated) {
    void test(`${path.join('.')} is not flagged`, () => {
      for (const format of FORMATS) {
        const text = render(body, format);
        const value = nodeAtPath(parseBody(text, format).root, path);
        assert.ok(value);
        const inside = findingsOf(text, format).filter((f) => f.offset >= value.offset && f.offset < value.offset + value.length);
        assert.deepEqual(inside, [], format);
      }
    });
  }
});

void describe('robustness', () => {
  void test('malformed documents yield no exception', () => {
    const samples = ['', '   ', 'null', '[]', '"x"', '42', '{"name": ', '{"options": [}', 'a: [', '{{{{', '- a\n- b', 'options: 5\nstrategy: [1]', '{"options": null, "strategy": null, "name": null}', ':\n:\n', '\u0000\u0001'];
    for (const text of samples) {
      for (const format of FORMATS) assert.doesNotThrow(() => findingsOf(text, format), `${format}: ${JSON.stringify(text)}`);
    }
  });

  void test('wrong types in every checked place yield no exception', () => {
    const body = {
      name: 5,
      strategy: 'auth0',
      realms: 'x',
      cross_app_access_requesting_app: 'yes',
      options: {
        attributes: [1],
        validation: { username: 'x' },
        precedence: 'email',
        password_options: { complexity: { character_types: 'x', character_type_rule: 'three_of_four' } },
        authentication_methods: 3,
        gateway_authentication: { secret: 7 },
      },
    };
    for (const format of FORMATS) assert.doesNotThrow(() => findingsOf(render(body, format), format));
  });

  void test('large and deeply nested documents are handled', () => {
    const options: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) options[`key_${i}`] = `value ${i}`;
    const findings = findingsOf(JSON.stringify({ name: 'big', strategy: 'auth0', options, precedence: [] }), 'json');
    assert.equal(withCode(findings, 'unknown-property').length, 1);

    let nested = '"leaf"';
    for (let i = 0; i < 200; i++) nested = `{"client_secret": "s${i}", "next": ${nested}}`;
    const deep = findingsOf(`{"name": "deep", "strategy": "oidc", "options": ${nested}}`, 'json');
    assert.equal(withCode(deep, 'clear-text-secret').length, 200);
  });
});

void describe('rule table', () => {
  void test('codes are unique kebab-case; errors are only the rules with API evidence', () => {
    const codes = RULE_TABLE.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.deepEqual(
      RULE_TABLE.filter((rule) => rule.severity === 'error').map((rule) => rule.code).sort(),
      [
        'attributes-with-requires-username',
        'attributes-with-validation',
        'attributes-without-active-identifier',
        'cross-app-access-unsupported',
        'custom-password-hash-not-database',
        'identifier-not-required-on-signup',
        'invalid-name',
        'missing-required',
        'missing-required-option',
        'set-user-root-attributes-database',
        'unknown-property',
        'unknown-strategy',
      ],
    );
    for (const rule of RULE_TABLE) assert.ok(rule.summary.length > 10, rule.code);
  });

  void test('docs/SEVERITY.md gives every rule its severity, beside its evidence', () => {
    const rows = readFileSync(resolve(__dirname, '../../docs/SEVERITY.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split(' | '));
    for (const rule of RULE_TABLE) {
      const row = rows.find((cells) => (cells[1] ?? '').includes(`\`${rule.code}\``));
      assert.ok(row, `docs/SEVERITY.md has a row for ${rule.code}`);
      assert.ok(row[1]?.startsWith(rule.severity), `${rule.code}: the row says ${row[1]}, the rule ${rule.severity}`);
      assert.ok((row[2] ?? '').length > 20, `${rule.code}: the row says why`);
    }
  });
});

// The corpus of bodies sent to the live API (test/fixtures/corpus/SOURCES.md says where each comes from).
const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');

function corpusFile(prefix: string): { text: string; format: DocumentFormat; file: string } {
  const file = readdirSync(CORPUS_DIR).find((name) => name.startsWith(prefix));
  assert.ok(file, prefix);
  return { text: readFileSync(join(CORPUS_DIR, file), 'utf8'), format: file.endsWith('.json') ? 'json' : 'yaml', file };
}

void describe('corpus', () => {
  void test('bodies the live API accepted (09-41) get no error', () => {
    for (let n = 9; n <= 41; n++) {
      const { text, format, file } = corpusFile(String(n).padStart(2, '0'));
      const errors = findingsOf(text, format).filter((f) => f.severity === 'error');
      assert.deepEqual(errors, [], file);
    }
  });

  const rejected: Array<[string, string, string, string]> = [
    ['42', 'attributes-with-validation', 'Cannot set both options.attributes and options.validation', 'validation'],
    ['43', 'attributes-with-requires-username', 'Cannot set both options.attributes and options.requires_username', 'requires_username'],
    ['44', 'attributes-without-active-identifier', 'attributes must contain one active identifier', 'attributes'],
    ['45', 'identifier-not-required-on-signup', 'attribute phone_number must also be required on signup', 'inactive'],
    ['46', 'cross-app-access-unsupported', 'Cross App Access Requesting App is not supported for this connection.', 'cross_app_access_requesting_app'],
  ];
  for (const [prefix, code, auth0Message, at] of rejected) {
    void test(`rejected body ${prefix} gets one error quoting "${auth0Message}"`, () => {
      const { text, format } = corpusFile(prefix);
      const errors = findingsOf(text, format).filter((f) => f.severity === 'error');
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]?.code, code);
      assert.ok(errors[0]?.message.includes(`"${auth0Message}"`), errors[0]?.message);
      assert.equal(underlined(text, errors[0] as Finding), at);
    });
  }

  void test('Auth0 templates in the corpus (SAML @@ID@@, SMS @@password@@, email Liquid) are not flagged', () => {
    const places: Array<[string, string[]]> = [
      ['19', ['options', 'requestTemplate']],
      ['32', ['options', 'template']],
      ['33', ['options', 'template']],
      ['53', ['options', 'email']],
      ['54', ['options', 'template']],
    ];
    for (const [prefix, path] of places) {
      const { text, format, file } = corpusFile(prefix);
      const value = nodeAtPath(parseBody(text, format).root, path);
      assert.ok(value, file);
      const inside = findingsOf(text, format).filter((f) => f.offset >= value.offset && f.offset < value.offset + value.length);
      assert.deepEqual(inside, [], file);
    }
  });
});
