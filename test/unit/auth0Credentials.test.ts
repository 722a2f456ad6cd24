import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { prepareBody } from '../../common/auth0/body';
import { createTokenSource, readAccessToken, type TokenResult, type TokenSource } from '../../common/auth0/credentials';
import { collectSecrets, MASK, maskSecrets, redact } from '../../common/auth0/redact';
import { resolveEndpoints, type TenantEndpoints } from '../../common/auth0/tenant';
import { answers, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, makeJwt, startFakeAuth0, type FakeAuth0 } from '../fixtures/fakeAuth0Server';
import { closedPort } from '../fixtures/ports';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const DOMAIN = 'test-tenant.auth0.com';

function token(payload: Record<string, unknown>): string {
  return makeJwt({ aud: `https://${DOMAIN}/api/v2/`, iat: NOW / 1000 - 60, ...payload });
}

function endpointsFor(server: FakeAuth0): TenantEndpoints {
  const result = resolveEndpoints(server.domain, { apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl });
  assert.ok(result.ok);
  return result.endpoints;
}

function failure(result: TokenResult) {
  assert.ok(!result.ok, 'expected a failure');
  assert.ok(!result.failure.message.includes(FAKE_CLIENT_SECRET), `secret leaked: ${result.failure.message}`);
  return result.failure;
}

void describe('readAccessToken', () => {
  void it('reads expiry, scopes (scope string) and audience of a usable token', () => {
    const info = readAccessToken(token({ exp: NOW / 1000 + 3600, scope: 'read:connections create:connections' }), { now: NOW, domain: DOMAIN });
    assert.equal(info.isJwt, true);
    assert.equal(info.expired, false);
    assert.equal(info.expiresAt?.toISOString(), '2026-01-15T13:00:00.000Z');
    assert.deepEqual(info.scopes, ['read:connections', 'create:connections']);
    assert.deepEqual(info.audiences, [`https://${DOMAIN}/api/v2/`]);
    assert.equal(info.hasCreateConnections, true);
    assert.deepEqual(info.problems, []);
  });

  void it('reads scopes from a permissions array and accepts a "Bearer " prefix', () => {
    const info = readAccessToken(`Bearer ${token({ exp: NOW / 1000 + 3600, permissions: ['create:connections'] })}`, { now: NOW });
    assert.deepEqual(info.scopes, ['create:connections']);
    assert.equal(info.hasCreateConnections, true);
  });

  void it('reports an expired token, with when and what to do', () => {
    const raw = token({ exp: NOW / 1000 - 3 * 3600, scope: 'create:connections' });
    const info = readAccessToken(raw, { now: NOW });
    assert.equal(info.expired, true);
    assert.equal(info.problems[0]?.code, 'expired');
    assert.match(info.problems[0]!.message, /^The access token expired 3 hours ago \(2026-01-15T09:00:00\.000Z\); Auth0 will refuse it\. Copy a new one/);
    assert.ok(!JSON.stringify(info).includes(raw));
  });

  void it('warns when the token expires within minutes', () => {
    const info = readAccessToken(token({ exp: NOW / 1000 + 120, scope: 'create:connections' }), { now: NOW });
    assert.deepEqual(info.problems.map((p) => p.code), ['expires-soon']);
    assert.match(info.problems[0]!.message, /expires in 2 minutes/);
  });

  void it('reports a token lacking create:connections, listing what it has', () => {
    const info = readAccessToken(token({ exp: NOW / 1000 + 3600, scope: 'read:connections read:users' }), { now: NOW });
    assert.equal(info.hasCreateConnections, false);
    assert.equal(info.problems[0]?.code, 'missing-scope');
    assert.match(info.problems[0]!.message, /lacks the create:connections scope \(it has read:connections, read:users\); Auth0 will answer 403/);
  });

  void it('says when the token does not state its scopes', () => {
    const info = readAccessToken(token({ exp: NOW / 1000 + 3600 }), { now: NOW });
    assert.equal(info.scopes, undefined);
    assert.equal(info.hasCreateConnections, undefined);
    assert.equal(info.problems[0]?.code, 'no-scopes');
  });

  void it('reports a token issued for another tenant', () => {
    const info = readAccessToken(makeJwt({ aud: 'https://other.auth0.com/api/v2/', exp: NOW / 1000 + 3600, scope: 'create:connections' }), {
      now: NOW,
      domain: DOMAIN,
    });
    assert.equal(info.problems[0]?.code, 'wrong-audience');
    assert.match(info.problems[0]!.message, /is for https:\/\/other\.auth0\.com\/api\/v2\/, not for https:\/\/test-tenant\.auth0\.com\/api\/v2\//);
  });

  void it('reports text that is not a JWT, without echoing it', () => {
    for (const raw of ['not-a-token-secret-value', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig', '']) {
      const info = readAccessToken(raw);
      assert.equal(info.isJwt, false, raw);
      assert.equal(info.problems[0]?.code, 'not-jwt');
      assert.match(info.problems[0]!.message, /not a Management API access token/);
      if (raw !== '') assert.ok(!info.problems[0]!.message.includes(raw));
    }
  });
});

void describe('client-credentials token source', () => {
  let server: FakeAuth0;
  let endpoints: TenantEndpoints;
  let clock: number;
  let source: TokenSource;
  const credentials = { kind: 'client-credentials' as const, clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET };

  void before(async () => {
    server = await startFakeAuth0({ tokenLifetimeSeconds: 3600 });
    endpoints = endpointsFor(server);
  });
  void after(() => server.close());
  void beforeEach(() => {
    server.setScenario({});
    server.requests.length = 0;
    clock = NOW;
    source = createTokenSource(credentials, endpoints, { now: () => clock, timeoutMs: 2000 });
  });

  void it('asks the token endpoint with the real audience, even with an overridden base', async () => {
    const result = await source.getToken();
    assert.ok(result.ok);
    assert.equal(result.fresh, true);
    assert.equal(server.requests.length, 1);
    const request = server.requests[0]!;
    assert.equal(request.url, '/oauth/token');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), {
      grant_type: 'client_credentials',
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
      audience: 'https://test-tenant.auth0.com/api/v2/',
    });
    const info = readAccessToken(result.token, { domain: DOMAIN });
    assert.equal(info.hasCreateConnections, true);
  });

  void it('caches the token until 60 s before expires_in, and invalidate() forces a new one', async () => {
    const first = await source.getToken();
    const second = await source.getToken();
    assert.ok(first.ok && second.ok);
    assert.equal(second.token, first.token);
    assert.equal(second.fresh, false);
    assert.equal(server.count('token'), 1);

    clock = NOW + (3600 - 61) * 1000;
    const stillCached = await source.getToken();
    assert.ok(stillCached.ok && !stillCached.fresh);
    assert.equal(server.count('token'), 1);

    clock = NOW + (3600 - 59) * 1000;
    const renewed = await source.getToken();
    assert.ok(renewed.ok && renewed.fresh);
    assert.notEqual(renewed.token, first.token);
    assert.equal(server.count('token'), 2);

    source.invalidate();
    const forced = await source.getToken();
    assert.ok(forced.ok && forced.fresh);
    assert.equal(server.count('token'), 3);
  });

  void it('refused credentials (401 access_denied): says so, names the client ID, never the secret', async () => {
    const wrong = createTokenSource({ ...credentials, clientSecret: 'wrong-secret-value-123456' }, endpoints);
    const f = failure(await wrong.getToken());
    assert.equal(f.reason, 'refused');
    assert.equal(f.status, 401);
    assert.equal(f.error, 'access_denied');
    assert.equal(
      f.message,
      `test-tenant.auth0.com refused the application's credentials (client ID ${FAKE_CLIENT_ID}; 401 access_denied: Unauthorized). ` +
        'Check the client ID and client secret in the Auth0 Dashboard (Applications > the application > Settings) and enter them again.',
    );
    assert.ok(!f.message.includes('wrong-secret-value-123456'));
  });

  void it('an application not authorized for the Management API (403): says where to authorize it', async () => {
    const other = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, authorized: false }] });
    try {
      const f = failure(await createTokenSource(credentials, endpointsFor(other)).getToken());
      assert.equal(f.reason, 'not-authorized');
      assert.equal(f.status, 403);
      assert.match(f.problem, /^The application fake-client-id-0123456789 is not authorized to call the Auth0 Management API of test-tenant\.auth0\.com \(403 access_denied: Client is not authorized/);
      assert.match(f.advice, /Applications > APIs > Auth0 Management API > Machine To Machine Applications, authorize the application and grant it create:connections/);
    } finally {
      await other.close();
    }
  });

  void it('an answer that is not JSON, or has no token: bad-response', async () => {
    server.force('token', answers.raw(200, '<html>login</html>', { 'content-type': 'text/html' }), answers.status(200, { token_type: 'Bearer' }));
    for (let i = 0; i < 2; i++) {
      const f = failure(await source.getToken());
      assert.equal(f.reason, 'bad-response');
      assert.match(f.message, /answered 200 but without an access token\. Check the domain and the token endpoint base URL\./);
    }
  });

  void it('5xx, 429 and redirects from the token endpoint are reported, not followed', async () => {
    server.force('token', answers.serverError(503), answers.rateLimited(), answers.redirect('https://evil.example.com/oauth/token'));
    const e5 = failure(await source.getToken());
    assert.equal(e5.reason, 'http-error');
    assert.match(e5.message, /answered 503 .*Try again later\./);
    const e429 = failure(await source.getToken());
    assert.equal(e429.reason, 'rate-limited');
    const e3 = failure(await source.getToken());
    assert.match(e3.message, /redirect \(302\), which was not followed: credentials are sent only to the configured tenant/);
    assert.equal(server.requests.length, 3);
  });

  void it('network failure and timeout are reported with what to do', async () => {
    const port = await closedPort();
    const unreachable = resolveEndpoints(DOMAIN, { authBaseUrl: `http://127.0.0.1:${port}` });
    assert.ok(unreachable.ok);
    const f = failure(await createTokenSource(credentials, unreachable.endpoints).getToken());
    assert.equal(f.reason, 'network');
    assert.match(f.message, /^Could not reach the token endpoint of test-tenant\.auth0\.com \(http:\/\/127\.0\.0\.1:\d+\) \(ECONNREFUSED\)\. Check the domain and your network/);

    server.force('token', answers.hang());
    const t = failure(await source.getToken({ timeoutMs: 200 }));
    assert.equal(t.reason, 'timeout');
    assert.match(t.message, /did not answer within 200 ms\. Check your network and try again\./);
  });

  void it('cancellation is reported as such', async () => {
    const controller = new AbortController();
    server.force('token', answers.hang());
    const pending = source.getToken({ signal: controller.signal });
    await server.waitForRequests('token', 1);
    controller.abort();
    assert.equal(failure(await pending).reason, 'cancelled');
  });

  void it('redact() masks the client secret and every token it obtained', async () => {
    const result = await source.getToken();
    assert.ok(result.ok);
    const text = source.redact(`secret ${FAKE_CLIENT_SECRET} token ${result.token}`);
    assert.equal(text, `secret ${MASK} token ${MASK}`);
  });
});

void describe('access-token source', () => {
  void it('returns the pasted token (without "Bearer "), cannot refresh, and redacts it', async () => {
    const endpoints = resolveEndpoints(DOMAIN);
    assert.ok(endpoints.ok);
    const raw = 'opaque-pasted-token-value-987654';
    const source = createTokenSource({ kind: 'access-token', token: `Bearer ${raw}` }, endpoints.endpoints);
    const result = await source.getToken();
    assert.ok(result.ok);
    assert.equal(result.token, raw);
    assert.equal(source.canRefresh, false);
    assert.equal(source.redact(`x ${raw} y`), `x ${MASK} y`);
  });
});

void describe('redact', () => {
  void it('masks given secrets, JWTs, bearer credentials and secret fields', () => {
    const jwt = makeJwt({ sub: 'x' });
    assert.equal(redact('a my-secret-value b', ['my-secret-value']), `a ${MASK} b`);
    assert.equal(redact(`token ${jwt} end`), `token ${MASK} end`);
    assert.equal(redact('Authorization: Bearer abc.def-123'), `Authorization: Bearer ${MASK}`);
    assert.equal(redact('client_secret=s3cr3t-value&x=1'), `client_secret=${MASK}&x=1`);
    assert.equal(redact('{"client_secret":"s3cr3t-value"}'), `{"client_secret":"${MASK}"}`);
    // Short strings are not treated as secrets (they would mangle ordinary words).
    assert.equal(redact('a b c', ['a']), 'a b c');
  });
});

void describe('maskSecrets', () => {
  const connection = {
    id: 'con_1',
    name: 'sms-login',
    strategy: 'sms',
    options: {
      client_id: 'public-client-id',
      client_secret: 'client-secret-value',
      app_secret: 'app-secret-value',
      twilio_token: 'twilio-token-value',
      twilio_sid: 'AC123',
      gateway_authentication: { method: 'bearer', audience: 'urn:sms', secret: 'gateway-secret-value', secret_base64_encoded: false },
      signing_key: { cert: '-----BEGIN CERTIFICATE-----', key: '-----BEGIN PRIVATE KEY-----' },
      decryptionKey: { cert: 'cert-text', key: 'decryption-private-key' },
      configuration: { DB_PASSWORD: 'db-password-value' },
      admin_access_token: 'google-admin-token',
      authentication_methods: { password: { enabled: true } },
      passwordPolicy: 'good',
    },
  };

  void it('masks the secrets in options and keeps the rest', () => {
    const masked = maskSecrets(connection);
    assert.deepEqual(masked.options, {
      client_id: 'public-client-id',
      client_secret: MASK,
      app_secret: MASK,
      twilio_token: MASK,
      twilio_sid: 'AC123',
      gateway_authentication: { method: 'bearer', audience: 'urn:sms', secret: MASK, secret_base64_encoded: false },
      signing_key: { cert: '-----BEGIN CERTIFICATE-----', key: MASK },
      decryptionKey: { cert: 'cert-text', key: MASK },
      configuration: { DB_PASSWORD: MASK },
      admin_access_token: MASK,
      authentication_methods: { password: { enabled: true } },
      passwordPolicy: 'good',
    });
    assert.equal(masked.name, 'sms-login');
    assert.equal(connection.options.client_secret, 'client-secret-value', 'the input is not modified');
  });

  void it('masks a decryptionKey given as a PEM string', () => {
    assert.deepEqual(maskSecrets({ options: { decryptionKey: 'pem-private-key' } }), { options: { decryptionKey: MASK } });
  });

  void it('collectSecrets finds the values maskSecrets masks', () => {
    const found = collectSecrets(connection).sort();
    assert.deepEqual(found, [
      '-----BEGIN PRIVATE KEY-----',
      'app-secret-value',
      'client-secret-value',
      'db-password-value',
      'decryption-private-key',
      'gateway-secret-value',
      'google-admin-token',
      'twilio-token-value',
    ]);
  });
});

void describe('prepareBody', () => {
  void it('removes $schema from a copy and leaves the document alone', () => {
    const parsed = { $schema: './connection.schema.json', name: 'db', strategy: 'auth0', options: { a: 1 } };
    const prepared = prepareBody(parsed);
    assert.ok(prepared.ok);
    assert.deepEqual(prepared.body, { name: 'db', strategy: 'auth0', options: { a: 1 } });
    assert.equal(prepared.name, 'db');
    assert.equal(prepared.strategy, 'auth0');
    assert.equal(parsed.$schema, './connection.schema.json');
    (prepared.body.options as Record<string, unknown>).a = 2;
    assert.deepEqual(parsed.options, { a: 1 });
  });

  void it('refuses anything but an object', () => {
    for (const [value, what] of [[[], 'a list'], ['x', 'a string'], [null, 'null'], [undefined, 'empty']] as const) {
      const prepared = prepareBody(value);
      assert.ok(!prepared.ok);
      assert.equal(prepared.message, `A connection file must contain one object with at least "name" and "strategy"; this one is ${what}.`);
    }
  });
});
