/**
 * The headless client against the hostile server on 127.0.0.1 (test/fixtures/hostileServer.ts): answers that echo
 * secrets back, answers of 100 MB, gateway errors in plain text, odd rate-limit headers, and tenants or overrides
 * that would send credentials somewhere else. Each test asserts what a user would be shown and what reached the
 * server.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createConnection, type CreateConnectionOutcome, type CreateConnectionRequest, type Credentials, type Sleep } from '../../common/auth0';
import { secretForms } from '../../common/auth0/redact';
import { closedPort } from '../fixtures/ports';
import { hostile, startHostileServer, type HostileServer } from '../fixtures/hostileServer';
import { assertNoSecretIn } from '../fixtures/secrets';

const TENANT = 'hostile-tenant.eu.auth0.com';
const CLIENT_SECRET = 'client-secret-with-a-"quote"-and-a-\\backslash-Zq8w1Xv7';
const CREDENTIALS: Credentials = { kind: 'client-credentials', clientId: 'hostile-client-id', clientSecret: CLIENT_SECRET };
/** A private key as Auth0 stores it: PEM, with newlines (which JSON escapes as `\n`). */
const PRIVATE_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
  '-----END PRIVATE KEY-----',
].join('\n');
const SIGNING_BODY = {
  name: 'hostile-saml',
  strategy: 'samlp',
  options: { signInEndpoint: 'https://idp.example.com/sso', signing_key: { key: PRIVATE_KEY, cert: 'not-secret-cert' } },
};
const SECRET_BODY = { name: 'hostile-github', strategy: 'github', options: { client_id: 'gh-id', client_secret: CLIENT_SECRET } };

const noSleep: Sleep = async () => {};

function outcomeText(outcome: CreateConnectionOutcome): string {
  return JSON.stringify(outcome);
}

void describe('the client against a hostile server', () => {
  let server: HostileServer;

  before(async () => {
    server = await startHostileServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.streams.length = 0;
  });

  function create(request: Partial<CreateConnectionRequest> = {}): Promise<CreateConnectionOutcome> {
    return createConnection({
      tenant: { domain: TENANT, apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl },
      credentials: CREDENTIALS,
      body: { name: 'hostile-db', strategy: 'auth0' },
      timeoutMs: 20_000,
      sleep: noSleep,
      ...request,
    });
  }

  void describe('item 7: an answer that echoes the request body shows no secret in any form', () => {
    for (const form of ['json-message', 'raw-text', 'url-encoded'] as const) {
      for (const status of [400, 500]) {
        void it(`${status}, echoed as ${form}: the private key (newlines) and the client secret (a quote) are masked`, async () => {
          server.answer('connections', hostile.echo(status, form));
          const outcome = await create({ body: SIGNING_BODY });
          assert.equal(outcome.kind, status === 400 ? 'rejected' : 'uncertain');
          const text = outcomeText(outcome);
          assertNoSecretIn(text, [PRIVATE_KEY]);
          assert.equal(server.count('connections'), 1);

          server.answer('connections', hostile.echo(status, form));
          const second = outcomeText(await create({ body: SECRET_BODY }));
          assertNoSecretIn(second, [CLIENT_SECRET]);
        });
      }
    }

    void it('a secret that straddles the display cap is not left half-shown', async () => {
      for (let lead = 1990; lead < 2000; lead += 3) {
        const message = `${'m'.repeat(lead)} ${PRIVATE_KEY} and more`;
        server.answer('connections', hostile.auth0(400, 'Bad Request', message));
        const outcome = await create({ body: SIGNING_BODY });
        assert.ok(outcome.kind === 'rejected');
        assertNoSecretIn(outcomeText(outcome), [PRIVATE_KEY]);
        assert.doesNotMatch(outcome.userMessage, /-----BEGIN|-----BE…|MIIEvQ/);
      }
    });

    void it("a 400 whose message is megabytes long is shown cut, with a mark, and the rest of the message kept", async () => {
      server.answer('connections', hostile.auth0(400, 'Bad Request', 'y'.repeat(800_000)));
      const outcome = await create();
      assert.ok(outcome.kind === 'rejected');
      assert.ok(outcome.userMessage.length < 3000, `userMessage is ${outcome.userMessage.length} characters`);
      assert.match(outcome.userMessage, /y…\(cut\)\.? Nothing was created\. Fix the file and try again\.$/);
      assert.ok(outcomeText(outcome).length < 10_000, `the outcome is ${outcomeText(outcome).length} characters`);
    });
  });

  void describe('item 8: answers are read up to a cap, and a cut answer says so', () => {
    void it('a 100 MB answer to the token request: cut, reported, and the server is hung up on', async () => {
      server.answer('token', hostile.stream(200, 100 * 1024 * 1024, 'token'));
      const outcome = await create();
      assert.ok(outcome.kind === 'not-sent', outcome.userMessage);
      assert.match(outcome.userMessage, /the answer was cut at 1 MB/);
      assert.equal(server.count('connections'), 0);
      const [stream] = server.streams;
      assert.equal(await stream!.ended, false, 'the client read the whole 100 MB');
      assert.ok(stream!.written < 50 * 1024 * 1024, `the server could write ${stream!.written} bytes`);
    });

    void it('a 201 of 100 MB: probably created, id unknown, because the answer was cut', async () => {
      server.answer('connections', hostile.stream(201, 100 * 1024 * 1024, 'created'));
      const outcome = await create();
      assert.ok(outcome.kind === 'uncertain', outcome.userMessage);
      assert.equal(outcome.cause, 'unreadable-response');
      assert.match(outcome.userMessage, /answered 201 Created, but the answer was cut at 1 MB/);
      assert.match(outcome.userMessage, /was probably created on hostile-tenant\.eu\.auth0\.com, but its id is unknown/);
      assert.equal(await server.streams[0]!.ended, false);
    });

    void it('a 500 of 100 MB: may or may not exist, the answer shown cut', async () => {
      server.answer('connections', hostile.stream(500, 100 * 1024 * 1024, 'auth0-message'));
      const outcome = await create();
      assert.ok(outcome.kind === 'uncertain', outcome.userMessage);
      assert.match(outcome.userMessage, /answered 500 Internal Server Error \(the answer was cut at 1 MB\): \{"statusCode":500/);
      assert.ok(outcome.userMessage.length < 3000);
      assert.equal(await server.streams[0]!.ended, false);
    });

    void it('an answer under the cap is read whole (a 201 echoing a 900 KB body)', async () => {
      const big = { name: 'big-db', strategy: 'auth0', options: { configuration: { blob: 'z'.repeat(900_000) } } };
      const outcome = await create({ body: big });
      assert.ok(outcome.kind === 'created', outcome.userMessage);
    });
  });

  void describe('item 9: overrides reach only the loopback address that was checked', () => {
    void it('localhost is resolved (hosts file) and the request goes to the address found', async () => {
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: `http://localhost:${server.port}/api/v2`, authBaseUrl: `http://localhost:${server.port}` } });
      assert.equal(outcome.kind, 'created', outcome.userMessage);
      for (const request of server.requests) assert.equal(request.headers.host, `127.0.0.1:${server.port}`);
    });

    void it('localhost. (trailing dot, resolved by DNS) is refused before anything is sent', async () => {
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: `http://localhost.:${server.port}/api/v2`, authBaseUrl: server.baseUrl } });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'invalid-config');
      assert.match(outcome.userMessage, /"localhost\." ends in a dot/);
      assert.equal(server.requests.length, 0);
    });
  });

  void describe('item 10: an IP address or an internal name is never a tenant', () => {
    for (const domain of ['169.254.169.254', '127.0.0.1', 'metadata.google.internal', '[fd00::1]']) {
      void it(`--domain ${domain}: refused, and not even the overrides get the credentials`, async () => {
        const outcome = await create({ tenant: { domain, apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl } });
        assert.ok(outcome.kind === 'not-sent', outcome.userMessage);
        assert.equal(outcome.reason, 'invalid-config');
        assert.equal(server.requests.length, 0, 'a request went out');
      });
    }
  });

  void describe('item 12: what the messages say', () => {
    void it('429 twice: "Getting a Management API token" is said once, since one token is fetched', async () => {
      const limited = hostile.auth0(429, 'Too Many Requests', 'Global limit has been reached', { 'retry-after': '1' });
      server.answer('connections', limited, limited);
      const stages: string[] = [];
      const outcome = await create({ onProgress: (p) => stages.push(p.stage) });
      assert.equal(outcome.kind, 'created', outcome.userMessage);
      assert.equal(server.count('token'), 1);
      assert.deepEqual(stages, ['getting-token', 'sending', 'rate-limited', 'sending', 'rate-limited', 'sending']);
    });

    void it('a gateway answering "Gateway Timeout" in plain text is quoted once, not twice', async () => {
      server.answer('connections', hostile.text(504, 'Gateway Timeout'));
      const outcome = await create();
      assert.ok(outcome.kind === 'uncertain');
      assert.match(outcome.userMessage, /answered 504 Gateway Timeout\. /);
      assert.doesNotMatch(outcome.userMessage, /Gateway Timeout: Gateway Timeout/);
    });

    void it('Retry-After: -5 is not a date in the past (no zero wait): the reset header, else the default wait', async () => {
      server.answer('connections', hostile.text(429, '{}', { 'retry-after': '-5' }));
      const slept: number[] = [];
      const outcome = await create({ sleep: async (ms) => void slept.push(ms) });
      assert.equal(outcome.kind, 'created');
      assert.equal(slept.reduce((a, b) => a + b, 0), 2000);
    });

    void it('"Try again after" names the date when the wait is more than a day', async () => {
      const now = Date.UTC(2030, 0, 1, 12, 0, 0);
      server.answer('connections', hostile.text(429, '{}', { 'retry-after': String(3 * 86_400) }));
      const outcome = await create({ now: () => now });
      assert.ok(outcome.kind === 'rate-limited');
      assert.match(outcome.userMessage, /Try again after 2030-01-04 12:00:00 UTC\.$/);
    });

    void it('an override that refuses the connection is named as the override, not as the tenant', async () => {
      const port = await closedPort();
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: `http://127.0.0.1:${port}/api/v2`, authBaseUrl: server.baseUrl } });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(
        outcome.userMessage,
        `Could not connect to the Management API override http://127.0.0.1:${port}/api/v2 used for ${TENANT} (ECONNREFUSED). ` +
          'Nothing was sent, so nothing was created. Check that the server at that address is running, or remove the override, then try again.',
      );
    });
  });
});

void describe('secretForms', () => {
  void it('lists each form a secret takes in an answer', () => {
    const forms = secretForms('a "b"\nc/d+e');
    for (const expected of ['a "b"\nc/d+e', 'a \\"b\\"\\nc/d+e', 'a%20%22b%22%0Ac%2Fd%2Be', 'a+%22b%22%0Ac%2Fd%2Be', 'a "b" c/d+e']) {
      assert.ok(forms.includes(expected), `missing ${expected} in ${JSON.stringify(forms)}`);
    }
  });
});
