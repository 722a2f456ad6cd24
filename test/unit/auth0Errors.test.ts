import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyConflict,
  formatPropertyPath,
  isTenantLimitMessage,
  parseMissingScopes,
  parsePropertyPath,
  parseValidationMessage,
  readAuth0Error,
} from '../../common/auth0/auth0Errors';
import { formatRetryAt, rateLimitWait } from '../../common/auth0/rateLimit';

void describe('parseValidationMessage', () => {
  void it('an additional property under a named property points at the extra key', () => {
    const parsed = parseValidationMessage(
      "Payload validation error: 'Additional properties not allowed: requires_username' on property options.validation (Options for validation).",
    );
    assert.equal(parsed.detail, 'Additional properties not allowed: requires_username');
    assert.deepEqual(parsed.property, {
      propertyPath: 'options.validation.requires_username',
      path: ['options', 'validation', 'requires_username'],
      unknown: true,
    });
  });

  void it("the brief's example: an unknown key on options", () => {
    const parsed = parseValidationMessage("Payload validation error: 'Additional properties not allowed: foo' on property options.");
    assert.equal(parsed.property?.propertyPath, 'options.foo');
  });

  void it('an additional property at the root', () => {
    const parsed = parseValidationMessage("Payload validation error: 'Additional properties not allowed: domainConnection'.");
    assert.equal(parsed.property?.propertyPath, 'domainConnection');
    assert.equal(parsed.property?.unknown, true);
  });

  void it('a missing required property names the absent property and flags it', () => {
    const parsed = parseValidationMessage("Payload validation error: 'Missing required property: strategy'.");
    assert.deepEqual(parsed.property, { propertyPath: 'strategy', path: ['strategy'], missing: true });
    const nested = parseValidationMessage("Payload validation error: 'Missing required property: secret' on property options.gateway_authentication.");
    assert.equal(nested.property?.propertyPath, 'options.gateway_authentication.secret');
    assert.equal(nested.property?.missing, true);
  });

  void it('a value problem on a property (pattern, type, enum), description in parentheses ignored', () => {
    const parsed = parseValidationMessage(
      "Payload validation error: 'String does not match pattern ^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$: my name' on property name (The name of the connection. Must start and end with an alphanumeric character).",
    );
    assert.equal(parsed.property?.propertyPath, 'name');
    assert.match(parsed.detail, /^String does not match pattern/);
    const typed = parseValidationMessage("Payload validation error: 'Expected type array but found type string' on property options.non_persistent_attrs.");
    assert.equal(typed.property?.propertyPath, 'options.non_persistent_attrs');
    const indexed = parseValidationMessage("Payload validation error: 'Expected type string but found type integer' on property realms[1].");
    assert.deepEqual(indexed.property?.path, ['realms', 1]);
  });

  void it('free-text phrasings that name options.x', () => {
    assert.equal(parseValidationMessage('Invalid connection options: invalid options.attributes, email must be an object').property?.propertyPath, 'options.attributes');
    assert.equal(parseValidationMessage('Payload validation error: invalid options.attributes.').property?.propertyPath, 'options.attributes');
    assert.equal(parseValidationMessage('Your account is not allowed to set options.set_user_root_attributes').property?.propertyPath, 'options.set_user_root_attributes');
    assert.equal(
      parseValidationMessage('options.set_user_root_attributes can be set only for enterprise connections').property?.propertyPath,
      'options.set_user_root_attributes',
    );
    assert.equal(
      parseValidationMessage('The custom_password_hash option is only available for database connections').property?.propertyPath,
      'options.custom_password_hash',
    );
  });

  void it('messages that name no property', () => {
    for (const message of ['No phone provider configured for the tenant', 'The provided custom password hash action id does not exist', "Payload validation error: 'Invalid JSON'."]) {
      const parsed = parseValidationMessage(message);
      assert.equal(parsed.property, undefined, message);
    }
  });
});

void describe('property paths', () => {
  void it('parse and format round-trip', () => {
    assert.deepEqual(parsePropertyPath('options.attributes.email'), ['options', 'attributes', 'email']);
    assert.deepEqual(parsePropertyPath('realms[0]'), ['realms', 0]);
    assert.deepEqual(parsePropertyPath('enabled_clients.2'), ['enabled_clients', 2]);
    assert.equal(formatPropertyPath(['options', 'precedence', 1]), 'options.precedence[1]');
  });
});

void describe('403 and 409 messages', () => {
  void it('finds the missing scopes', () => {
    assert.deepEqual(parseMissingScopes('Insufficient scope, expected any of: create:connections'), ['create:connections']);
    assert.deepEqual(parseMissingScopes('Insufficient scope, expected any of: create:connections,update:connections'), [
      'create:connections',
      'update:connections',
    ]);
    assert.equal(parseMissingScopes('You reached the limit of entities of this type for this tenant.'), undefined);
  });

  void it('recognises tenant limits', () => {
    assert.equal(isTenantLimitMessage('You reached the limit of entities of this type for this tenant.'), true);
    assert.equal(isTenantLimitMessage('You can only create 1 non-Okta enterprise connection(s) for this tenant.'), true);
    assert.equal(isTenantLimitMessage('Forbidden'), false);
  });

  void it('classifies conflicts', () => {
    assert.equal(classifyConflict('A connection with the same name already exists'), 'name');
    assert.equal(classifyConflict('A connection with the same name is being deleted, try again later'), 'name-being-deleted');
    assert.equal(classifyConflict('There is already another connection with some realms from "realms" parameter'), 'realms');
    assert.equal(classifyConflict('There is already a domain connection enabled for strategy'), 'domain-connection');
    assert.equal(classifyConflict('Something else'), 'other');
    assert.equal(classifyConflict(undefined), 'other');
  });

  void it('reads Auth0 error bodies and ignores other text', () => {
    assert.deepEqual(readAuth0Error('{"statusCode":409,"error":"Conflict","message":"m","errorCode":"connection_conflict"}'), {
      statusCode: 409,
      error: 'Conflict',
      message: 'm',
      errorCode: 'connection_conflict',
    });
    assert.equal(readAuth0Error('<html>'), undefined);
    assert.equal(readAuth0Error('[]'), undefined);
    assert.equal(readAuth0Error(undefined), undefined);
  });
});

void describe('rateLimitWait', () => {
  const now = 1_800_000_000_000;
  void it('prefers Retry-After seconds, then an HTTP date, then X-RateLimit-Reset, then a default', () => {
    assert.deepEqual(rateLimitWait(new Headers({ 'retry-after': '3', 'x-ratelimit-reset': String(now / 1000 + 30) }), now), {
      ms: 3000,
      source: 'retry-after',
    });
    assert.deepEqual(rateLimitWait(new Headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now), { ms: 5000, source: 'retry-after' });
    assert.deepEqual(rateLimitWait(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 7) }), now), { ms: 7000, source: 'x-ratelimit-reset' });
    assert.deepEqual(rateLimitWait(new Headers({ 'x-ratelimit-reset': String(now / 1000 - 7) }), now), { ms: 0, source: 'x-ratelimit-reset' });
    assert.equal(rateLimitWait(new Headers(), now).source, 'default');
  });

  void it('reads a negative or unreadable Retry-After as absent, not as a date in the past', () => {
    const reset = String(now / 1000 + 9);
    for (const value of ['-5', '-0.5', '5 seconds', '2', 'soon']) {
      const wait = rateLimitWait(new Headers({ 'retry-after': value, 'x-ratelimit-reset': reset }), now);
      if (value === '2') assert.deepEqual(wait, { ms: 2000, source: 'retry-after' });
      else assert.deepEqual(wait, { ms: 9000, source: 'x-ratelimit-reset' }, value);
    }
    assert.deepEqual(rateLimitWait(new Headers({ 'retry-after': '-5' }), now), { ms: 2000, source: 'default' });
  });
});

void describe('formatRetryAt', () => {
  const now = Date.UTC(2030, 0, 1, 23, 0, 0);
  void it('gives the time alone today, and the date too on any other day', () => {
    assert.equal(formatRetryAt(new Date(now + 30 * 60_000), now), '23:30:00 UTC');
    assert.equal(formatRetryAt(new Date(now + 2 * 3600_000), now), '2030-01-02 01:00:00 UTC');
    assert.equal(formatRetryAt(new Date(now + 3 * 86_400_000), now), '2030-01-04 23:00:00 UTC');
  });
});
