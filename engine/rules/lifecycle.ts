/**
 * Release lifecycle (`x-release-lifecycle`) of strategies and fields: deprecated ones get a warning drawn struck
 * through, Early Access ones an information note (they work only on tenants where Auth0 has switched them on).
 * Sources: schemas/post-connections.openapi.yaml for the generic body, and the newer per-strategy spec
 * (schemas/post-connections.per-strategy.openapi.json) for strategies and strategy-specific options.
 */
import { deprecatedStrategies } from '../strategyData';
import type { BodyNode, BodyProperty } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import type { Finding } from '../findings';
import { CROSS_APP_ACCESS_STRATEGIES } from './strategyScope';
import { findingAt, keyRange, objectProperty, valueRange, type RuleDefinition } from './ruleContext';

/** `CreateConnectionRequestContent<Strategy>` schemas marked deprecated in the per-strategy spec. */
export const DEPRECATED_STRATEGIES: readonly string[] = deprecatedStrategies();

/** Deprecated options, per strategy, with what to do instead. */
const DEPRECATED_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = (() => {
  // ConnectionOptionsSMS: delivery settings moved to the tenant's phone provider.
  const smsAdvice = 'configure SMS delivery in the tenant\'s phone provider (Branding > Phone Provider) instead';
  // ConnectionOptionsFacebook: permissions Facebook itself has withdrawn.
  const facebookAdvice = 'Facebook no longer grants this permission; remove it';
  return {
    sms: Object.fromEntries(
      [
        'provider',
        'twilio_sid',
        'twilio_token',
        'messaging_service_sid',
        'from',
        'template',
        'syntax',
        'gateway_url',
        'gateway_authentication',
        'forward_req_info',
      ].map((key) => [key, smsAdvice]),
    ),
    facebook: Object.fromEntries(
      [
        'allow_context_profile_field',
        'manage_notifications',
        'publish_actions',
        'read_mailbox',
        'read_stream',
        'user_groups',
        'user_managed_groups',
        'user_status',
      ].map((key) => [key, facebookAdvice]),
    ),
    // ConnectionSigningCertificateDerSAML: "kept for backward compatibility. Prefer using signingCert instead."
    samlp: { cert: 'use signingCert instead' },
  };
})();

const deprecatedStrategy: RuleDefinition = {
  code: 'deprecated-strategy',
  severity: 'warning',
  summary: 'A strategy the Management API marks deprecated.',
  check: ({ root, strategy }) => {
    const property = getProperty(root, 'strategy');
    if (!property || !strategy || !DEPRECATED_STRATEGIES.includes(strategy)) return [];
    return [
      findingAt(
        deprecatedStrategy,
        valueRange(property),
        `The "${strategy}" strategy is deprecated: Auth0 may stop accepting new connections of this kind. Prefer a current strategy for new connections.`,
        { tags: ['deprecated'] },
      ),
    ];
  },
};

const deprecatedProperty: RuleDefinition = {
  code: 'deprecated-property',
  severity: 'warning',
  // Offered for enabled_clients only: deprecated options still configure the connection (their findings opt out).
  fix: {
    kind: 'remove-property',
    title: () =>
      'Remove deprecated "enabled_clients" (enable clients through the connection\'s clients endpoint, PATCH /api/v2/connections/{id}/clients)',
  },
  summary: 'A deprecated field: `enabled_clients`, and options deprecated for sms, facebook and samlp.',
  check: ({ root, strategy, options }) => {
    const findings: Finding[] = [];
    // ConnectionEnabledClients: "DEPRECATED property. Use the PATCH /v2/connections/{id}/clients endpoint". Refused by
    // tenants on the newer client management (auth0-deploy-cli#1290, 2026-02: "Payload validation error: 'Additional
    // properties not allowed: enabled_clients'"), still accepted by others (go-auth0 recording, POST 201 on
    // 2025-05-16): a warning, since whether it fails depends on the tenant.
    const enabledClients = getProperty(root, 'enabled_clients');
    if (enabledClients) {
      findings.push(
        findingAt(
          deprecatedProperty,
          keyRange(enabledClients),
          'enabled_clients is deprecated, and tenants on the newer client management refuse it: ' +
            "400 Payload validation error: 'Additional properties not allowed: enabled_clients'. " +
            'Create the connection without it, then enable it for applications with PATCH /api/v2/connections/{id}/clients; ' +
            'the quick fix removes it.',
          {
            tags: ['deprecated'],
            data: { property: 'enabled_clients' },
          },
        ),
      );
    }
    const deprecatedHere = strategy !== undefined ? DEPRECATED_OPTIONS[strategy] : undefined;
    if (deprecatedHere) {
      for (const property of options?.properties ?? []) {
        const advice = Object.prototype.hasOwnProperty.call(deprecatedHere, property.key) ? deprecatedHere[property.key] : undefined;
        if (!advice) continue;
        findings.push(
          findingAt(deprecatedProperty, keyRange(property), `options.${property.key} is deprecated for ${strategy} connections: ${advice}.`, {
            tags: ['deprecated'],
            data: { property: property.key, noFix: true },
          }),
        );
      }
    }
    return findings;
  },
};

/** Early Access fields of the generic body (and `cross_app_access_resource_app` from the per-strategy spec). */
const EARLY_ACCESS_PATHS: ReadonlyArray<readonly string[]> = [
  ['cross_app_access_requesting_app'],
  ['cross_app_access_resource_app'],
  ['options', 'api_enable_groups'],
  ['options', 'authentication_methods', 'email_otp'],
  ['options', 'authentication_methods', 'phone_otp'],
  ['options', 'authentication_methods', 'password', 'api_behavior'],
  ['options', 'authentication_methods', 'password', 'signup_behavior'],
  ['options', 'attributes', 'email', 'identifier', 'default_method'],
  ['options', 'attributes', 'phone_number', 'identifier', 'default_method'],
];

function propertyAtPath(root: BodyNode, path: readonly string[]): BodyProperty | undefined {
  let container: BodyNode | undefined = root;
  for (let i = 0; i < path.length - 1; i++) container = objectProperty(container, path[i] ?? '');
  return getProperty(container, path[path.length - 1] ?? '');
}

const earlyAccess: RuleDefinition = {
  code: 'early-access',
  severity: 'information',
  summary: 'A field the Management API marks Early Access.',
  check: ({ root, strategy, strategyKind }) =>
    EARLY_ACCESS_PATHS.flatMap((path) => {
      const property = propertyAtPath(root, path);
      if (!property) return [];
      // On a strategy that cannot be a Requesting App, cross-app-access-unsupported already says more.
      const unsupportedHere = strategy !== undefined && strategyKind !== undefined && !CROSS_APP_ACCESS_STRATEGIES.includes(strategy);
      if (path[0] === 'cross_app_access_requesting_app' && unsupportedHere) return [];
      return [
        findingAt(
          earlyAccess,
          keyRange(property),
          `${path.join('.')} is an Early Access feature: it works only on tenants where Auth0 has enabled it, and may change.`,
        ),
      ];
    }),
};

export const lifecycleRules: readonly RuleDefinition[] = [deprecatedStrategy, deprecatedProperty, earlyAccess];
