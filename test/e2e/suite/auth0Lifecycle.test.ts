/**
 * The connection lifecycle in a real extension host (issue 14, the editor part): the Connections view, the
 * read-only live connection, Pull, Compare (VS Code's diff editor) and Apply, against the stateful Auth0-like
 * tenant of test/fixtures started in-process on 127.0.0.1. Dialogs do not render headless, so the commands take
 * argument objects for their answers (`skipConfirmation`, `confirmText`, `overwrite`), checked as the dialogs are;
 * the asking paths are seen waiting and dismissed. Results are asserted on what the user sees (the view's items,
 * the tabs, the files, the diagnostics) and on the tenant's state.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import type { ApplyResult, CompareCommandResult, CreateResult, PullResult } from '../../../client/src/auth0/index';
import { answers, FAKE_CLIENT_SECRET, FAKE_DOMAIN, startFakeAuth0, type FakeAuth0 } from '../../fixtures/fakeAuth0Server';
import { addFakeTenant, API_SOURCE, assertNoSecretAnywhere, documentSnapshot, inspect, openSynced, readWorkspaceFile, revertAndClose, writeWorkspaceFile } from './auth0Helpers';
import { log, ourDiagnostics, ourExtension, rangeOf, readUi, screenshot, serverCaughtUp, waitFor, waitForOurDiagnostics, workspaceFile } from './helpers';

const DIR = 'lifecycle-e2e';
const LIVE_SCHEME = 'auth0-connection';
const GOOGLE_SECRET = 'google-live-secret-7Hq2Lp9Xz';
const ENV_SECRET = 'google-secret-from-env-4Rt8Wq';
const APPS = [
  { clientId: 'app-web-0001', name: 'Web App' },
  { clientId: 'app-mobile-02', name: 'Mobile App' },
];

let fake: FakeAuth0;

async function run<T>(command: string, ...args: unknown[]): Promise<T> {
  const result = await vscode.commands.executeCommand<T | undefined>(command, ...args);
  assert.ok(result, `${command} resolved to nothing (it failed unexpectedly; see the output channel)`);
  return result;
}

const pull = (args: Record<string, unknown>) => run<PullResult>(Commands.pullConnections, { folder: workspaceFile(DIR).toString(), format: 'yaml', open: false, ...args });
const compare = (uri: vscode.Uri) => run<CompareCommandResult>(Commands.compareWithTenant, { uri: uri.toString() });
const apply = (uri: vscode.Uri, extra: Record<string, unknown> = {}) => run<ApplyResult>(Commands.applyToTenant, { uri: uri.toString(), skipConfirmation: true, ...extra });

function live(name: string): Record<string, unknown> {
  const connection = fake.connections.get(name.toLowerCase());
  assert.ok(connection, `${name} is not on the fake tenant`);
  return connection;
}

function writes(): number {
  return fake.requests.filter((r) => r.method !== 'GET' && r.route !== 'token').length;
}

/** The diff editor tab whose right side is `file`. */
function diffTabOf(file: vscode.Uri): vscode.TabInputTextDiff | undefined {
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === file.toString()) return tab.input;
  }
  return undefined;
}

suite('Auth0: the connection lifecycle (view, pull, compare, apply)', () => {
  suiteSetup(async () => {
    const schemaPath = path.resolve(__dirname, '..', '..', '..', 'schemas', 'connection.schema.json');
    fake = await startFakeAuth0({ ...(fs.existsSync(schemaPath) ? { schemaPath } : {}), tenant: { applications: APPS } });
    fake.tenant.seed({ name: 'corp-db', strategy: 'auth0', options: { passwordPolicy: 'good', brute_force_protection: true } });
    fake.tenant.seed(
      { name: 'g-social', strategy: 'google-oauth2', options: { client_id: 'google-client', client_secret: GOOGLE_SECRET, scope: ['email', 'profile'], email: true, profile: true } },
      ['app-web-0001'],
    );
    fake.tenant.seed({ name: 'gh-social', strategy: 'github' });
    fake.tenant.seed({ name: 'corp-saml', strategy: 'samlp', options: { signInEndpoint: 'https://idp.example.com/sso', signingCert: 'MIIB' } });
    await ourExtension().activate();
    await vscode.workspace.fs.createDirectory(workspaceFile(DIR));
    // VS Code for the Web saves after a delay by default: the tests that need unsaved edits keep them.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    delete process.env.G_SOCIAL_CLIENT_SECRET;
    await vscode.commands.executeCommand(Commands.signOutOfTenant, { domain: FAKE_DOMAIN });
    await fake?.close();
  });

  test('with no tenant the view lists nothing (its welcome content offers Add Tenant) and calls no tenant', async () => {
    assert.equal((await inspect()).active, undefined, 'a tenant is left over from another suite');
    const before = fake.requests.length;
    const { view } = await inspect({ view: true });
    assert.deepEqual(view?.groups, []);
    assert.equal(view?.message, undefined, 'a message would hide nothing, but the welcome content says what to do');
    assert.equal(view?.title, 'Connections');
    assert.equal(fake.requests.length, before);
    // What a person sees in the view: its welcome content with the Add Tenant button (code-server runner only).
    await vscode.commands.executeCommand('workbench.view.extension.auth0Connections');
    if (process.env.E2E_ACK_DIR) {
      const welcome = await readUi('[id="workbench.view.extension.auth0Connections"] .welcome-view-content');
      assert.match(welcome ?? '', /No Auth0 tenant is configured\..*Add Tenant\.\.\./s);
    }
    assert.deepEqual(await addFakeTenant(fake), { ok: true, domain: FAKE_DOMAIN, warnings: [] });
  });

  test('the view lists the tenant connections by strategy family, with the tenant as its title', async () => {
    const { view } = await inspect({ view: true });
    assert.ok(view);
    assert.equal(view.title, FAKE_DOMAIN);
    assert.deepEqual(
      view.groups.map((g) => [g.label, g.connections.map((c) => `${c.label} (${c.description})`)]),
      [
        ['Database (1)', ['corp-db (auth0)']],
        ['Social (2)', ['g-social (google-oauth2)', 'gh-social (github)']],
        ['Enterprise (1)', ['corp-saml (samlp)']],
      ],
    );
    for (const item of view.groups.flatMap((g) => g.connections)) {
      assert.equal(item.contextValue, 'auth0Connection');
      assert.equal(item.command, Commands.openLiveConnection);
    }
    // Refresh lists again: a connection created elsewhere appears.
    fake.tenant.seed({ name: 'late-db', strategy: 'auth0' });
    const stale = await inspect({ view: true });
    assert.equal(stale.view?.groups[0]?.label, 'Database (1)', 'the view listed again without being asked');
    await vscode.commands.executeCommand(Commands.refreshConnections);
    const fresh = await inspect({ view: true });
    assert.deepEqual(fresh.view?.groups[0]?.connections.map((c) => c.label), ['corp-db', 'late-db']);
  });

  test('an item opens the live connection read-only, as pull writes it: secrets as placeholders', async () => {
    const address = await run<string>(Commands.openLiveConnection, { name: 'g-social' });
    const uri = vscode.Uri.parse(address);
    assert.equal(uri.scheme, LIVE_SCHEME);
    assert.equal(uri.path, `/${FAKE_DOMAIN}/g-social.connection.yaml`);
    const document = await waitFor('the live document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === address));
    const text = document.getText();
    assert.match(text, /^name: g-social$/m);
    assert.match(text, /client_secret: "##G_SOCIAL_CLIENT_SECRET##"/);
    assert.match(text, /enabled_clients:\n {2}- Web App/);
    assert.ok(!text.includes(GOOGLE_SECRET), 'the live document shows the secret');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), address);
    // Read-only: typing into it (as a person would) changes nothing.
    await vscode.commands.executeCommand('type', { text: 'typed into a read-only document' });
    assert.equal(document.getText(), text, 'the live connection could be typed into');
    assert.equal(document.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Pull writes files that validate with no errors; it never overwrites without asking', async () => {
    const result = await pull({ names: ['g-social', 'corp-db', 'no-such-connection'] });
    assert.equal(result.outcome, 'pulled', result.message);
    assert.deepEqual(result.written.map((w) => w.name).sort(), ['corp-db', 'g-social']);
    assert.deepEqual(result.missing, ['no-such-connection']);
    assert.deepEqual(result.withErrors, []);
    const google = workspaceFile(DIR, 'g-social.connection.yaml');
    const pulledText = await readWorkspaceFile(google);
    assert.match(pulledText, /client_secret: "##G_SOCIAL_CLIENT_SECRET##"/);
    assert.ok(!pulledText.includes(GOOGLE_SECRET));
    for (const written of result.written) {
      const uri = vscode.Uri.parse(written.uri);
      await vscode.workspace.openTextDocument(uri);
      await serverCaughtUp();
      const errors = ourDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(errors.map((d) => d.message), [], `${written.name} has errors`);
    }

    const mine = `# my edits\n${pulledText}`;
    await vscode.workspace.fs.writeFile(google, Buffer.from(mine));
    const kept = await pull({ names: ['g-social'], overwrite: false });
    assert.deepEqual(kept.skipped.map((s) => [s.name, s.reason]), [['g-social', 'exists']]);
    assert.equal(await readWorkspaceFile(google), mine, 'overwrite: false replaced the file');

    // Without an answer given, it asks (a quick pick) and writes nothing meanwhile; dismissed, nothing is replaced.
    const asked = async () => (await inspect()).logLines.filter((line) => line.includes('asking whether to overwrite')).length;
    const askedBefore = await asked();
    let settled = false;
    const pending = Promise.resolve(vscode.commands.executeCommand<PullResult>(Commands.pullConnections, { names: ['g-social'], format: 'yaml', folder: workspaceFile(DIR).toString(), open: false })).finally(
      () => (settled = true),
    );
    await waitFor('the overwrite question', async () => (await asked()) > askedBefore);
    assert.equal(settled, false, 'the pull finished without asking');
    assert.equal(await readWorkspaceFile(google), mine);
    await waitFor('the question to be dismissed', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    });
    assert.deepEqual((await pending).skipped.map((s) => s.reason), ['exists']);
    assert.equal(await readWorkspaceFile(google), mine, 'a dismissed question replaced the file');

    // A file open with unsaved edits is never replaced, even when told to overwrite.
    const editor = await openSynced(google);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# unsaved\n'));
    const dirty = await pull({ names: ['g-social'], overwrite: true });
    assert.deepEqual(dirty.skipped.map((s) => s.reason), ['unsaved']);
    await revertAndClose();
    const replaced = await pull({ names: ['g-social'], overwrite: true });
    assert.equal(replaced.written.length, 1);
    assert.equal(await readWorkspaceFile(google), pulledText);
  });

  test('Compare opens a diff editor, the tenant on the left and the file on the right; a fresh pull has no difference', async () => {
    const google = workspaceFile(DIR, 'g-social.connection.yaml');
    await openSynced(google);
    const result = await compare(google);
    assert.equal(result.outcome, 'compared', result.message);
    assert.equal(result.differs, false, result.message);
    assert.match(result.message, /matches g-social on test-tenant\.auth0\.com.*secrets kept from the tenant: ##G_SOCIAL_CLIENT_SECRET##/);
    const tab = await waitFor('the diff editor', () => diffTabOf(google));
    assert.equal(tab.original.scheme, LIVE_SCHEME);
    assert.equal(tab.original.toString(), result.left);
    assert.equal(result.title, `g-social on ${FAKE_DOMAIN} ↔ g-social.connection.yaml`);
    const left = await vscode.workspace.openTextDocument(tab.original);
    assert.equal(left.getText(), await readWorkspaceFile(google), 'the two sides of an unchanged file differ');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an edit shows in Compare; Apply updates the tenant, keeps the secret, never edits the document; Compare again: no difference', async () => {
    const google = workspaceFile(DIR, 'g-social.connection.yaml');
    const editor = await openSynced(google);
    await editor.edit((edit) => {
      edit.delete(rangeOf(editor.document, '  profile: true\n'));
      edit.delete(rangeOf(editor.document, '    - profile\n'));
      edit.replace(rangeOf(editor.document, '  - Web App'), '  - Web App\n  - Mobile App');
    });
    const changed = await compare(google);
    assert.equal(changed.differs, true);
    assert.deepEqual(changed.changes?.sort(), ['options.profile', 'options.scope']);
    assert.match(changed.message, /to enable for Mobile App/);
    // The same file's left side was open already: VS Code fetches the new snapshot after the change event.
    const left = await vscode.workspace.openTextDocument(vscode.Uri.parse(changed.left!));
    await waitFor('the left side to show the tenant value of options.profile', () => /^ {2}profile: true$/m.test(left.getText()));
    await screenshot('compare-diff', '.monaco-diff-editor .editor.modified .view-lines');

    const before = documentSnapshot(editor.document);
    const patches = fake.count('connection', 'PATCH');
    const applied = await apply(google);
    assert.equal(applied.outcome, 'updated', applied.message);
    assert.equal(applied.plan, 'update');
    assert.deepEqual(applied.removedOptions, ['options.profile']);
    assert.equal(fake.count('connection', 'PATCH'), patches + 1);
    const options = live('g-social').options as Record<string, unknown>;
    assert.deepEqual(options.scope, ['email']);
    assert.equal('profile' in options, false);
    assert.equal(options.client_secret, GOOGLE_SECRET, 'the placeholder did not keep the tenant secret');
    assert.deepEqual(fake.tenant.enabled.get(String(live('g-social').id)), ['app-web-0001', 'app-mobile-02']);
    assert.deepEqual(documentSnapshot(editor.document), before, 'applying modified the document');

    const again = await compare(google);
    assert.equal(again.differs, false, again.message);
    const refreshed = await vscode.workspace.openTextDocument(vscode.Uri.parse(again.left!));
    await waitFor('the left side to show the tenant as applied', () => refreshed.getText() === editor.document.getText());
    // For the tests below, the file says what the tenant now has: written by the test, the edits reverted onto it.
    await vscode.workspace.fs.writeFile(google, Buffer.from(editor.document.getText()));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openSynced(google);
    await revertAndClose();
  });

  test('a placeholder takes its value from the environment of the extension host; the value is never logged', async () => {
    const google = workspaceFile(DIR, 'g-social.connection.yaml');
    await openSynced(google);
    process.env.G_SOCIAL_CLIENT_SECRET = ENV_SECRET;
    try {
      const compared = await compare(google);
      assert.deepEqual(compared.changes, ['options.client_secret']);
      assert.match(compared.message, /secret values differ at options\.client_secret \(not shown\)/);
      const applied = await apply(google);
      assert.equal(applied.outcome, 'updated', applied.message);
      assert.equal((live('g-social').options as Record<string, unknown>).client_secret, ENV_SECRET);
    } finally {
      delete process.env.G_SOCIAL_CLIENT_SECRET;
    }
    await assertNoSecretAnywhere(new Set([GOOGLE_SECRET, ENV_SECRET, FAKE_CLIENT_SECRET]), 'Outcome updated');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a new name: Compare says it will be created; Apply creates it and enables its applications', async () => {
    const uri = await writeWorkspaceFile(DIR, 'e2e-new.connection.yaml', 'name: e2e-new\nstrategy: github\nenabled_clients:\n  - Web App\n');
    await openSynced(uri);
    const compared = await compare(uri);
    assert.equal(compared.outcome, 'new');
    assert.equal(compared.title, `e2e-new: will be created on ${FAKE_DOMAIN} ↔ e2e-new.connection.yaml`);
    const tab = await waitFor('the diff editor', () => diffTabOf(uri));
    assert.equal((await vscode.workspace.openTextDocument(tab.original)).getText(), '');
    const applied = await apply(uri);
    assert.equal(applied.outcome, 'created', applied.message);
    assert.equal(applied.plan, 'create');
    assert.match(applied.id ?? '', /^con_/);
    assert.deepEqual(fake.tenant.enabled.get(applied.id!), ['app-web-0001']);
    assert.equal((await compare(uri)).differs, false);
    // The view, listed before, lists again after a write: the new connection is there without a Refresh.
    const { view } = await inspect({ view: true });
    assert.ok(view?.groups.some((g) => g.connections.some((c) => c.label === 'e2e-new')), 'the view did not list the created connection');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a 400 from an update lands on the file as an "Auth0 API" diagnostic', async () => {
    const uri = await writeWorkspaceFile(DIR, 'corp-db.connection.yaml', (await readWorkspaceFile(workspaceFile(DIR, 'corp-db.connection.yaml'))).replace('passwordPolicy: good', 'passwordPolicy: fair'));
    const editor = await openSynced(uri);
    fake.force('connection', answers.badRequest("Payload validation error: 'No enum match for: \"fair\"' on property options.passwordPolicy (Password strength level)."));
    const applied = await apply(uri);
    assert.equal(applied.outcome, 'failed', applied.message);
    assert.equal(applied.step, 'update');
    assert.equal(applied.failure, 'rejected');
    const diagnostics = await waitFor('an Auth0 API diagnostic', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === API_SOURCE);
      return found.length > 0 ? found : undefined;
    });
    assert.match(diagnostics[0]!.message, /No enum match/);
    assert.ok(diagnostics[0]!.range.isEqual(rangeOf(editor.document, 'passwordPolicy')), `diagnostic at line ${diagnostics[0]!.range.start.line}`);
    assert.equal((live('corp-db').options as Record<string, unknown>).passwordPolicy, 'good');
    await revertAndClose();
  });

  test('a write with no answer is uncertain: never retried, the message says to compare again', async () => {
    const uri = workspaceFile(DIR, 'corp-db.connection.yaml');
    await openSynced(uri);
    const before = fake.count('connection', 'PATCH');
    fake.force('connection', answers.serverError(503));
    const applied = await apply(uri);
    assert.equal(applied.outcome, 'failed', applied.message);
    assert.equal(applied.uncertain, true);
    assert.equal(applied.failure, 'uncertain');
    assert.match(applied.message, /may or may not have been applied/);
    assert.equal(fake.count('connection', 'PATCH'), before + 1);
    await revertAndClose();
  });

  test('a production tenant applies only when its domain is typed', async () => {
    assert.equal((await addFakeTenant(fake, { production: true }))?.ok, true);
    try {
      const uri = workspaceFile(DIR, 'corp-db.connection.yaml');
      await openSynced(uri);
      const sent = writes();
      const wrong = await apply(uri, { confirmText: 'yes' });
      assert.equal(wrong.outcome, 'refused');
      assert.equal(wrong.reason, 'declined');
      assert.equal(wrong.plan, 'update', 'the plan was not made before asking');
      assert.equal(writes(), sent);
      const typed = await apply(uri, { confirmText: FAKE_DOMAIN });
      assert.equal(typed.outcome, 'updated', typed.message);
      assert.equal((live('corp-db').options as Record<string, unknown>).passwordPolicy, 'fair');
      await revertAndClose();
    } finally {
      assert.equal((await addFakeTenant(fake))?.ok, true);
    }
  });

  test('Create Connection on Tenant enables the applications the file lists, and refuses unknown ones before sending', async () => {
    const uri = await writeWorkspaceFile(DIR, 'e2e-created.connection.yaml', 'name: e2e-created\nstrategy: github\nenabled_clients:\n  - Web App\n  - Mobile App\n');
    await openSynced(uri);
    const created = await run<CreateResult>(Commands.createConnection, { uri: uri.toString(), skipConfirmation: true });
    assert.equal(created.outcome, 'created', created.message);
    assert.deepEqual(created.enabledFor, ['Web App', 'Mobile App']);
    assert.match(created.message, /enabled for Web App, Mobile App/);
    assert.deepEqual(fake.tenant.enabled.get(created.id!), ['app-web-0001', 'app-mobile-02']);

    const unknown = await writeWorkspaceFile(DIR, 'e2e-unknown-app.connection.yaml', 'name: e2e-unknown-app\nstrategy: github\nenabled_clients:\n  - Nobody App\n');
    await openSynced(unknown);
    const sent = fake.count('connections', 'POST');
    const refused = await run<CreateResult>(Commands.createConnection, { uri: unknown.toString(), skipConfirmation: true });
    assert.equal(refused.outcome, 'refused');
    assert.equal(refused.reason, 'unknown-applications');
    assert.match(refused.message, /Nobody App/);
    assert.equal(fake.count('connections', 'POST'), sent);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the view item actions: Compare with File... opens the diff, Pull to File... writes the file', async () => {
    const google = workspaceFile(DIR, 'g-social.connection.yaml');
    const compared = await run<CompareCommandResult>(Commands.compareWithFile, { name: 'g-social', file: google.toString() });
    assert.equal(compared.outcome, 'compared', compared.message);
    await waitFor('the diff editor', () => diffTabOf(google));
    const pulled = await run<PullResult>(Commands.pullToFile, { name: 'gh-social' }, { format: 'json', folder: workspaceFile(DIR).toString(), open: false });
    assert.deepEqual(pulled.written.map((w) => path.basename(vscode.Uri.parse(w.uri).path)), ['gh-social.connection.json']);
    assert.equal(JSON.parse(await readWorkspaceFile(vscode.Uri.parse(pulled.written[0]!.uri))).name, 'gh-social');
    // Opened again, the read-only connection shows the tenant as it is now (updated by the tests above).
    const address = await run<string>(Commands.openLiveConnection, { name: 'g-social' });
    const document = await waitFor('the live document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === address));
    await waitFor('the live document to show the applied update', () => document.getText().includes('  - Mobile App') && !document.getText().includes('profile: true'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('in a deploy-cli tenant.yaml, Compare and Apply act on the item under the cursor, as deploy-cli sends it', async () => {
    const uri = workspaceFile('deploy-cli', 'tenant.yaml');
    const editor = await openSynced(uri);
    const brand = rangeOf(editor.document, '##BRAND##');
    await waitForOurDiagnostics(uri, (found) => found.some((d) => d.range.isEqual(brand)));
    const before = documentSnapshot(editor.document);
    const inGoogle = rangeOf(editor.document, 'client_id').start;
    const inSaml = rangeOf(editor.document, 'signInEndpoint').start;
    process.env.GOOGLE_SECRET = ENV_SECRET;
    try {
      // Compare: the right side is the item as deploy-cli sends it (##ENV## is "dev"), a connection the tenant lacks.
      const compared = await run<CompareCommandResult>(Commands.compareWithTenant, { uri: uri.toString(), position: inGoogle });
      assert.equal(compared.outcome, 'new', compared.message);
      assert.equal(compared.title, `dev-google: will be created on ${FAKE_DOMAIN} ↔ connections[0] of tenant.yaml`);
      const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(compared.right ?? ''));
      assert.equal(right.uri.scheme, LIVE_SCHEME);
      assert.match(right.getText(), /^name: dev-google$/m);
      assert.match(right.getText(), /^ {2}client_id: dev-google-client$/m);
      assert.match(right.getText(), /^enabled_clients:\n {2}- Web App$/m);

      // Apply from the palette with the cursor in the first item: created, enabled for Web App, the secret from the environment.
      (await vscode.window.showTextDocument(editor.document)).selection = new vscode.Selection(inGoogle, inGoogle);
      const applied = await apply(uri);
      assert.equal(applied.outcome, 'created', applied.message);
      const google = live('dev-google');
      assert.equal(google.strategy, 'google-oauth2');
      assert.deepEqual(
        { client_id: (google.options as Record<string, unknown>).client_id, client_secret: (google.options as Record<string, unknown>).client_secret },
        { client_id: 'dev-google-client', client_secret: ENV_SECRET },
      );
      assert.deepEqual(fake.tenant.enabled.get(applied.id!), ['app-web-0001']);
      assert.deepEqual(documentSnapshot(editor.document), before, 'Apply edited tenant.yaml');

      // Compare again: no difference, and the secret (from the keyword's value) shows on neither side.
      const again = await run<CompareCommandResult>(Commands.compareWithTenant, { uri: uri.toString(), position: inGoogle });
      assert.equal(again.differs, false, again.message);
      for (const side of [again.left, again.right]) assert.ok(!(await vscode.workspace.openTextDocument(vscode.Uri.parse(side ?? ''))).getText().includes(ENV_SECRET), `${side} shows the secret`);

      // A 400 on the item lands on the item's property in tenant.yaml.
      const sent = writes();
      fake.force('connection', answers.badRequest('Payload validation error: \'String is too long\' on property options.client_id.'));
      (google.options as Record<string, unknown>).client_id = 'changed-on-the-tenant';
      const rejected = await apply(uri, { position: inGoogle });
      assert.equal(rejected.failure, 'rejected', rejected.message);
      assert.equal(writes(), sent + 1);
      const diagnostic = await waitFor('an Auth0 API diagnostic on tenant.yaml', () => vscode.languages.getDiagnostics(uri).find((d) => d.source === API_SOURCE));
      assert.ok(diagnostic.range.isEqual(rangeOf(editor.document, 'client_id')), `diagnostic at line ${diagnostic.range.start.line + 1}`);

      // Nowhere in an item: refused with where to put the cursor.
      const outside = await apply(uri, { position: { line: 1, character: 2 } });
      assert.equal(outside.outcome, 'refused');
      assert.match(outside.message, /The cursor is on no connection in tenant\.yaml/);
      assert.equal(writes(), sent + 1);

      // A 400 on the create of an item the tenant lacks lands on that item's property too.
      fake.force('connections', { ...answers.badRequest('Payload validation error: \'Invalid URI\' on property options.signInEndpoint.'), method: 'POST' });
      const refusedCreate = await apply(uri, { position: inSaml });
      assert.equal(refusedCreate.failure, 'rejected', refusedCreate.message);
      assert.equal(refusedCreate.step, 'create');
      assert.ok(refusedCreate.diagnostic, 'no diagnostic placed');
      const samlDiagnostic = await waitFor('the diagnostic at signInEndpoint', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source === API_SOURCE && d.message.includes('Invalid URI')),
      );
      assert.ok(samlDiagnostic.range.isEqual(rangeOf(editor.document, 'signInEndpoint')), `diagnostic at line ${samlDiagnostic.range.start.line + 1}`);

      // The cursor in the second item sends that item, as deploy-cli would: @@ORIGINS@@ as its array, the unmapped
      // ##BRAND## literally (the warning at it says so).
      (await vscode.window.showTextDocument(editor.document)).selection = new vscode.Selection(inSaml, inSaml);
      const saml = await apply(uri);
      assert.equal(saml.outcome, 'created', saml.message);
      const created = live('dev-saml');
      assert.equal(created.display_name, 'Sign in with ##BRAND##');
      assert.deepEqual((created.options as Record<string, unknown>).domain_aliases, ['dev.example.com', 'login.dev.example.com']);
      assert.equal((created.options as Record<string, unknown>).signInEndpoint, 'https://idp.dev.example.com/sso');
      assert.deepEqual(documentSnapshot(editor.document), before, 'Apply edited tenant.yaml');
    } finally {
      delete process.env.GOOGLE_SECRET;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  if (process.env.E2E_SCREENSHOTS) test('screenshot: the Connections view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.auth0Connections');
    await inspect({ view: true, reveal: 'g-social' });
    await run<string>(Commands.openLiveConnection, { name: 'g-social' });
    log('    (the view, expanded, beside the read-only g-social)');
    await screenshot('connections-view', '[id="workbench.view.extension.auth0Connections"] .monaco-list-row');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
