/**
 * Settings that only some strategies accept. Each rule stays silent while the strategy is missing or unknown, since
 * we cannot tell then where the setting belongs. Which strategy accepts which setting comes from the per-strategy
 * request bodies in the spec (`CreateConnectionRequestContent<Strategy>` and `ConnectionOptions<Strategy>` in
 * shared/spec/post-connections.per-strategy.openapi.json); errors are kept for the cases the live API is known to
 * reject, warnings for the rest.
 */
import { strategyInfo } from '../../common/strategies';
import { getProperty } from '../documentTree';
import { findingAt, keyRange, presentProperty, type RuleContext, type RuleDefinition } from './ruleContext';

/** Strategies whose per-strategy body has `cross_app_access_requesting_app` (corpus 40: oidc accepted with 201). */
export const CROSS_APP_ACCESS_STRATEGIES: readonly string[] = ['oidc', 'okta'];

/**
 * Options that only `ConnectionOptionsAuth0` declares. `custom_password_hash` is left out: it has its own rule,
 * because the API names it in a 400.
 */
export const DATABASE_ONLY_OPTIONS: readonly string[] = [
  'attributes',
  'authentication_methods',
  'configuration',
  'customScripts',
  'enable_script_context',
  'enabledDatabaseCustomization',
  'import_mode',
  'mfa',
  'passkey_options',
  'passwordPolicy',
  'password_complexity_options',
  'password_dictionary',
  'password_history',
  'password_no_personal_info',
  'password_options',
  'precedence',
  'realm_fallback',
  'requires_username',
  'validation',
];

/** Options that only `ConnectionOptionsOIDC` and `ConnectionOptionsOkta` declare. */
export const OIDC_ONLY_OPTIONS: readonly string[] = [
  'token_endpoint_auth_signing_alg',
  'id_token_signed_response_algs',
  'token_endpoint_jwtca_aud_format',
  'id_token_session_expiry_supported',
  'dpop_signing_alg',
  'token_endpoint_auth_method',
];

function strategyLabel(strategy: string | undefined): string {
  return strategy ? `"${strategy}" (${strategyInfo(strategy)?.label ?? 'unknown'})` : 'this';
}

function optionsWithKeys(context: RuleContext, keys: readonly string[]) {
  return (context.options?.properties ?? []).filter((property) => keys.includes(property.key));
}

// Corpus 46: 400 "Cross App Access Requesting App is not supported for this connection." for an auth0 connection.
// Only `active: true` is known to be refused; an explicit `active: false` asks for nothing and is left alone.
const crossAppAccessUnsupported: RuleDefinition = {
  code: 'cross-app-access-unsupported',
  severity: 'error',
  summary: '`cross_app_access_requesting_app` on a strategy other than oidc or okta (Auth0: "... is not supported for this connection.").',
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
          `Only oidc and okta connections can be a Requesting App; remove cross_app_access_requesting_app from this ${strategy} connection.`,
      ),
    ];
  },
};

// Spec, POST /connections 400: "The custom_password_hash option is only available for database connections".
const customPasswordHashNotDatabase: RuleDefinition = {
  code: 'custom-password-hash-not-database',
  severity: 'error',
  summary: '`options.custom_password_hash` on a connection that is not a database (auth0) connection.',
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

const databaseOnlyOption: RuleDefinition = {
  code: 'database-only-option',
  severity: 'warning',
  summary: 'An option only database (auth0) connections use, on another strategy.',
  check: (context) => {
    if (!context.strategyKind || context.strategyKind === 'database') return [];
    return optionsWithKeys(context, DATABASE_ONLY_OPTIONS).map((property) =>
      findingAt(
        databaseOnlyOption,
        keyRange(property),
        `"${property.key}" is a database connection option; a ${strategyLabel(context.strategy)} connection does not use it. Remove it.`,
        { data: { property: property.key } },
      ),
    );
  },
};

const oidcOnlyOption: RuleDefinition = {
  code: 'oidc-only-option',
  severity: 'warning',
  summary: 'An option only OpenID Connect and Okta connections use, on another strategy.',
  check: (context) => {
    if (!context.strategy || !context.strategyKind || context.strategy === 'oidc' || context.strategy === 'okta') return [];
    return optionsWithKeys(context, OIDC_ONLY_OPTIONS).map((property) =>
      findingAt(
        oidcOnlyOption,
        keyRange(property),
        `"${property.key}" applies only to oidc and okta connections; a ${strategyLabel(context.strategy)} connection does not use it. Remove it.`,
        { data: { property: property.key } },
      ),
    );
  },
};

const showAsButtonNotEnterprise: RuleDefinition = {
  code: 'show-as-button-not-enterprise',
  severity: 'warning',
  summary: '`show_as_button` on a strategy that is not an enterprise connection.',
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
  databaseOnlyOption,
  oidcOnlyOption,
  showAsButtonNotEnterprise,
  realmsNotDatabase,
];

