/**
 * createConnection against the Auth0-like server on 127.0.0.1: every status path, asserting the outcome kind, the
 * user message, and how many requests the server saw (nothing retried that may have been processed).
 */
import { assertNoSecretIn } from '../fixtures/secrets';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  createConnection,
  createTokenSource,
  MASK,
  resolveEndpoints,
  type CreateConnectionOutcome,
  type CreateConnectionRequest,
  type CreateProgress,
  type Credentials,
  type FetchLike,
  type Sleep,
} from '../../common/auth0';
import { answers, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAuth0, type FakeAuth0 } from '../fixtures/fakeAuth0Server';
import { closedPort } from '../fixtures/ports';

const CREDENTIALS: Credentials = { kind: 'client-credentials', clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET };
const BODY_SECRET = 'body-secret-value-Hq7Tz2';
const TENANT = 'test-tenant.auth0.com';

/** Every secret seen in this file (client secret, body secret, every bearer token sent); none may reach an outcome. */
const secrets = new Set<string>([FAKE_CLIENT_SECRET, BODY_SECRET]);
const servers: FakeAuth0[] = [];

function assertNoSecret(outcome: CreateConnectionOutcome): void {
  for (const server of servers) {
    for (const request of server.requests) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (bearer) secrets.add(bearer);
    }
  }
  const text = JSON.stringify(outcome);
  assertNoSecretIn(text, secrets, `the ${outcome.kind} outcome`);
  assert.doesNotMatch(text, /eyJ[A-Za-z0-9_-]+\.eyJ/, 'no JWT in an outcome');
}

let counter = 0;
function uniqueName(): string {
  counter += 1;
  return `conn-${process.pid}-${counter}`;
}

const noSleep: Sleep = async () => {};

void describe('createConnection against the Auth0-like server', () => {
  let server: FakeAuth0;

  const tenantOf = (s: FakeAuth0) => ({ domain: s.domain, apiBaseUrl: s.apiBaseUrl, authBaseUrl: s.baseUrl });

  async function create(request: Partial<CreateConnectionRequest> = {}): Promise<CreateConnectionOutcome> {
    const outcome = await createConnection({
      tenant: tenantOf(server),
      credentials: CREDENTIALS,
      body: { name: uniqueName(), strategy: 'auth0' },
      timeoutMs: 5000,
      sleep: noSleep,
      ...request,
    });
    assertNoSecret(outcome);
    return outcome;
  }

  const posts = () => server.count('connections', 'POST');

  void before(async () => {
    server = await startFakeAuth0({ existingConnections: ['Username-Password-Authentication'] });
    servers.push(server);
  });
  void after(() => server.close());
  void beforeEach(() => {
    server.setScenario({});
  });
  void afterEach(() => {
    server.requests.length = 0;
  });

  void describe('201 created', () => {
    void it('creates, reports the id, masks secrets in the response and never sends $schema', async () => {
      const name = uniqueName();
      const progress: CreateProgress[] = [];
      const outcome = await create({
        body: { $schema: '../schemas/connection.schema.json', name, strategy: 'google-oauth2', options: { client_id: 'cid', client_secret: BODY_SECRET } },
        onProgress: (p) => progress.push(p),
      });
      assert.equal(outcome.kind, 'created');
      assert.ok(outcome.kind === 'created');
      assert.match(outcome.id, /^con_[0-9a-f]{16}$/);
      assert.equal(outcome.userMessage, `Created connection ${name} (${outcome.id}) on ${TENANT}.`);
      assert.equal(outcome.severity, 'info');
      assert.equal(outcome.name, name);
      assert.equal(outcome.strategy, 'google-oauth2');
      assert.deepEqual(outcome.connection.options, { client_id: 'cid', client_secret: MASK });
      assert.equal(outcome.dashboardUrl, 'https://manage.auth0.com/dashboard/us/test-tenant/connections/social');
      assert.deepEqual(outcome.actions, ['copy-id', 'open-dashboard', 'show-response']);
      assert.equal(outcome.attempts, 1);
      assert.equal(server.connections.get(name)?.id, outcome.id);

      const post = server.requests.find((r) => r.route === 'connections')!;
      assert.equal(post.url, '/api/v2/connections');
      assert.match(post.headers.authorization ?? '', /^Bearer eyJ/);
      assert.equal(post.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(post.body), { name, strategy: 'google-oauth2', options: { client_id: 'cid', client_secret: BODY_SECRET } });
      assert.deepEqual(
        progress.map((p) => p.stage),
        ['getting-token', 'sending'],
      );
      assert.equal(progress[1]!.message, `Creating the connection ${name} on ${TENANT}…`);
    });

    void it('a slow answer within the timeout still creates', async () => {
      server.force('connections', answers.slow(150));
      const outcome = await create({ timeoutMs: 5000 });
      assert.equal(outcome.kind, 'created');
    });

    void it('one token request for two creates when the token source is kept', async () => {
      const endpoints = resolveEndpoints(server.domain, { apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl });
      assert.ok(endpoints.ok);
      const source = createTokenSource(CREDENTIALS, endpoints.endpoints);
      const first = await create({ credentials: source });
      const second = await create({ credentials: source });
      assert.equal(first.kind, 'created');
      assert.equal(second.kind, 'created');
      assert.equal(server.count('token'), 1);
      assert.equal(posts(), 2);
    });

    void it('with a pasted access token, no token request is made', async () => {
      const outcome = await create({ credentials: { kind: 'access-token', token: server.issueToken() } });
      assert.equal(outcome.kind, 'created');
      assert.equal(server.count('token'), 0);
    });
  });

  void describe('400 rejected', () => {
    void it("Auth0's validation message, and the property it names", async () => {
      const name = uniqueName();
      const outcome = await create({ body: { name, strategy: 'auth0', options: { validation: { requires_username: true } } } });
      assert.ok(outcome.kind === 'rejected', outcome.userMessage);
      assert.equal(outcome.status, 400);
      assert.equal(outcome.errorCode, 'invalid_body');
      assert.equal(outcome.propertyPath, 'options.validation.requires_username');
      assert.deepEqual(outcome.path, ['options', 'validation', 'requires_username']);
      assert.deepEqual(outcome.actions, ['show-problem']);
      assert.equal(
        outcome.userMessage,
        `${TENANT} rejected the connection ${name}: Payload validation error: 'Additional properties not allowed: requires_username' on property options.validation. ` +
          'Nothing was created. Remove or rename options.validation.requires_username (Auth0 does not accept it there) and try again.',
      );
      assert.equal(posts(), 1);
    });

    void it('a bad name is pinned on name', async () => {
      const outcome = await create({ body: { name: 'has space', strategy: 'auth0' } });
      assert.ok(outcome.kind === 'rejected');
      assert.equal(outcome.propertyPath, 'name');
      assert.match(outcome.userMessage, /String does not match pattern .*Nothing was created\. Fix name in the file and try again\.$/);
    });

    void it("the free-text phrasing 'invalid options.attributes' is pinned too", async () => {
      server.force('connections', answers.badRequest('Payload validation error: invalid options.attributes, email.identifier must be an object'));
      const outcome = await create();
      assert.ok(outcome.kind === 'rejected');
      assert.equal(outcome.propertyPath, 'options.attributes');
    });

    void it('a message naming no property gives no path', async () => {
      server.force('connections', answers.badRequest('No phone provider configured for the tenant'));
      const outcome = await create();
      assert.ok(outcome.kind === 'rejected');
      assert.equal(outcome.propertyPath, undefined);
      // Auth0's words end without a full stop; ours add one before going on.
      assert.match(outcome.userMessage, /No phone provider configured for the tenant\. Nothing was created\. Fix the file and try again\.$/);
    });

    void it('a secret from the body echoed by Auth0 is masked', async () => {
      server.force('connections', answers.badRequest(`Payload validation error: 'String is too short: ${BODY_SECRET}' on property options.client_secret.`));
      const outcome = await create({ body: { name: uniqueName(), strategy: 'github', options: { client_secret: BODY_SECRET } } });
      assert.ok(outcome.kind === 'rejected');
      assert.ok(outcome.userMessage.includes(`String is too short: ${MASK}`));
    });
  });

  void describe('401 unauthorized', () => {
    void it('client credentials: one fresh token and one retry, then success', async () => {
      const endpoints = resolveEndpoints(server.domain, { apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl });
      assert.ok(endpoints.ok);
      const source = createTokenSource(CREDENTIALS, endpoints.endpoints);
      assert.equal((await create({ credentials: source })).kind, 'created');
      server.revokeAllTokens(); // the cached token is now refused
      const progress: string[] = [];
      const outcome = await create({ credentials: source, onProgress: (p) => progress.push(p.stage) });
      assert.equal(outcome.kind, 'created');
      assert.equal(outcome.attempts, 2);
      assert.equal(server.count('token'), 2);
      assert.equal(posts(), 3);
      // The cached token is used first (no token request, so no "getting a token"), then a fresh one is fetched.
      assert.deepEqual(progress, ['sending', 'refreshing-token', 'getting-token', 'sending']);
    });

    void it('client credentials refused twice: exactly one refresh, then "the application\'s credentials were refused"', async () => {
      const invalid = answers.status(401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', errorCode: 'invalid_token' });
      server.force('connections', invalid, invalid, invalid);
      const outcome = await create();
      assert.ok(outcome.kind === 'unauthorized');
      assert.equal(outcome.stage, 'api');
      assert.equal(outcome.refreshed, true);
      assert.equal(outcome.credentialKind, 'client-credentials');
      assert.deepEqual(outcome.actions, ['edit-credentials']);
      assert.equal(
        outcome.userMessage,
        `The application's credentials were refused: ${TENANT} answered 401 Unauthorized: Invalid token even with a freshly issued token. Nothing was created. ` +
          `Check that the application ${FAKE_CLIENT_ID} is authorized for the Auth0 Management API of ${TENANT} and that its credentials are current, then try again.`,
      );
      assert.equal(posts(), 2);
      assert.equal(server.count('token'), 2);
    });

    void it('a pasted token that is invalid: "invalid or expired", replace it; no retry', async () => {
      const outcome = await create({ credentials: { kind: 'access-token', token: 'not-a-real-token-value-123' } });
      assert.ok(outcome.kind === 'unauthorized');
      assert.equal(outcome.stage, 'api');
      assert.deepEqual(outcome.actions, ['replace-token']);
      assert.equal(
        outcome.userMessage,
        `${TENANT} refused the access token (401 Unauthorized: Invalid token): the token is invalid or expired. Nothing was created. Replace the token and try again.`,
      );
      assert.equal(posts(), 1);
    });

    void it('a pasted token that has expired', async () => {
      const outcome = await create({ credentials: { kind: 'access-token', token: server.issueToken({ expiresInSeconds: -60 }) } });
      assert.ok(outcome.kind === 'unauthorized');
      assert.match(outcome.userMessage, /Expired token received for JSON Web Token validation\): the token is invalid or expired/);
    });

    void it('refresh fails after a 401: nothing created (the refused request was not processed)', async () => {
      server.force('connections', answers.status(401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', errorCode: 'invalid_token' }));
      server.force('token', answers.slow(1), answers.serverError(503));
      const outcome = await create();
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'token-unavailable');
      assert.equal(outcome.attempts, 1);
      assert.match(outcome.userMessage, /^Could not get a Management API token for test-tenant\.auth0\.com: The token endpoint of .* answered 503 .*Nothing was created\. Try again later\.$/);
      assert.equal(posts(), 1);
    });

    void it('client ID/secret refused by the token endpoint: nothing sent to the API', async () => {
      const outcome = await create({ credentials: { ...CREDENTIALS, clientSecret: 'wrong-secret-value-0000' } });
      assert.ok(outcome.kind === 'unauthorized');
      assert.equal(outcome.stage, 'token-endpoint');
      assert.equal(outcome.attempts, 0);
      assert.equal(
        outcome.userMessage,
        `${TENANT} refused the application's credentials (client ID ${FAKE_CLIENT_ID}; 401 access_denied: Unauthorized). Nothing was created. ` +
          'Check the client ID and client secret in the Auth0 Dashboard (Applications > the application > Settings) and enter them again.',
      );
      assert.ok(!outcome.userMessage.includes('wrong-secret-value-0000'));
      assert.equal(posts(), 0);
    });
  });

  void describe('403 forbidden', () => {
    void it('missing create:connections scope (client credentials): says which scope and where to grant it', async () => {
      const limited = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, scopes: ['read:connections'] }] });
      servers.push(limited);
      try {
        const outcome = await createConnection({ tenant: tenantOf(limited), credentials: CREDENTIALS, body: { name: uniqueName(), strategy: 'auth0' } });
        assertNoSecret(outcome);
        assert.ok(outcome.kind === 'forbidden');
        assert.deepEqual(outcome.missingScopes, ['create:connections']);
        assert.equal(
          outcome.userMessage,
          `The credentials for ${TENANT} lack the scope create:connections (403 Forbidden: Insufficient scope, expected any of: create:connections). Nothing was created. ` +
            `Grant create:connections to the application ${FAKE_CLIENT_ID} in the Auth0 Dashboard (Applications > APIs > Auth0 Management API > Machine To Machine Applications), then try again.`,
        );
        assert.equal(limited.count('connections'), 1);
      } finally {
        await limited.close();
      }
    });

    void it('missing scope with a pasted token: use a token that has it', async () => {
      const outcome = await create({ credentials: { kind: 'access-token', token: server.issueToken({ scopes: ['read:connections'] }) } });
      assert.ok(outcome.kind === 'forbidden');
      assert.deepEqual(outcome.actions, ['replace-token']);
      assert.match(outcome.userMessage, /Use an access token that includes create:connections, then try again\.$/);
    });

    void it('a tenant limit, in the words Auth0 uses', async () => {
      server.force('connections', answers.forbidden('You can only create 1 non-Okta enterprise connection(s) for this tenant.'));
      const name = uniqueName();
      const outcome = await create({ body: { name, strategy: 'samlp' } });
      assert.ok(outcome.kind === 'forbidden');
      assert.equal(outcome.tenantLimit, 'You can only create 1 non-Okta enterprise connection(s) for this tenant.');
      assert.equal(
        outcome.userMessage,
        `${TENANT} refused to create the connection ${name}: You can only create 1 non-Okta enterprise connection(s) for this tenant. Nothing was created. ` +
          "Delete a connection you no longer need or raise the tenant's limit (plan), then try again.",
      );
    });

    void it('an application without a Management API grant (token endpoint 403)', async () => {
      const denied = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, authorized: false }] });
      try {
        const outcome = await createConnection({ tenant: tenantOf(denied), credentials: CREDENTIALS, body: { name: uniqueName(), strategy: 'auth0' } });
        assertNoSecret(outcome);
        assert.ok(outcome.kind === 'forbidden');
        assert.equal(outcome.stage, 'token-endpoint');
        assert.match(outcome.userMessage, /is not authorized to call the Auth0 Management API of test-tenant\.auth0\.com .*Nothing was created\. In the Auth0 Dashboard, open Applications > APIs/);
        assert.equal(denied.count('connections'), 0);
      } finally {
        await denied.close();
      }
    });
  });

  void describe('409 conflict', () => {
    void it('a connection with that name exists', async () => {
      const outcome = await create({ body: { name: 'Username-Password-Authentication', strategy: 'auth0' } });
      assert.ok(outcome.kind === 'conflict');
      assert.equal(outcome.conflict, 'name');
      assert.equal(outcome.auth0Error?.errorCode, 'connection_conflict');
      assert.equal(
        outcome.userMessage,
        `A connection named Username-Password-Authentication already exists on tenant ${TENANT}. Nothing was created. ` +
          'Rename the connection in the file, or change the existing one in the Auth0 Dashboard.',
      );
    });

    void it('creating the same file twice: the second is a 409, not a duplicate', async () => {
      const body = { name: uniqueName(), strategy: 'auth0' };
      assert.equal((await create({ body })).kind, 'created');
      assert.equal((await create({ body })).kind, 'conflict');
    });

    void it('the other conflicts Auth0 names', async () => {
      const cases: Array<[string, string, RegExp]> = [
        ['A connection with the same name is being deleted, try again later', 'name-being-deleted', /is still being deleted on test-tenant\.auth0\.com\. Nothing was created\. Try again in a few minutes/],
        ['There is already another connection with some realms from "realms" parameter', 'realms', /already uses some of the realms listed in "realms"/],
        ['There is already a domain connection enabled for strategy', 'domain-connection', /already has a domain connection enabled for the strategy samlp .*Set is_domain_connection to false/],
      ];
      for (const [message, kind, pattern] of cases) {
        server.force('connections', answers.conflict(message));
        const outcome = await create({ body: { name: uniqueName(), strategy: 'samlp' } });
        assert.ok(outcome.kind === 'conflict');
        assert.equal(outcome.conflict, kind);
        assert.match(outcome.userMessage, pattern);
      }
    });
  });

  void describe('429 rate limited', () => {
    void it('counts down as Retry-After says, then retries and creates', async () => {
      server.force('connections', answers.rateLimited({ retryAfterSeconds: 3 }));
      const ticks: Array<[number, number]> = [];
      const slept: number[] = [];
      const outcome = await create({
        sleep: async (ms) => {
          slept.push(ms);
        },
        onRateLimitWait: (secondsLeft, attempt) => ticks.push([secondsLeft, attempt]),
      });
      assert.equal(outcome.kind, 'created');
      assert.deepEqual(ticks, [
        [3, 1],
        [2, 1],
        [1, 1],
      ]);
      assert.deepEqual(slept, [1000, 1000, 1000]);
      assert.equal(posts(), 2);
      assert.equal(outcome.attempts, 2);
    });

    void it('without Retry-After, waits until X-RateLimit-Reset', async () => {
      const now = 1_900_000_000_000;
      server.force('connections', answers.rateLimited({ resetEpochSeconds: now / 1000 + 2 }));
      let waited = 0;
      const outcome = await create({
        now: () => now,
        sleep: async (ms) => {
          waited += ms;
        },
      });
      assert.equal(outcome.kind, 'created');
      assert.equal(waited, 2000);
    });

    void it('gives up after the allowed retries, saying nothing was created', async () => {
      server.force('connections', ...Array.from({ length: 3 }, () => answers.rateLimited({ retryAfterSeconds: 1 })));
      const outcome = await create({ maxRateLimitRetries: 2 });
      assert.ok(outcome.kind === 'rate-limited');
      assert.equal(outcome.retries, 2);
      assert.match(
        outcome.userMessage,
        /^test-tenant\.auth0\.com is still rate-limiting Management API requests \(429 Too Many Requests\) after 2 retries\. Nothing was created \(a rate-limited request is not processed\)\. Try again after \d\d:\d\d:\d\d UTC\.$/,
      );
      assert.equal(posts(), 3);
    });

    void it('does not wait longer than the bound', async () => {
      server.force('connections', answers.rateLimited({ retryAfterSeconds: 600 }));
      let slept = 0;
      const outcome = await create({
        sleep: async () => {
          slept++;
        },
      });
      assert.ok(outcome.kind === 'rate-limited');
      assert.equal(slept, 0);
      assert.match(outcome.userMessage, /asks to wait 600 s, longer than the 60 s this waits\. Nothing was created/);
      assert.equal(posts(), 1);
    });

    void it('can be cancelled while waiting: nothing created, no further request', async () => {
      server.force('connections', answers.rateLimited({ retryAfterSeconds: 5 }));
      const controller = new AbortController();
      const ticks: number[] = [];
      const outcome = await create({
        signal: controller.signal,
        onRateLimitWait: (secondsLeft) => {
          ticks.push(secondsLeft);
          if (secondsLeft === 4) controller.abort();
        },
        sleep: async (_ms, signal) => {
          if (signal?.aborted) throw new Error('aborted');
        },
      });
      assert.ok(outcome.kind === 'cancelled');
      assert.equal(outcome.phase, 'rate-limit-wait');
      assert.deepEqual(ticks, [5, 4]);
      assert.equal(
        outcome.userMessage,
        `Cancelled while waiting out ${TENANT}'s rate limit. Nothing was created (the rate-limited request was not processed).`,
      );
      assert.equal(posts(), 1);
    });

    void it('honours a real one-second Retry-After end to end', async () => {
      server.force('connections', answers.rateLimited({ retryAfterSeconds: 1 }));
      const started = Date.now();
      const outcome = await createConnection({
        tenant: tenantOf(server),
        credentials: CREDENTIALS,
        body: { name: uniqueName(), strategy: 'auth0' },
      });
      const elapsed = Date.now() - started;
      assert.equal(outcome.kind, 'created');
      assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
      const [first, second] = server.requests.filter((r) => r.route === 'connections');
      assert.equal(first?.status, 429);
      assert.equal(second?.status, 201);
    });
  });

  void describe('uncertain: 5xx, timeouts, dropped connections, unreadable answers (never retried)', () => {
    const checkUrl = (name: string) => `${server.apiBaseUrl}/connections?name=${name}`;

    for (const status of [500, 502, 503]) {
      void it(`${status}: may or may not have been created; exactly one POST`, async () => {
        server.force('connections', answers.serverError(status));
        const name = uniqueName();
        const outcome = await create({ body: { name, strategy: 'auth0' } });
        assert.ok(outcome.kind === 'uncertain');
        assert.equal(outcome.cause, 'server-error');
        assert.equal(outcome.severity, 'warning');
        assert.equal(outcome.checkUrl, checkUrl(name));
        assert.deepEqual(outcome.actions, ['check-existing']);
        assert.match(outcome.userMessage, new RegExp(`^${TENANT.replace(/\./g, '\\.')} answered ${status} `));
        assert.ok(
          outcome.userMessage.includes(
            `The connection ${name} may or may not have been created on ${TENANT}; check the Auth0 Dashboard ` +
              `(https://manage.auth0.com/dashboard/us/test-tenant/connections/database) or GET ${checkUrl(name)} before trying again. ` +
              'It was not retried automatically, because the request may have been processed.',
          ),
          outcome.userMessage,
        );
        assert.equal(posts(), 1);
      });
    }

    void it('timeout: reported after timeoutMs, one POST', async () => {
      server.force('connections', answers.hang());
      const name = uniqueName();
      const outcome = await create({ timeoutMs: 300, body: { name, strategy: 'auth0' } });
      assert.ok(outcome.kind === 'uncertain');
      assert.equal(outcome.cause, 'timeout');
      // The request went to the test server standing in for the tenant (an override), and the message names it.
      assert.match(outcome.userMessage, new RegExp(`^The Management API override ${server.apiBaseUrl.replace(/\./g, '\\.')} used for ${TENANT.replace(/\./g, '\\.')} did not answer within 300 ms\\. The connection ${name} may or may not have been created`));
      assert.equal(posts(), 1);
    });

    void it('connection dropped before any answer', async () => {
      server.force('connections', answers.drop('before-response'));
      const outcome = await create();
      assert.ok(outcome.kind === 'uncertain');
      assert.equal(outcome.cause, 'network');
      assert.match(outcome.userMessage, /^The connection to the Management API override http:\/\/127\.0\.0\.1:\d+\/api\/v2 used for test-tenant\.auth0\.com failed \(.+\)\. The connection conn-\S+ may or may not have been created/);
      assert.equal(posts(), 1);
    });

    void it('201 whose body is cut off: probably created, id unknown', async () => {
      server.force('connections', answers.drop('mid-body', 201));
      const name = uniqueName();
      const outcome = await create({ body: { name, strategy: 'auth0' } });
      assert.ok(outcome.kind === 'uncertain');
      assert.equal(outcome.cause, 'unreadable-response');
      assert.match(outcome.userMessage, new RegExp(`answered 201 Created, but the connection failed while reading the answer .*The connection ${name} was probably created on ${TENANT.replace(/\./g, '\\.')}, but its id is unknown; check`));
      assert.equal(posts(), 1);
    });

    void it('201 that is not JSON', async () => {
      server.force('connections', answers.raw(201, 'OK'));
      const outcome = await create();
      assert.ok(outcome.kind === 'uncertain');
      assert.equal(outcome.cause, 'unreadable-response');
      assert.match(outcome.userMessage, /answered 201 Created, but the answer did not contain the new connection/);
    });

    void it('cancelled while the request is in flight: uncertain, not "cancelled"', async () => {
      server.force('connections', answers.hang());
      const controller = new AbortController();
      const pending = create({ signal: controller.signal });
      await server.waitForRequests('connections', 1);
      controller.abort();
      const outcome = await pending;
      assert.ok(outcome.kind === 'uncertain');
      assert.equal(outcome.cause, 'cancelled-in-flight');
      assert.match(outcome.userMessage, /^Cancelled after the request was sent to the Management API override \S+ used for test-tenant\.auth0\.com\. The connection \S+ may or may not have been created/);
    });
  });

  void describe('nothing sent', () => {
    void it('cancelled before sending: no request at all', async () => {
      const controller = new AbortController();
      controller.abort();
      const outcome = await create({ signal: controller.signal });
      assert.ok(outcome.kind === 'cancelled');
      assert.equal(outcome.phase, 'before-sending');
      assert.match(outcome.userMessage, /^Cancelled before the connection \S+ was sent to test-tenant\.auth0\.com; nothing was created\.$/);
      assert.equal(server.requests.length, 0);
    });

    void it('cancelled while getting the token: nothing created', async () => {
      server.force('token', answers.hang());
      const controller = new AbortController();
      const pending = create({ signal: controller.signal });
      await server.waitForRequests('token', 1);
      controller.abort();
      const outcome = await pending;
      assert.ok(outcome.kind === 'cancelled');
      assert.equal(outcome.phase, 'before-sending');
      assert.equal(posts(), 0);
    });

    void it('a non-loopback override is refused before any request', async () => {
      let calls = 0;
      const spy: FetchLike = async (url, init) => {
        calls++;
        return fetch(url, init);
      };
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: 'https://evil.example.com/api/v2' }, fetch: spy });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'invalid-config');
      assert.match(outcome.userMessage, /^The Management API base URL override "https:\/\/evil\.example\.com\/api\/v2" was refused: evil\.example\.com is not a loopback address\..* Nothing was sent\.$/);
      const token = await create({ tenant: { domain: TENANT, authBaseUrl: 'https://evil.example.com' }, fetch: spy });
      assert.ok(token.kind === 'not-sent');
      assert.match(token.userMessage, /token endpoint base URL override/);
      assert.equal(calls, 0);
    });

    void it('a bad domain is refused before any request', async () => {
      const outcome = await create({ tenant: { domain: 'https://test-tenant.auth0.com/api/v2' } });
      assert.ok(outcome.kind === 'not-sent');
      assert.match(outcome.userMessage, /without a path/);
    });

    void it('credentials of another tenant are not sent', async () => {
      const other = resolveEndpoints('other-tenant.auth0.com', { apiBaseUrl: server.apiBaseUrl, authBaseUrl: server.baseUrl });
      assert.ok(other.ok);
      const outcome = await create({ credentials: createTokenSource(CREDENTIALS, other.endpoints) });
      assert.ok(outcome.kind === 'not-sent');
      assert.match(outcome.userMessage, /belong to other-tenant\.auth0\.com, not to test-tenant\.auth0\.com/);
      assert.equal(server.requests.length, 0);
    });

    void it('a body that is not an object', async () => {
      const outcome = await create({ body: ['not', 'an', 'object'] });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'invalid-body');
      assert.equal(server.requests.length, 0);
    });

    void it('API unreachable (connection refused): nothing sent, safe to retry', async () => {
      const port = await closedPort();
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: `http://127.0.0.1:${port}/api/v2`, authBaseUrl: server.baseUrl } });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'unreachable');
      assert.equal(outcome.attempts, 0);
      assert.equal(
        outcome.userMessage,
        `Could not connect to the Management API override http://127.0.0.1:${port}/api/v2 used for ${TENANT} (ECONNREFUSED). Nothing was sent, so nothing was created. ` +
          'Check that the server at that address is running, or remove the override, then try again.',
      );
    });

    void it('token endpoint unreachable: nothing sent to create', async () => {
      const port = await closedPort();
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: server.apiBaseUrl, authBaseUrl: `http://127.0.0.1:${port}` } });
      assert.ok(outcome.kind === 'not-sent');
      assert.equal(outcome.reason, 'token-unavailable');
      assert.match(outcome.userMessage, /^Could not get a Management API token for test-tenant\.auth0\.com: Could not reach the token endpoint .*\(ECONNREFUSED\)\. Nothing was sent to create the connection\./);
    });
  });

  void describe('redirects are not followed', () => {
    void it('a 3xx from the API is reported and its target never contacted', async () => {
      const elsewhere = await startFakeAuth0();
      try {
        server.force('connections', answers.redirect(`${elsewhere.apiBaseUrl}/connections`, 307));
        const outcome = await create();
        assert.ok(outcome.kind === 'unexpected');
        assert.equal(outcome.status, 307);
        assert.equal(outcome.location, `${elsewhere.apiBaseUrl}/connections`);
        assert.match(outcome.userMessage, /answered with a redirect \(307 to http:\/\/127\.0\.0\.1:\d+\/api\/v2\/connections\), which was not followed: requests go only to the configured tenant\./);
        assert.equal(elsewhere.requests.length, 0);
        assert.equal(posts(), 1);
      } finally {
        await elsewhere.close();
      }
    });

    void it('a redirect target carrying a token is masked in the outcome', async () => {
      const leaked = server.issueToken();
      server.force('connections', answers.redirect(`http://127.0.0.1:9/?access_token=${leaked}`));
      const outcome = await create();
      assert.ok(outcome.kind === 'unexpected');
      assert.equal(outcome.location, `http://127.0.0.1:9/?access_token=${MASK}`);
      assert.ok(!JSON.stringify(outcome).includes(leaked));
    });

    void it('a 3xx from the token endpoint: the secret goes nowhere else', async () => {
      const elsewhere = await startFakeAuth0();
      try {
        server.force('token', answers.redirect(`${elsewhere.baseUrl}/oauth/token`, 308));
        const outcome = await create();
        assert.ok(outcome.kind === 'not-sent');
        assert.equal(outcome.reason, 'token-unavailable');
        assert.match(outcome.userMessage, /redirect \(308\), which was not followed/);
        assert.equal(elsewhere.requests.length, 0);
      } finally {
        await elsewhere.close();
      }
    });
  });

  void describe('the test server itself', () => {
    void it('validates with the generated schema when present, else with the essential checks', async () => {
      assert.equal(server.validation, 'schema');
      const bare = await startFakeAuth0({ schemaPath: '/nonexistent/connection.schema.json' });
      try {
        assert.equal(bare.validation, 'essentials');
        const outcome = await createConnection({ tenant: tenantOf(bare), credentials: CREDENTIALS, body: { name: 'no-strategy' } });
        assert.ok(outcome.kind === 'rejected');
        assert.equal(outcome.message, "Payload validation error: 'Missing required property: strategy'.");
        assert.equal(outcome.propertyPath, 'strategy');
        assert.match(outcome.userMessage, /Add strategy to the file and try again\.$/);
      } finally {
        await bare.close();
      }
    });
  });

  void describe('other answers', () => {
    void it('404 (wrong base URL): nothing created, check the domain', async () => {
      const outcome = await create({ tenant: { domain: TENANT, apiBaseUrl: `${server.baseUrl}/wrong/api/v2`, authBaseUrl: server.baseUrl } });
      assert.ok(outcome.kind === 'unexpected');
      assert.equal(outcome.status, 404);
      assert.match(outcome.userMessage, /answered POST http:\/\/127\.0\.0\.1:\d+\/wrong\/api\/v2\/connections with 404 Not Found\. Nothing was created\. Check the tenant's domain/);
    });

    void it('a throwing progress callback does not break the request', async () => {
      const outcome = await create({
        onProgress: () => {
          throw new Error('UI gone');
        },
      });
      assert.equal(outcome.kind, 'created');
    });
  });
});
