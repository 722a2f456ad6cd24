/**
 * The pure parts of the editor's lifecycle UI (client/src/auth0/lifecycleText.ts): the view's groups and title, the
 * read-only document's address, the diff's title, the comparison summary, the apply confirmation (from real plans
 * made by the core's `planApply`) and the pull report. Also: the manifest contributes every command of the
 * protocol, each in the "Auth0" category, and the view's menus name commands that exist.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ApplicationDirectory, compareTenantSide, planApply, type ApplyPlan, type LiveConnection } from '../../common/auth0';
import { Commands } from '../../common/protocol';
import {
  applyConfirmationText,
  applyTypedPrompt,
  compareSummary,
  compareTitle,
  connectionDescription,
  connectionTooltip,
  groupConnections,
  livePath,
  parseLivePath,
  pullReportText,
  summarizePlan,
  viewTitle,
} from '../../client/src/auth0/lifecycleText';

const DOMAIN = 'acme.eu.auth0.com';
const SECRET = 'google-live-secret-7Hq2Lp9Xz';
const LIVE_OPTIONS = { client_id: 'google-client', client_secret: SECRET, scope: ['email', 'profile'], profile: true };
const LIVE: LiveConnection = { id: 'con_0123', name: 'g-social', strategy: 'google-oauth2', options: LIVE_OPTIONS };
const DIRECTORY = new ApplicationDirectory([
  { clientId: 'app-web-0001', name: 'Web App' },
  { clientId: 'app-mobile-02', name: 'Mobile App' },
]);

/** A plan against LIVE, or (`live` null) against a tenant without the connection. */
function plan(file: Record<string, unknown>, live: LiveConnection | null = LIVE, env: Record<string, string> = {}): Extract<ApplyPlan, { kind: 'create' | 'update' }> {
  const made = planApply({ file, live: live ?? undefined, liveEnabled: ['app-web-0001'], directory: DIRECTORY, env, tenant: DOMAIN });
  assert.ok(made.kind === 'create' || made.kind === 'update', `plan is ${made.kind}`);
  return made;
}

void test('the view groups connections by strategy family, in the Dashboard order, by name within each', () => {
  const groups = groupConnections([
    { id: 'c1', name: 'zeta-db', strategy: 'auth0' },
    { id: 'c2', name: 'g-social', strategy: 'google-oauth2' },
    { id: 'c3', name: 'Alpha-db', strategy: 'auth0' },
    { id: 'c4', name: 'corp-saml', strategy: 'samlp' },
    { id: 'c5', name: 'otp', strategy: 'sms' },
    { id: 'c6', name: 'odd', strategy: 'made-up-strategy' },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.kind, g.label, g.connections.map((c) => c.name)]),
    [
      ['database', 'Database (2)', ['Alpha-db', 'zeta-db']],
      ['social', 'Social (1)', ['g-social']],
      ['enterprise', 'Enterprise (1)', ['corp-saml']],
      ['passwordless', 'Passwordless (1)', ['otp']],
      ['other', 'Other (1)', ['odd']],
    ],
  );
  assert.deepEqual(groupConnections([]), []);
});

void test('the view title is the tenant (marked production); items say strategy, display name and what a click does', () => {
  assert.equal(viewTitle(undefined), 'Connections');
  assert.equal(viewTitle({ domain: DOMAIN, production: false }), DOMAIN);
  assert.equal(viewTitle({ domain: DOMAIN, production: true }), `${DOMAIN} (production)`);
  const item = { id: 'con_1', name: 'g-social', strategy: 'google-oauth2', displayName: 'Google' };
  assert.equal(connectionDescription(item), 'google-oauth2 · Google');
  assert.equal(connectionDescription({ ...item, displayName: 'g-social' }), 'google-oauth2');
  const tooltip = connectionTooltip(item, DOMAIN);
  assert.match(tooltip, /g-social on acme\.eu\.auth0\.com/);
  assert.match(tooltip, /con_1 · strategy google-oauth2 \(Google social login\)/);
  assert.match(tooltip, /read-only/);
});

void test('a live document address names the tenant and the connection, and reads back', () => {
  assert.equal(livePath(DOMAIN, 'g-social', 'yaml'), `/${DOMAIN}/g-social.connection.yaml`);
  assert.deepEqual(parseLivePath(livePath(DOMAIN, 'g-social', 'json')), { domain: DOMAIN, name: 'g-social', format: 'json' });
  assert.equal(parseLivePath('/x.yaml'), undefined);
  assert.equal(parseLivePath(`/${DOMAIN}/g-social.yaml`), undefined);
  assert.equal(compareTitle('g-social', DOMAIN, 'google.connection.yaml', false), `g-social on ${DOMAIN} ↔ google.connection.yaml`);
  assert.equal(compareTitle('new-db', DOMAIN, 'new-db.connection.yaml', true), `new-db: will be created on ${DOMAIN} ↔ new-db.connection.yaml`);
});

void test('the comparison summary names what differs, the secrets kept and those that differ, never a value', () => {
  const side = { live: LIVE, liveEnabled: ['app-web-0001'], directory: DIRECTORY };
  const file = { name: 'g-social', strategy: 'google-oauth2', enabled_clients: ['Web App', 'Mobile App'], options: { client_id: 'google-client', client_secret: '##G_SECRET##', scope: ['email'] } };
  const different = compareSummary(compareTenantSide(file, side, {}), DOMAIN, 'g.connection.yaml');
  assert.equal(different.differs, true);
  assert.equal(
    different.message,
    `g.connection.yaml and g-social on ${DOMAIN}: 2 properties differ (options.scope, options.profile); to enable for Mobile App. (secrets kept from the tenant: ##G_SECRET##)`,
  );
  const fromEnv = compareSummary(compareTenantSide({ ...file, options: { ...LIVE_OPTIONS, client_secret: '##G_SECRET##' } }, side, { G_SECRET: 'other-secret-value' }), DOMAIN, 'g.connection.yaml');
  assert.match(fromEnv.message, /secret values differ at options\.client_secret \(not shown\)/);
  assert.ok(!fromEnv.message.includes('other-secret-value') && !fromEnv.message.includes(SECRET));
  const same = compareSummary(compareTenantSide({ name: 'g-social', strategy: 'google-oauth2', options: LIVE_OPTIONS }, side, {}), DOMAIN, 'g.connection.yaml');
  assert.deepEqual(same, { message: `g.connection.yaml matches g-social on ${DOMAIN}.`, severity: 'info', differs: false });
  const created = compareSummary({ kind: 'new', name: 'new-db' }, DOMAIN, 'new-db.connection.yaml');
  assert.equal(created.message, `new-db does not exist on ${DOMAIN}: Apply to Tenant would create it from new-db.connection.yaml.`);
});

void test('the apply confirmation shows what changes, what an update deletes and which secrets are kept', () => {
  const update = summarizePlan(plan({ name: 'g-social', strategy: 'google-oauth2', enabled_clients: ['Mobile App'], options: { client_id: 'google-client', client_secret: '##G_SECRET##', scope: ['email'] } }), DOMAIN);
  const text = applyConfirmationText(update, false);
  assert.equal(text.message, `Update connection "g-social" (google-oauth2, social) on tenant ${DOMAIN}?`);
  assert.equal(text.button, 'Update');
  const lines = text.detail.split('\n');
  assert.deepEqual(lines.slice(0, 4), [`2 changes (- ${DOMAIN}, + the file):`, '- options.scope: ["email","profile"]', '+ options.scope: ["email"]', '- options.profile: true   (apply deletes it: options are replaced whole)']);
  assert.ok(lines.includes('Enable it for Mobile App.'));
  assert.ok(lines.includes('Disable it for Web App.'));
  assert.ok(lines.includes('Deletes options.profile: an update replaces options whole; add it to the file to keep it.'));
  assert.ok(lines.includes('Secrets kept from the tenant: ##G_SECRET##.'));
  assert.ok(!text.detail.includes(SECRET), 'the confirmation shows the secret');

  const production = applyConfirmationText(update, true);
  assert.equal(production.button, 'Continue...');
  assert.match(production.detail, /marked production: you will be asked to type its domain/);
  assert.equal(applyTypedPrompt(update).prompt, `${DOMAIN} is marked production. To update "g-social" (2 changes, deletes options.profile) there, type "${DOMAIN}" or "g-social".`);
});

void test('the confirmation of a create names the applications it enables, or says it enables none', () => {
  const create = summarizePlan(plan({ name: 'new-gh', strategy: 'github', enabled_clients: ['Web App'] }, null), DOMAIN);
  const text = applyConfirmationText(create, false);
  assert.equal(text.message, `Create connection "new-gh" (github, social) on tenant ${DOMAIN}?`);
  assert.equal(text.button, 'Create');
  assert.match(text.detail, /^new-gh is not on acme\.eu\.auth0\.com yet: it will be created/);
  assert.match(text.detail, /Then enable it for Web App\./);
  const bare = applyConfirmationText(summarizePlan(plan({ name: 'new-gh', strategy: 'github' }, null), DOMAIN), false);
  assert.match(bare.detail, /enabled for no application/);
  const withEnv = summarizePlan(plan({ name: 'new-gh', strategy: 'github', options: { client_secret: '##GH##' } }, null, { GH: 'gh-secret-value' }), DOMAIN);
  const envText = applyConfirmationText(withEnv, false).detail;
  assert.match(envText, /Secrets from environment variables: ##GH##\./);
  assert.ok(!envText.includes('gh-secret-value'));
});

void test('a long list of changes is cut, pointing at Compare with Tenant', () => {
  const options = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key_${i}`, i]));
  const summary = summarizePlan(plan({ name: 'g-social', strategy: 'google-oauth2', options: { ...LIVE_OPTIONS, ...options } }), DOMAIN);
  const detail = applyConfirmationText(summary, false).detail.split('\n');
  assert.equal(detail[0], `20 changes (- ${DOMAIN}, + the file):`);
  assert.equal(detail.filter((line) => line.startsWith('+ options.key_')).length, 16);
  assert.ok(detail.includes('… 4 more lines: Compare with Tenant shows them all.'));
});

void test('the pull report says what was written, kept, missing and found with errors', () => {
  assert.equal(
    pullReportText({ domain: DOMAIN, folder: 'tenant', written: ['a', 'b'], skipped: ['c'], missing: ['d'], placeholders: 1, withErrors: ['b'] }),
    `Pulled 2 connections from ${DOMAIN} into tenant (a, b). 1 secret written as ##KEY## placeholders: set the environment variable KEY to send a value; without it apply keeps the tenant's. ` +
      `Not overwritten: c. Not on ${DOMAIN}: d. The engine finds errors in b (as the tenant holds it): apply refuses it until they are fixed.`,
  );
  assert.equal(pullReportText({ domain: DOMAIN, folder: '.', written: [], skipped: [], missing: [], placeholders: 0, withErrors: [] }), `Pulled 0 connections from ${DOMAIN} into ..`);
});

void test('the manifest contributes every command of the protocol in the Auth0 category, and its menus name them', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string; category?: string }>; menus: Record<string, Array<{ command: string }>>; views: Record<string, Array<{ id: string }>> };
  };
  const contributed: string[] = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values<string>(Commands).sort());
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'Auth0', command.command);
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) assert.ok(contributed.includes(item.command), `${menu} names ${item.command}`);
  }
  assert.deepEqual(manifest.contributes.views.auth0Connections?.map((v) => v.id), ['auth0Connections.connections']);
});
