/**
 * The shape of the body itself: required properties, the strategy value, the connection name and the top-level keys.
 * The JSON Schema says the same things, but these findings carry what a quick fix needs (the closest strategy, a
 * valid name, the closest property), and the server keeps them in place of the schema's diagnostic at that spot.
 * All are errors: the schema in schemas/post-connections.openapi.yaml (`CreateConnectionRequestContent`:
 * `required`, the strategy `enum`, the name `pattern`/`maxLength`, `additionalProperties: false`) is what the live API
 * validates the body against.
 */
import { CONNECTION_NAME_MAX_LENGTH, connectionNameProblem } from '../../common/connectionFiles';
import { STRATEGIES } from '../../common/strategies';
import { getProperty } from '../tree/navigate';
import { closestMatch } from '../closestMatch';
import { findingAt, keyRange, valueRange, type RuleDefinition } from './ruleContext';

/**
 * `CreateConnectionRequestContent` properties in the vendored spec, plus `$schema`, which editors use to find ours,
 * plus `cross_app_access_resource_app`: only the newer per-strategy spec has it, and the live API accepted it
 * (corpus 20, 201), so calling it unknown would be a false error.
 */
export const ROOT_PROPERTIES: readonly string[] = [
  '$schema',
  'name',
  'display_name',
  'strategy',
  'options',
  'enabled_clients',
  'is_domain_connection',
  'show_as_button',
  'realms',
  'metadata',
  'authentication',
  'connected_accounts',
  'cross_app_access_requesting_app',
  'cross_app_access_resource_app',
];

export const REQUIRED_ROOT_PROPERTIES: readonly string[] = ['name', 'strategy'];

/**
 * A valid name as close to `name` as possible: accents dropped ("Café" -> "Cafe"), every run of other characters
 * turned into one hyphen ("My DB_v2" -> "My-DB-v2"), hyphens trimmed from the ends, cut to 128 characters.
 */
export function deriveValidConnectionName(name: string): string {
  const derived = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .slice(0, CONNECTION_NAME_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return derived.length > 0 ? derived : 'my-connection';
}

const missingRequired: RuleDefinition = {
  code: 'missing-required',
  severity: 'error',
  fix: 'add-required-property',
  summary: 'The body has no `name` or no `strategy`; Auth0 requires both.',
  check: ({ root }) => {
    // At the opening brace in JSON (or a YAML flow mapping); at the first key of a YAML block mapping, which is
    // where the mapping starts. Either way the start of the root object, where the schema reports the same problem.
    const first = root.properties[0];
    const range = first && first.keyOffset === root.offset ? keyRange(first) : { offset: root.offset, length: 1 };
    return REQUIRED_ROOT_PROPERTIES.filter((key) => !getProperty(root, key)).map((property) =>
      findingAt(
        missingRequired,
        range,
        property === 'name'
          ? 'The connection has no "name". Add one: letters, digits and single hyphens, e.g. "my-connection".'
          : 'The connection has no "strategy". Add the identity provider type, e.g. "auth0", "samlp" or "google-oauth2".',
        { data: { property } },
      ),
    );
  },
};

const unknownStrategy: RuleDefinition = {
  code: 'unknown-strategy',
  severity: 'error',
  fix: 'replace-value',
  summary: '`strategy` is not one of the values Auth0 accepts (with the closest one suggested).',
  check: ({ root, strategy }) => {
    const property = getProperty(root, 'strategy');
    if (!property || strategy === undefined || Object.prototype.hasOwnProperty.call(STRATEGIES, strategy)) return [];
    const replacement = closestMatch(strategy, Object.keys(STRATEGIES));
    const message = replacement
      ? `Unknown strategy "${strategy}". Did you mean "${replacement}"?`
      : `Unknown strategy "${strategy}". Use one of the strategies Auth0 accepts, e.g. "auth0", "samlp", "oidc" or "google-oauth2".`;
    return [findingAt(unknownStrategy, valueRange(property), message, replacement ? { data: { replacement } } : {})];
  },
};

const invalidName: RuleDefinition = {
  code: 'invalid-name',
  severity: 'error',
  fix: { kind: 'replace-value', title: ({ target }) => `Rename the connection to "${target ?? ''}"` },
  summary: '`name` breaks Auth0\'s rule: alphanumeric at both ends, single hyphens between, at most 128 characters.',
  check: ({ root }) => {
    const property = getProperty(root, 'name');
    const value = property?.value;
    if (!property || value?.kind !== 'string') return [];
    const problem = connectionNameProblem(String(value.value));
    if (!problem) return [];
    const replacement = deriveValidConnectionName(String(value.value));
    return [
      findingAt(invalidName, valueRange(property), `${problem} Auth0 rejects such a name; try "${replacement}".`, {
        data: { replacement },
      }),
    ];
  },
};

const unknownProperty: RuleDefinition = {
  code: 'unknown-property',
  severity: 'error',
  fix: ['rename-key', 'remove-property'],
  summary: 'A top-level key Auth0 does not accept (with the closest known one suggested).',
  check: ({ root }) =>
    root.properties
      .filter((property) => !ROOT_PROPERTIES.includes(property.key))
      .map((property) => {
        const replacement = closestMatch(property.key, ROOT_PROPERTIES);
        const message = replacement
          ? `Auth0 does not accept "${property.key}" at the top level of a connection. Did you mean "${replacement}"?`
          : `Auth0 does not accept "${property.key}" at the top level of a connection. Remove it, or move it into "options" if it is a provider setting.`;
        return findingAt(unknownProperty, keyRange(property), message, replacement ? { data: { replacement } } : {});
      }),
};

export const bodyShapeRules: readonly RuleDefinition[] = [missingRequired, unknownStrategy, invalidName, unknownProperty];
