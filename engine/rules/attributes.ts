/**
 * Flexible identifiers (`options.attributes` on database connections). The live API checks these beyond the schema;
 * each error below quotes the 400 message Auth0 returned for a body in the shared corpus (SOURCES.md, files 42-45),
 * so the user sees the rule Auth0 applies before sending.
 */
import type { ObjectNode } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import { findingAt, isTrue, keyRange, objectProperty, presentProperty, valueRange, type RuleDefinition } from './ruleContext';

/** The attributes object when it holds at least one attribute; `{}` is the schema's to report (minProperties: 1). */
function configuredAttributes(options: ObjectNode | undefined): ObjectNode | undefined {
  const attributes = objectProperty(options, 'attributes');
  return attributes && attributes.properties.length > 0 ? attributes : undefined;
}

function isActiveIdentifier(attribute: ObjectNode | undefined): boolean {
  return isTrue(getProperty(objectProperty(attribute, 'identifier'), 'active')?.value);
}

// Corpus 42: 400 "Cannot set both options.attributes and options.validation".
const attributesWithValidation: RuleDefinition = {
  code: 'attributes-with-validation',
  fix: 'remove-property',
  severity: 'error',
  summary: '`options.validation` alongside `options.attributes` (Auth0: "Cannot set both options.attributes and options.validation").',
  check: ({ options }) => {
    const validation = presentProperty(options, 'validation');
    if (!validation || !configuredAttributes(options)) return [];
    return [
      findingAt(
        attributesWithValidation,
        keyRange(validation),
        'Auth0 rejects this body: "Cannot set both options.attributes and options.validation". ' +
          'Remove options.validation and set username limits in options.attributes.username.validation (min_length, max_length) instead.',
      ),
    ];
  },
};

// Corpus 43: 400 "Cannot set both options.attributes and options.requires_username". Corpus 36/37 send
// `requires_username: false` with attributes and were accepted, so only `true` is the conflict.
const attributesWithRequiresUsername: RuleDefinition = {
  code: 'attributes-with-requires-username',
  fix: 'remove-property',
  severity: 'error',
  summary: '`options.requires_username: true` alongside `options.attributes` (Auth0: "Cannot set both ...").',
  check: ({ options }) => {
    const requiresUsername = getProperty(options, 'requires_username');
    if (!requiresUsername || !isTrue(requiresUsername.value) || !configuredAttributes(options)) return [];
    return [
      findingAt(
        attributesWithRequiresUsername,
        keyRange(requiresUsername),
        'Auth0 rejects this body: "Cannot set both options.attributes and options.requires_username". ' +
          'Remove requires_username and configure options.attributes.username (with identifier.active: true) instead.',
      ),
    ];
  },
};

// Corpus 44: 400 "attributes must contain one active identifier" (every attribute had identifier.active: false).
const attributesWithoutActiveIdentifier: RuleDefinition = {
  code: 'attributes-without-active-identifier',
  severity: 'error',
  summary: '`options.attributes` where no attribute has `identifier.active: true` (Auth0: "attributes must contain one active identifier").',
  check: ({ options }) => {
    const attributes = configuredAttributes(options);
    const attributesProperty = getProperty(options, 'attributes');
    if (!attributes || !attributesProperty) return [];
    const hasActive = attributes.properties.some(
      (attribute) => attribute.value?.kind === 'object' && isActiveIdentifier(attribute.value),
    );
    if (hasActive) return [];
    return [
      findingAt(
        attributesWithoutActiveIdentifier,
        keyRange(attributesProperty),
        'Auth0 rejects this body: "attributes must contain one active identifier". ' +
          'Set identifier.active to true on at least one of email, phone_number or username.',
      ),
    ];
  },
};

// Corpus 45: 400 "attribute phone_number must also be required on signup" (identifier active, signup.status
// "inactive"). Only "inactive" is flagged: whether Auth0 also refuses "optional" is not established by the corpus.
const identifierNotRequiredOnSignup: RuleDefinition = {
  code: 'identifier-not-required-on-signup',
  severity: 'error',
  summary: 'An attribute used as identifier has `signup.status: inactive` (Auth0: "attribute ... must also be required on signup").',
  check: ({ options }) => {
    const attributes = configuredAttributes(options);
    if (!attributes) return [];
    return attributes.properties.flatMap((attribute) => {
      if (attribute.value?.kind !== 'object' || !isActiveIdentifier(attribute.value)) return [];
      const status = getProperty(objectProperty(attribute.value, 'signup'), 'status');
      if (status?.value?.kind !== 'string' || status.value.value !== 'inactive') return [];
      return [
        findingAt(
          identifierNotRequiredOnSignup,
          valueRange(status),
          `Auth0 rejects this body: "attribute ${attribute.key} must also be required on signup". ` +
            `Set options.attributes.${attribute.key}.signup.status to "required", or set its identifier.active to false.`,
        ),
      ];
    });
  },
};

export const attributeRules: readonly RuleDefinition[] = [
  attributesWithValidation,
  attributesWithRequiresUsername,
  attributesWithoutActiveIdentifier,
  identifierNotRequiredOnSignup,
];
