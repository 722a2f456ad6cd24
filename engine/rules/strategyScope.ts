/**
 * Settings that only some strategies accept. Each rule stays silent while the strategy is missing or unknown, since
 * we cannot tell then where the setting belongs. Which strategy accepts which setting comes from the per-strategy
 * request bodies in the spec (`CreateConnectionRequestContent<Strategy>` and `ConnectionOptions<Strategy>` in
 * schemas/post-connections.per-strategy.openapi.json); errors are kept for the cases the live API is known to
 * reject, warnings for the rest.
 */
import { strategyInfo } from '../../common/strategies';
import { strategiesTakingBodyProperty } from '../strategyData';
import { getProperty } from '../tree/navigate';
import { findingAt, keyRange, presentProperty, type RuleDefinition } from './ruleContext';

/** Strategies whose per-strategy body takes `cross_app_access_requesting_app` (oidc and okta; corpus 40: oidc, 201). */
export const CROSS_APP_ACCESS_STRATEGIES: readonly string[] = strategiesTakingBodyProperty('cross_app_access_requesting_app');

function strategyLabel(strategy: string | undefined): string {
  return strategy ? `"${strategy}" (${strategyInfo(strategy)?.label ?? 'unknown'})` : 'this';
}

// Corpus 46: 400 "Cross App Access Requesting App is not supported for this connection." for an auth0 connection.
// Only `active: true` is known to be refused; an explicit `active: false` asks for nothing and is left alone.
const crossAppAccessUnsupported: RuleDefinition = {
  code: 'cross-app-access-unsupported',
  severity: 'error',
  summary: '`cross_app_access_requesting_app` on a strategy whose request body does not take it (oidc and okta do; Auth0: "... is not supported for this connection.").',
  fix: 'remove-property',
  check: ({ root, strategy, strategyKind }) => {
    const property = getProperty(root, 'cross_app_access_requesting_app');
    if (!property || !strategy || !strategyKind || CROSS_APP_ACCESS_STRATEGIES.includes(strategy)) return [];
    const active = getProperty(property.value, 'active')?.value;
    if (active?.kind === 'boolean' && active.value === false) return [];
    return [
      findingAt(
        crossAppAccessUnsupported,
        keyRange(property),
        'Auth0 rejects this body: "Cross App Access Requesting App is not supported for this connection." ' +
          `Only ${CROSS_APP_ACCESS_STRATEGIES.join(' and ')} connections can be a Requesting App; remove cross_app_access_requesting_app from this ${strategy} connection.`,
      ),
    ];
  },
};

// Spec, POST /connections 400: "The custom_password_hash option is only available for database connections".
const customPasswordHashNotDatabase: RuleDefinition = {
  code: 'custom-password-hash-not-database',
  severity: 'error',
  summary: '`options.custom_password_hash` on a connection that is not a database (auth0) connection.',
  fix: 'remove-property',
  claimsOptions: ['custom_password_hash'],
  check: ({ options, strategy, strategyKind }) => {
    const property = getProperty(options, 'custom_password_hash');
    if (!property || !strategyKind || strategyKind === 'database') return [];
    return [
      findingAt(
        customPasswordHashNotDatabase,
        keyRange(property),
        'Auth0 rejects this body: "The custom_password_hash option is only available for database connections". ' +
          `Remove it from this ${strategy} connection.`,
      ),
    ];
  },
};

// Spec, POST /connections 400: "options.set_user_root_attributes can be set only for enterprise connections, social
// connections or custom database connections (using external users store)".
const setUserRootAttributesDatabase: RuleDefinition = {
  code: 'set-user-root-attributes-database',
  severity: 'error',
  summary: '`options.set_user_root_attributes` on a database connection without a custom database (`enabledDatabaseCustomization: true`).',
  claimsOptions: ['set_user_root_attributes'],
  check: ({ options, strategyKind }) => {
    const property = presentProperty(options, 'set_user_root_attributes');
    if (!property || strategyKind !== 'database') return [];
    const customization = getProperty(options, 'enabledDatabaseCustomization')?.value;
    if (customization?.kind === 'boolean' && customization.value === true) return [];
    return [
      findingAt(
        setUserRootAttributesDatabase,
        keyRange(property),
        'Auth0 rejects this body: "options.set_user_root_attributes can be set only for enterprise connections, social connections ' +
          'or custom database connections". Remove it, or set options.enabledDatabaseCustomization to true if users live in your own database.',
      ),
    ];
  },
};

const showAsButtonNotEnterprise: RuleDefinition = {
  code: 'show-as-button-not-enterprise',
  severity: 'warning',
  summary: '`show_as_button` on a strategy that is not an enterprise connection.',
  fix: 'remove-property',
  check: ({ root, strategy, strategyKind }) => {
    const property = getProperty(root, 'show_as_button');
    if (!property || !strategyKind || strategyKind === 'enterprise') return [];
    return [
      findingAt(
        showAsButtonNotEnterprise,
        keyRange(property),
        `show_as_button controls the login button of enterprise connections (SAML, OIDC, Entra ID, ...); ${strategyLabel(strategy)} is a ${strategyKind} connection. Remove it.`,
        { data: { property: 'show_as_button' } },
      ),
    ];
  },
};

const realmsNotDatabase: RuleDefinition = {
  code: 'realms-not-database',
  severity: 'warning',
  summary: '`realms` on a strategy other than a database (auth0) connection.',
  fix: 'remove-property',
  check: ({ root, strategy, strategyKind }) => {
    const property = getProperty(root, 'realms');
    if (!property || !strategyKind || strategyKind === 'database') return [];
    return [
      findingAt(
        realmsNotDatabase,
        keyRange(property),
        `realms applies to database connections; a ${strategyLabel(strategy)} connection does not use it. Remove it.`,
        { data: { property: 'realms' } },
      ),
    ];
  },
};

export const strategyScopeRules: readonly RuleDefinition[] = [
  crossAppAccessUnsupported,
  customPasswordHashNotDatabase,
  setUserRootAttributesDatabase,
  showAsButtonNotEnterprise,
  realmsNotDatabase,
];

