/** "Add Tenant..." step by step, with a scripted user instead of VS Code's input boxes and quick picks. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { addTenantFlow, promptToken, tokenProblem, type InputOptions, type PickItem, type PickOptions, type Prompts } from '../../client/src/auth0/addTenantFlow';
import type { StoredTenant } from '../../client/src/auth0/text';
import { makeJwt } from '../fixtures/fakeAuth0Server';

type Step = { input: string | undefined } | { pick: string | undefined };

/** Answers the prompts in order; records what each prompt was and what its validation said of the answer. */
function scripted(steps: Step[]) {
  const seen: Array<{ title: string; kind: 'input' | 'pick'; options?: InputOptions; labels?: string[] }> = [];
  const prompts: Prompts = {
    async input(options) {
      seen.push({ title: options.title, kind: 'input', options });
      const step = steps.shift();
      assert.ok(step && 'input' in step, `unexpected input box "${options.title}: ${options.prompt}"`);
      return step.input;
    },
    async pick<T extends PickItem>(items: readonly T[], options: PickOptions) {
      seen.push({ title: options.title, kind: 'pick', labels: items.map((i) => i.label) });
      const step = steps.shift();
      assert.ok(step && 'pick' in step, `unexpected quick pick "${options.title}: ${options.placeHolder}"`);
      if (step.pick === undefined) return undefined;
      const item = items.find((i) => i.label.startsWith(step.pick!));
      assert.ok(item, `no item "${step.pick}" in ${items.map((i) => i.label).join(', ')}`);
      return item;
    },
  };
  return { prompts, seen, left: () => steps.length };
}

const none = (): StoredTenant | undefined => undefined;

void test('machine-to-machine application on a real tenant: five steps, domain normalised', async () => {
  const user = scripted([
    { input: 'https://Acme.EU.auth0.com/' },
    { pick: 'Machine-to-machine' },
    { input: 'client-123' },
    { input: 'the-client-secret-value' },
    { pick: 'No' },
    { pick: 'Connect to https://acme.eu.auth0.com' },
  ]);
  const result = await addTenantFlow(user.prompts, none);
  assert.deepEqual(result, {
    ok: true,
    tenant: { domain: 'acme.eu.auth0.com', kind: 'client-credentials', production: false },
    credentials: { kind: 'client-credentials', clientId: 'client-123', clientSecret: 'the-client-secret-value' },
  });
  assert.equal(user.left(), 0);
  assert.deepEqual(
    user.seen.map((s) => s.title),
    ['Add Auth0 Tenant (1/5)', 'Add Auth0 Tenant (2/5)', 'Add Auth0 Tenant (3/5)', 'Add Auth0 Tenant (3/5)', 'Add Auth0 Tenant (4/5)', 'Add Auth0 Tenant (5/5)'],
  );
  assert.equal(user.seen[3]?.options?.password, true, 'the client secret is typed in a password box');
  assert.notEqual(user.seen[2]?.options?.password, true);
});

void test('the domain is validated live: errors block, the normalised form and a replacement are announced', async () => {
  const user = scripted([{ input: undefined }]);
  const existing = (domain: string): StoredTenant | undefined =>
    domain === 'known.auth0.com' ? { domain, kind: 'access-token', production: false } : undefined;
  assert.equal(await addTenantFlow(user.prompts, existing), undefined);
  const validate = user.seen[0]?.options?.validate;
  assert.ok(validate);
  assert.equal(validate(''), undefined, 'no error before anything is typed');
  assert.equal(validate('acme.auth0.com'), undefined);
  assert.equal(validate('acme.auth0.com/api/v2')?.severity, 'error');
  assert.match(validate('acme.auth0.com/api/v2')?.message ?? '', /host name only/);
  assert.equal(validate('acme.auth0.com:8443')?.severity, 'error');
  assert.deepEqual(validate('https://acme.auth0.com/'), { message: 'Saved as acme.auth0.com', severity: 'info' });
  assert.equal(validate('known.auth0.com')?.severity, 'info');
  assert.match(validate('known.auth0.com')?.message ?? '', /replaces its credentials/);
});

void test('a pasted token: a live warning (not an error) when expired or lacking create:connections', async () => {
  const now = Math.floor(Date.now() / 1000);
  const good = makeJwt({ aud: 'https://acme.auth0.com/api/v2/', exp: now + 3600, scope: 'create:connections' });
  const expired = makeJwt({ aud: 'https://acme.auth0.com/api/v2/', exp: now - 3600, scope: 'create:connections' });
  const readOnly = makeJwt({ aud: 'https://acme.auth0.com/api/v2/', exp: now + 3600, scope: 'read:connections' });
  const user = scripted([
    { input: 'acme.auth0.com' },
    { pick: 'Management API access token' },
    { input: `Bearer ${good}` },
    { pick: 'Yes, production' },
    { pick: 'Connect to' },
  ]);
  const result = await addTenantFlow(user.prompts, none);
  assert.deepEqual(result, {
    ok: true,
    tenant: { domain: 'acme.auth0.com', kind: 'access-token', production: true },
    credentials: { kind: 'access-token', token: good },
  });
  const tokenBox = user.seen[2]?.options;
  assert.equal(tokenBox?.password, true);
  assert.equal(tokenBox?.validate?.(good), undefined);
  assert.equal(tokenBox?.validate?.(expired)?.severity, 'warning');
  assert.match(tokenBox?.validate?.(expired)?.message ?? '', /expired/);
  assert.equal(tokenBox?.validate?.(readOnly)?.severity, 'warning');
  assert.match(tokenBox?.validate?.(readOnly)?.message ?? '', /create:connections/);
  assert.equal(tokenBox?.validate?.('')?.severity, 'error');
  assert.match(tokenProblem('not a token', 'acme.auth0.com') ?? '', /not a Management API access token/);
  // A warning never leaks the token into the message.
  assert.ok(!(tokenBox?.validate?.(expired)?.message ?? '').includes(expired));
});

void test('local emulator overrides: loopback accepted (token base prefilled from the API base), anything else refused live', async () => {
  const user = scripted([
    { input: 'acme.auth0.com' },
    { pick: 'Machine-to-machine' },
    { input: 'id' },
    { input: 'secret-value-123' },
    { pick: 'No' },
    { pick: 'Use a local emulator' },
    { input: 'http://127.0.0.1:4010/api/v2' },
    { input: 'http://127.0.0.1:4010' },
  ]);
  const result = await addTenantFlow(user.prompts, none);
  assert.ok(result?.ok);
  assert.equal(result.tenant.apiBaseUrl, 'http://127.0.0.1:4010/api/v2');
  assert.equal(result.tenant.authBaseUrl, 'http://127.0.0.1:4010');
  const apiBox = user.seen[6]?.options;
  assert.equal(apiBox?.validate?.('https://evil.example.com/api/v2')?.severity, 'error');
  assert.match(apiBox?.validate?.('https://evil.example.com/api/v2')?.message ?? '', /loopback|127\.0\.0\.1/);
  assert.equal(apiBox?.validate?.('http://localhost:9/api/v2'), undefined);
  assert.equal(user.seen[7]?.options?.value, 'http://127.0.0.1:4010', 'token endpoint base prefilled with the API origin');
});

void test('cancelling at any step adds nothing', async () => {
  const full: Step[] = [
    { input: 'acme.auth0.com' },
    { pick: 'Machine-to-machine' },
    { input: 'id' },
    { input: 'secret-value-123' },
    { pick: 'No' },
    { pick: 'Connect to' },
  ];
  for (let cancelAt = 0; cancelAt < full.length; cancelAt++) {
    const steps = full.slice(0, cancelAt);
    const last = full[cancelAt]!;
    steps.push('input' in last ? { input: undefined } : { pick: undefined });
    assert.equal(await addTenantFlow(scripted(steps).prompts, none), undefined, `cancel at step ${cancelAt + 1}`);
  }
});

void test('Replace Token strips a "Bearer " prefix and treats an empty answer as cancel', async () => {
  assert.equal(await promptToken(scripted([{ input: '  Bearer abc.def.ghi ' }]).prompts, 'acme.auth0.com', 't'), 'abc.def.ghi');
  assert.equal(await promptToken(scripted([{ input: '   ' }]).prompts, 'acme.auth0.com', 't'), undefined);
});

void test('the last step says where requests will go when the settings override the base URLs', async () => {
  const answers = (): Step[] => [
    { input: 'acme.eu.auth0.com' },
    { pick: 'Machine-to-machine' },
    { input: 'client-123' },
    { input: 'the-client-secret-value' },
    { pick: 'No' },
  ];
  const user = scripted([...answers(), { pick: "Use the settings' overrides" }]);
  const result = await addTenantFlow(user.prompts, none, { apiBaseUrl: 'http://127.0.0.1:3999/api/v2', authBaseUrl: 'http://127.0.0.1:3999' });
  assert.ok(result?.ok);
  const labels = user.seen.at(-1)?.labels ?? [];
  assert.ok(!labels.some((label) => label.includes('https://acme.eu.auth0.com')), `offers the tenant itself: ${labels.join(' | ')}`);
  assert.match(labels[0] ?? '', /http:\/\/127\.0\.0\.1:3999\/api\/v2/);
  // Without overrides in the settings, the tenant itself is the recommended choice.
  const plain = scripted([...answers(), { pick: 'Connect to https://acme.eu.auth0.com' }]);
  assert.ok((await addTenantFlow(plain.prompts, none, {}))?.ok);
});
