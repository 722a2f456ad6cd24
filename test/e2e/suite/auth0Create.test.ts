/**
 * "Auth0: Create Connection on Tenant" in a real extension host, against the Auth0-like server of
 * test/fixtures started in-process on 127.0.0.1 (the tenant's loopback overrides point at it). The commands take
 * argument objects, so no prompt is needed; every result is what the command resolves to, and the secrets are
 * searched for everywhere but SecretStorage.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION } from '../../../common/protocol';
import { answers, FAKE_CLIENT_SECRET, FAKE_DOMAIN, startFakeAuth0, type FakeAuth0 } from '../../fixtures/fakeAuth0Server';
import type { CreateResult, AddTenantResult } from '../../../client/src/auth0/index';
import { addFakeTenant as addTenantOf, API_SOURCE, assertNoSecretAnywhere, documentSnapshot as snapshot, inspect, revertAndClose, writeWorkspaceFile } from './auth0Helpers';
import { openInEditor, ourExtension, waitFor, waitForOurDiagnostics, rangeOf, describeRange, screenshot, workspaceFile } from './helpers';

const DIR = 'auth0-e2e';

let fake: FakeAuth0;
/** Every secret this suite hands to the extension or sees on the wire: none may appear outside SecretStorage. */
const secrets = new Set<string>([FAKE_CLIENT_SECRET]);

async function create(uri: vscode.Uri, extra: Record<string, unknown> = {}): Promise<CreateResult> {
  const result = await vscode.commands.executeCommand<CreateResult | undefined>(Commands.createConnection, {
    uri: uri.toString(),
    skipConfirmation: true,
    ...extra,
  });
  assert.ok(result, 'the command resolved to nothing (it failed unexpectedly; see the output channel)');
  return result;
}

function addFakeTenant(extra: Record<string, unknown> = {}): Thenable<AddTenantResult | undefined> {
  return addTenantOf(fake, extra);
}

function writeFile(name: string, text: string): Promise<vscode.Uri> {
  return writeWorkspaceFile(DIR, name, text);
}

function dbBody(name: string, passwordPolicy = 'good'): string {
  return `{\n  "$schema": "auth0-connections:/schemas/connection.schema.json",\n  "name": "${name}",\n  "strategy": "auth0",\n  "options": {\n    "passwordPolicy": "${passwordPolicy}"\n  }\n}\n`;
}

function lastCreateBody(): Record<string, unknown> {
  const request = [...fake.requests].reverse().find((r) => r.route === 'connections' && r.method === 'POST');
  assert.ok(request, 'no POST /api/v2/connections reached the fake server');
  return JSON.parse(request.body) as Record<string, unknown>;
}

function bearerTokensSeen(): string[] {
  return fake.requests.map((r) => /^Bearer\s+(\S+)$/i.exec(r.headers.authorization ?? '')?.[1]).filter((t): t is string => t !== undefined);
}

suite('Auth0: tenants and Create Connection on Tenant', () => {
  suiteSetup(async () => {
    const schemaPath = path.resolve(__dirname, '..', '..', '..', 'schemas', 'connection.schema.json');
    fake = await startFakeAuth0(fs.existsSync(schemaPath) ? { schemaPath } : {});
    await ourExtension().activate();
    const added = await addFakeTenant();
    assert.deepEqual(added, { ok: true, domain: FAKE_DOMAIN, warnings: [] });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.signOutOfTenant, { domain: FAKE_DOMAIN });
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('create.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  test('Add Tenant keeps the tenant in global state and the secret in SecretStorage only', async () => {
    const state = await inspect();
    assert.deepEqual(state.tenants, [{ domain: FAKE_DOMAIN, hasCredentials: true }]);
    const stored = JSON.stringify(state.globalState);
    assert.ok(stored.includes(FAKE_DOMAIN), `tenant list not in global state: ${stored}`);
    assert.ok(!stored.includes(FAKE_CLIENT_SECRET), 'the client secret is in global state');
    assert.equal(state.active, FAKE_DOMAIN);
    assert.equal(state.statusBar.visible, true);
    assert.equal(state.statusBar.text, `$(cloud) ${FAKE_DOMAIN}`);
    assert.equal(state.statusBar.command, Commands.selectTenant);
  });

  test('several tenants: the one added last is active, Select Tenant switches, the status bar follows', async () => {
    const second = 'second-tenant.eu.auth0.com';
    const added = await vscode.commands.executeCommand<AddTenantResult>(Commands.addTenant, {
      domain: `https://${second}/`,
      clientId: 'second-client',
      clientSecret: 'second-secret-value-987',
      production: true,
      apiBaseUrl: fake.apiBaseUrl,
      authBaseUrl: fake.baseUrl,
    });
    secrets.add('second-secret-value-987');
    assert.deepEqual(added, { ok: true, domain: second, warnings: [] });
    let state = await inspect();
    assert.equal(state.active, second);
    assert.equal(state.statusBar.text, `$(shield) ${second} (production)`);
    assert.deepEqual(state.tenants.map((t) => t.domain).sort(), [second, FAKE_DOMAIN].sort());

    assert.equal(await vscode.commands.executeCommand(Commands.selectTenant, { domain: FAKE_DOMAIN }), FAKE_DOMAIN);
    state = await inspect();
    assert.equal(state.active, FAKE_DOMAIN);
    assert.equal(state.statusBar.text, `$(cloud) ${FAKE_DOMAIN}`);

    assert.equal(await vscode.commands.executeCommand(Commands.signOutOfTenant, { domain: second }), second);
    state = await inspect();
    assert.deepEqual(state.tenants, [{ domain: FAKE_DOMAIN, hasCredentials: true }]);
    assert.equal(state.active, FAKE_DOMAIN);
  });

  test('Add Tenant refuses an override that is not a loopback address', async () => {
    const result = await vscode.commands.executeCommand<AddTenantResult>(Commands.addTenant, {
      domain: 'elsewhere.auth0.com',
      clientId: 'x',
      clientSecret: 'another-secret-value-42',
      apiBaseUrl: 'https://example.com/api/v2',
    });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /loopback|127\.0\.0\.1/);
    assert.deepEqual((await inspect()).tenants.map((t) => t.domain), [FAKE_DOMAIN]);
  });

  test('creates the connection from a saved file: success, new id, $schema removed, document untouched', async () => {
    const uri = await writeFile('e2e-db.connection.json', dbBody('e2e-db'));
    const editor = await openInEditor(uri);
    const before = snapshot(editor.document);
    const result = await create(uri);
    assert.equal(result.outcome, 'created', result.message);
    assert.match(result.id ?? '', /^con_[0-9a-f]+$/);
    assert.equal(result.message, `Created connection e2e-db (${result.id}) on ${FAKE_DOMAIN}.`);
    assert.equal(fake.connections.get('e2e-db')?.id, result.id);
    const sent = lastCreateBody();
    assert.equal(sent.$schema, undefined, 'the $schema key was sent');
    assert.equal(sent.name, 'e2e-db');
    assert.deepEqual(snapshot(editor.document), before, 'sending modified the document');
    assert.equal(editor.document.isDirty, false);
    await revertAndClose();
  });

  test('sends unsaved edits as they are in the editor, and leaves them unsaved', async () => {
    const uri = await writeFile('e2e-unsaved.connection.yaml', 'name: e2e-unsaved\nstrategy: github\n');
    const editor = await openInEditor(uri);
    const edited = await editor.edit((edit) => edit.replace(rangeOf(editor.document, 'e2e-unsaved'), 'e2e-unsaved-edited'));
    assert.ok(edited);
    const before = snapshot(editor.document);
    assert.equal(before.dirty, true);
    const result = await create(uri);
    assert.equal(result.outcome, 'created', result.message);
    assert.equal(lastCreateBody().name, 'e2e-unsaved-edited');
    assert.deepEqual(snapshot(editor.document), before, 'sending modified the document');
    await revertAndClose();
  });

  test('a 400 naming a property puts an "Auth0 API" diagnostic on it, cleared by the next edit', async () => {
    const uri = await writeFile('e2e-rejected.connection.json', dbBody('e2e-rejected'));
    const editor = await openInEditor(uri);
    fake.force(
      'connections',
      answers.badRequest("Payload validation error: 'No enum match for: \"good\"' on property options.passwordPolicy (Password strength level)."),
    );
    const result = await create(uri);
    assert.equal(result.outcome, 'rejected', result.message);
    assert.match(result.message, /No enum match/);
    const diagnostics = await waitFor('an Auth0 API diagnostic', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === API_SOURCE);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0]!.message, /No enum match/);
    const key = rangeOf(editor.document, '"passwordPolicy"'); // a JSON key's span includes its quotes
    assert.ok(diagnostics[0]!.range.isEqual(key), `diagnostic at ${describeRange(diagnostics[0]!.range)}, key at ${describeRange(key)}`);
    assert.equal(fake.connections.has('e2e-rejected'), false);

    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\n'));
    await waitFor('the Auth0 API diagnostic to clear after an edit', () =>
      vscode.languages.getDiagnostics(uri).every((d) => d.source !== API_SOURCE),
    );
    await revertAndClose();
  });

  test('a document with errors, or that does not parse, is refused and nothing is sent', async () => {
    const sentBefore = fake.count('connections', 'POST');
    const bad = await writeFile('e2e-bad.connection.json', '{\n  "name": "e2e-bad",\n  "strategy": "auth0",\n  "bogus_root_key": 1\n}\n');
    await openInEditor(bad);
    await waitForOurDiagnostics(bad, (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const refused = await create(bad);
    assert.equal(refused.outcome, 'refused');
    assert.equal(refused.reason, 'errors');
    assert.match(refused.message, /bogus_root_key|error/);
    await revertAndClose();

    const broken = await writeFile('e2e-broken.connection.json', '{\n  "name": "e2e-broken",\n  "strategy": \n');
    await openInEditor(broken);
    const unparsed = await create(broken);
    assert.equal(unparsed.outcome, 'refused');
    assert.equal(unparsed.reason, 'syntax');
    assert.match(unparsed.message, /not valid JSON/);
    await revertAndClose();

    const plain = await writeFile('settings.json', '{\n  "name": "not-a-connection",\n  "strategy": "auth0"\n}\n');
    await openInEditor(plain);
    const other = await create(plain);
    assert.equal(other.outcome, 'refused');
    assert.equal(other.reason, 'not-connection-file');
    await revertAndClose();

    // A deploy-cli tenant file is served (item by item), but it is not one body to send.
    const tenant = workspaceFile('deploy-cli', 'tenant.yaml');
    await openInEditor(tenant);
    await waitForOurDiagnostics(tenant);
    const deployCli = await create(tenant);
    assert.equal(deployCli.outcome, 'refused');
    assert.equal(deployCli.reason, 'not-connection-file');
    assert.match(deployCli.message, /tenant\.yaml is an auth0-deploy-cli file, so it was not sent/);
    await revertAndClose();
    assert.equal(fake.count('connections', 'POST'), sentBefore, 'a refused document reached the API');
  });

  test('a name already on the tenant gives the 409 message; a 500 says it may or may not exist', async () => {
    const uri = await writeFile('e2e-db.connection.json', dbBody('e2e-db'));
    await openInEditor(uri);
    const conflict = await create(uri);
    assert.equal(conflict.outcome, 'conflict', conflict.message);
    assert.match(conflict.message, new RegExp(`A connection named e2e-db already exists on tenant ${FAKE_DOMAIN.replace(/\./g, '\\.')}`));

    const sentBefore = fake.count('connections', 'POST');
    fake.force('connections', answers.serverError(503));
    const uncertain = await create(uri);
    assert.equal(uncertain.outcome, 'uncertain', uncertain.message);
    assert.match(uncertain.message, /may or may not have been created/);
    assert.equal(fake.count('connections', 'POST'), sentBefore + 1, 'a POST that may have been processed was retried');
    await revertAndClose();
  });

  test('a 429 is waited out and retried; a timeout from the setting is uncertain, never retried', async () => {
    const uri = await writeFile('e2e-limited.connection.yaml', 'name: e2e-limited\nstrategy: github\n');
    await openInEditor(uri);
    fake.force('connections', answers.rateLimited({ retryAfterSeconds: 1 }));
    const limited = await create(uri);
    assert.equal(limited.outcome, 'created', limited.message);
    assert.equal(limited.attempts, 2);

    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('create.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const timeoutUri = await writeFile('e2e-timeout.connection.yaml', 'name: e2e-timeout\nstrategy: github\n');
      await openInEditor(timeoutUri);
      const sentBefore = fake.count('connections', 'POST');
      fake.force('connections', answers.hang());
      const timedOut = await create(timeoutUri);
      assert.equal(timedOut.outcome, 'uncertain', timedOut.message);
      assert.match(timedOut.message, /did not answer within 1 s/);
      assert.equal(fake.count('connections', 'POST'), sentBefore + 1);
    } finally {
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('create.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    await revertAndClose();
    await revertAndClose();
  });

  test('a production tenant creates only when its domain (or the connection name) is typed', async () => {
    assert.equal((await addFakeTenant({ production: true }))?.ok, true);
    assert.match((await inspect()).statusBar.text, /\(production\)$/);
    try {
      const uri = await writeFile('e2e-prod.connection.yaml', 'name: e2e-prod\nstrategy: github\n');
      await openInEditor(uri);
      const sentBefore = fake.count('connections', 'POST');
      // skipConfirmation does not apply to production tenants: without the typed text nothing is sent.
      const wrong = await create(uri, { confirmText: 'yes' });
      assert.equal(wrong.outcome, 'refused');
      assert.equal(wrong.reason, 'declined');
      assert.equal(fake.count('connections', 'POST'), sentBefore);
      // Interactively, the command waits on the typed-confirmation input box; dismissing it sends nothing.
      const asked = (lines: string[]) => lines.filter((line) => line.includes('asking for its domain to be typed')).length;
      const askedBefore = asked((await inspect()).logLines);
      let settled = false;
      const pending = Promise.resolve(
        vscode.commands.executeCommand<CreateResult>(Commands.createConnection, { uri: uri.toString(), skipConfirmation: true }),
      ).finally(() => (settled = true));
      await waitFor('the production confirmation to be asked', async () => asked((await inspect()).logLines) > askedBefore);
      await screenshot('auth0-create-production', '.quick-input-widget');
      assert.equal(settled, false, 'the command finished without asking for the typed confirmation');
      await waitFor('the input box to be dismissed', async () => {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return settled;
      });
      const dismissed = await pending;
      assert.equal(dismissed.outcome, 'refused');
      assert.equal(dismissed.reason, 'declined');
      assert.equal(fake.count('connections', 'POST'), sentBefore);
      const typed = await create(uri, { confirmText: FAKE_DOMAIN });
      assert.equal(typed.outcome, 'created', typed.message);
      await revertAndClose();
    } finally {
      assert.equal((await addFakeTenant({ production: false }))?.ok, true);
    }
  });

  test('a pasted token works until it is refused: then "invalid or expired"', async () => {
    const token = fake.issueToken();
    secrets.add(token);
    const added = await addFakeTenant({ clientId: undefined, clientSecret: undefined, token });
    assert.deepEqual(added, { ok: true, domain: FAKE_DOMAIN, warnings: [] });
    try {
      const uri = await writeFile('e2e-token.connection.yaml', 'name: e2e-token\nstrategy: github\n');
      await openInEditor(uri);
      const created = await create(uri);
      assert.equal(created.outcome, 'created', created.message);
      fake.revokeAllTokens();
      const again = await writeFile('e2e-token-2.connection.yaml', 'name: e2e-token-2\nstrategy: github\n');
      await openInEditor(again);
      const refused = await create(again);
      assert.equal(refused.outcome, 'unauthorized', refused.message);
      assert.match(refused.message, /invalid or expired/);
      await revertAndClose();
      await revertAndClose();
    } finally {
      assert.equal((await addFakeTenant())?.ok, true);
    }
  });

  test('the machine-scoped base-URL settings apply to a tenant without overrides, and only loopback is accepted', async () => {
    const config = () => vscode.workspace.getConfiguration(SETTINGS_SECTION);
    assert.equal((await addFakeTenant({ apiBaseUrl: undefined, authBaseUrl: undefined }))?.ok, true);
    const uri = await writeFile('e2e-settings.connection.yaml', 'name: e2e-settings\nstrategy: github\n');
    await openInEditor(uri);
    try {
      await config().update('apiBaseUrl', 'https://example.com/api/v2', vscode.ConfigurationTarget.Global);
      await config().update('authBaseUrl', fake.baseUrl, vscode.ConfigurationTarget.Global);
      const sentBefore = fake.count('connections', 'POST');
      const refused = await create(uri);
      assert.equal(refused.outcome, 'refused');
      assert.equal(refused.reason, 'endpoints');
      assert.match(refused.message, /example\.com is not a loopback address/);
      assert.equal(fake.count('connections', 'POST'), sentBefore);

      await config().update('apiBaseUrl', fake.apiBaseUrl, vscode.ConfigurationTarget.Global);
      const created = await create(uri);
      assert.equal(created.outcome, 'created', created.message);
    } finally {
      await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('authBaseUrl', undefined, vscode.ConfigurationTarget.Global);
      assert.equal((await addFakeTenant())?.ok, true);
    }
    await revertAndClose();
  });

  test('the credentials are read back from SecretStorage: a create works with no token cached', async () => {
    const tokensBefore = fake.count('token');
    await inspect({ forgetCachedTokens: true });
    const uri = await writeFile('e2e-secretstorage.connection.yaml', 'name: e2e-secretstorage\nstrategy: github\n');
    await openInEditor(uri);
    const result = await create(uri);
    assert.equal(result.outcome, 'created', result.message);
    assert.equal(fake.count('token'), tokensBefore + 1, 'no new token was requested with the stored client secret');
    await revertAndClose();
  });

  test('no secret is found in settings, global state, workspace files or the output channel', async () => {
    for (const token of bearerTokensSeen()) secrets.add(token);
    assert.ok(secrets.size >= 2, 'expected the client secret and at least one token');
    await assertNoSecretAnywhere(secrets, '[auth0] Outcome created');
  });

  test('Sign Out deletes the credentials; a create then asks for a tenant and sends nothing', async () => {
    await vscode.commands.executeCommand(Commands.signOutOfTenant, { domain: FAKE_DOMAIN });
    const state = await inspect();
    assert.deepEqual(state.tenants, []);
    const uri = await writeFile('e2e-signed-out.connection.yaml', 'name: e2e-signed-out\nstrategy: github\n');
    await openInEditor(uri);
    const sentBefore = fake.count('connections', 'POST');
    const result = await create(uri);
    assert.equal(result.outcome, 'refused');
    assert.equal(result.reason, 'no-tenant');
    assert.equal(fake.count('connections', 'POST'), sentBefore);
    await revertAndClose();
    assert.equal((await addFakeTenant())?.ok, true);
  });
});
