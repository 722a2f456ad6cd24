/** The pure parts of the tenant and create UI: texts, the typed confirmation, dashboard links, locating a property. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseValidationMessage } from '../../common/auth0/auth0Errors';
import { locateProperty, parseBody } from '../../engine/index';

import {
  checkTypedConfirmation,
  confirmationText,
  connectionDashboardUrl,
  createdText,
  statusBarText,
  statusBarTooltip,
  typedConfirmationPrompt,
} from '../../client/src/auth0/text';

const summary = { name: 'corp-db', strategy: 'auth0', domain: 'acme.eu.auth0.com', production: false };

void test('the confirmation names the connection, its strategy and the tenant', () => {
  const text = confirmationText(summary);
  assert.match(text.message, /corp-db/);
  assert.match(text.message, /strategy auth0, database/);
  assert.match(text.message, /acme\.eu\.auth0\.com/);
  assert.match(text.detail, /auth0Connections\.create\.confirm/);
  assert.equal(text.button, 'Create');
  assert.match(confirmationText({ ...summary, overrideBase: 'http://127.0.0.1:4000/api/v2' }).detail, /127\.0\.0\.1:4000/);
  assert.match(confirmationText({ ...summary, name: undefined, strategy: undefined }).message, /an unnamed connection \(no strategy\)/);
});

void test('a production create is confirmed only by typing the domain or the connection name exactly', () => {
  const prod = { ...summary, production: true };
  assert.match(typedConfirmationPrompt(prod).prompt, /type "acme\.eu\.auth0\.com" or "corp-db"/);
  assert.equal(checkTypedConfirmation('acme.eu.auth0.com', prod), undefined);
  assert.equal(checkTypedConfirmation('  corp-db ', prod), undefined);
  assert.match(checkTypedConfirmation('', prod) ?? '', /Type "acme\.eu\.auth0\.com" or "corp-db"/);
  assert.match(checkTypedConfirmation('ACME.eu.auth0.com', prod) ?? '', /exactly/);
  assert.match(checkTypedConfirmation('yes', prod) ?? '', /neither/);
  // Without a name, only the domain confirms (an empty name must not match an empty input).
  assert.notEqual(checkTypedConfirmation('', { domain: 'acme.eu.auth0.com', name: '' }), undefined);
});

void test('status bar text marks production tenants; tooltip says what a click does', () => {
  assert.equal(statusBarText(undefined), '$(cloud) Auth0: no tenant');
  assert.equal(statusBarText({ domain: 'a.auth0.com', kind: 'access-token', production: false }), '$(cloud) a.auth0.com');
  assert.match(statusBarText({ domain: 'a.auth0.com', kind: 'access-token', production: true }), /production/);
  const tip = statusBarTooltip({ domain: 'a.auth0.com', kind: 'client-credentials', production: true, apiBaseUrl: 'http://127.0.0.1:1/api/v2' }, 2);
  assert.match(tip, /machine-to-machine/);
  assert.match(tip, /type the tenant domain/);
  assert.match(tip, /127\.0\.0\.1:1/);
  assert.match(tip, /switch between 2 tenants/);
});

void test('the success text names the connection, its id and the tenant', () => {
  assert.equal(createdText('corp-db', 'con_abc123', 'acme.eu.auth0.com'), 'Created connection corp-db (con_abc123) on acme.eu.auth0.com.');
});

void test('dashboard links: region and tenant from canonical domains, home page when unsure', () => {
  assert.equal(
    connectionDashboardUrl('acme.eu.auth0.com', 'con_abc123', 'auth0'),
    'https://manage.auth0.com/dashboard/eu/acme/connections/database/con_abc123/settings',
  );
  assert.equal(
    connectionDashboardUrl('acme.auth0.com', 'con_abc123', 'github'),
    'https://manage.auth0.com/dashboard/us/acme/connections/social/con_abc123/settings',
  );
  assert.equal(
    connectionDashboardUrl('acme.us.auth0.com', 'con_abc123', 'samlp'),
    'https://manage.auth0.com/dashboard/us/acme/connections/enterprise/samlp/con_abc123/settings',
  );
  assert.equal(connectionDashboardUrl('acme.eu.auth0.com', 'con_abc123', 'email'), 'https://manage.auth0.com/dashboard/eu/acme/connections/passwordless');
  assert.equal(connectionDashboardUrl('acme.eu.auth0.com', 'con_abc123', 'made-up'), 'https://manage.auth0.com/dashboard/eu/acme/');
  assert.equal(connectionDashboardUrl('login.acme.com', 'con_abc123', 'auth0'), 'https://manage.auth0.com/');
  // An id that does not look like one is not put into a URL.
  assert.equal(connectionDashboardUrl('acme.eu.auth0.com', '../x', 'auth0'), 'https://manage.auth0.com/dashboard/eu/acme/connections/database');
});

void test('a property named by a 400 is found at its key, in JSON and in YAML', () => {
  const json = '{\n  "name": "corp-db",\n  "strategy": "auth0",\n  "options": {\n    "validation": { "requires_username": true }\n  }\n}\n';
  const yaml = 'name: corp-db\nstrategy: auth0\noptions:\n  validation:\n    requires_username: true\n';
  const message = "Payload validation error: 'Additional properties not allowed: requires_username' on property options.validation (Options for validation).";
  const property = parseValidationMessage(message).property;
  assert.ok(property);
  for (const [text, format] of [[json, 'json'], [yaml, 'yaml']] as const) {
    const span = locateProperty(parseBody(text, format), property.path);
    assert.ok(span);
    assert.equal(span.exact, true);
    assert.equal(text.slice(span.offset, span.offset + span.length).replace(/"/g, ''), 'requires_username');
  }
});

void test('a missing property is placed on the deepest part of its path that exists', () => {
  const yaml = 'name: corp-db\noptions:\n  attributes: {}\n';
  const span = locateProperty(parseBody(yaml, 'yaml'), ['options', 'attributes', 'email']);
  assert.ok(span);
  assert.equal(span.exact, false);
  assert.equal(yaml.slice(span.offset, span.offset + span.length), 'attributes');
  const top = locateProperty(parseBody(yaml, 'yaml'), ['strategy']);
  assert.ok(top);
  assert.equal(top.exact, false);
  assert.equal(top.offset, 0);
  const item = locateProperty(parseBody('{"realms": ["a", "b"]}', 'json'), ['realms', 1]);
  assert.ok(item);
  assert.equal(item.exact, true);
  assert.equal(item.offset, '{"realms": ["a", '.length);
  assert.equal(locateProperty(parseBody('', 'yaml'), ['name']), undefined);
});
