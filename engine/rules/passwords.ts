/**
 * Password and username policy of database connections: settings the schema accepts one by one but that contradict
 * each other. None is a known 400, so all are warnings.
 */
import type { BodyNode, BodyProperty } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import { findingAt, keyRange, objectProperty, presentProperty, valueRange, type RuleDefinition } from './ruleContext';

const ALL_CHARACTER_TYPES: readonly string[] = ['uppercase', 'lowercase', 'number', 'special'];

/** Legacy password fields and where their setting lives in `password_options`. */
const LEGACY_PASSWORD_FIELDS: Readonly<Record<string, string>> = {
  passwordPolicy: 'password_options.complexity',
  password_complexity_options: 'password_options.complexity',
  password_history: 'password_options.history',
  password_no_personal_info: 'password_options.profile_data',
  password_dictionary: 'password_options.dictionary',
};

// The spec's PasswordCharacterTypeRulePolicyEnum: "Can only be enabled when all 4 character types are specified".
const threeOfFourNeedsAllTypes: RuleDefinition = {
  code: 'three-of-four-needs-all-types',
  severity: 'warning',
  summary: '`character_type_rule: three_of_four` without all four `character_types`.',
  check: ({ options }) => {
    const complexity = objectProperty(objectProperty(options, 'password_options'), 'complexity');
    const rule = getProperty(complexity, 'character_type_rule');
    if (rule?.value?.kind !== 'string' || rule.value.value !== 'three_of_four') return [];
    const typesNode = getProperty(complexity, 'character_types')?.value;
    const listed = new Set(typesNode?.kind === 'array' ? typesNode.items.map((item) => item.kind === 'string' ? String(item.value) : '') : []);
    const missing = ALL_CHARACTER_TYPES.filter((type) => !listed.has(type));
    if (missing.length === 0) return [];
    return [
      findingAt(
        threeOfFourNeedsAllTypes,
        valueRange(rule),
        `"three_of_four" needs all four character types listed; character_types lacks ${missing.map((t) => `"${t}"`).join(', ')}. ` +
          'Add them, or use character_type_rule "all".',
      ),
    ];
  },
};

const passwordOptionsWithLegacyFields: RuleDefinition = {
  code: 'password-options-with-legacy-fields',
  severity: 'warning',
  summary: '`password_options` together with the legacy password fields (`passwordPolicy`, `password_history`, ...).',
  check: ({ options }) => {
    if (!presentProperty(options, 'password_options')) return [];
    return (options?.properties ?? [])
      .filter((property) => Object.prototype.hasOwnProperty.call(LEGACY_PASSWORD_FIELDS, property.key))
      .filter((property) => property.value !== undefined && property.value.kind !== 'null')
      .map((property) =>
        findingAt(
          passwordOptionsWithLegacyFields,
          keyRange(property),
          `password_options replaces the legacy "${property.key}"; having both makes the policy ambiguous. ` +
            `Move this setting to ${LEGACY_PASSWORD_FIELDS[property.key]} and remove "${property.key}".`,
          { data: { property: property.key } },
        ),
      );
  },
};

function numberValue(node: BodyNode | undefined): number | undefined {
  return node?.kind === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

function minAboveMax(container: BodyNode | undefined, minKey: string, maxKey: string): BodyProperty | undefined {
  const minProperty = getProperty(container, minKey);
  const min = numberValue(minProperty?.value);
  const max = numberValue(getProperty(container, maxKey)?.value);
  return minProperty && min !== undefined && max !== undefined && min > max ? minProperty : undefined;
}

const usernameMinAboveMax: RuleDefinition = {
  code: 'username-min-above-max',
  severity: 'warning',
  summary: 'A username length limit whose minimum is greater than its maximum, so no username can be valid.',
  check: ({ options }) => {
    const legacy = minAboveMax(objectProperty(objectProperty(options, 'validation'), 'username'), 'min', 'max');
    const usernameValidation = objectProperty(objectProperty(objectProperty(options, 'attributes'), 'username'), 'validation');
    const flexible = minAboveMax(usernameValidation, 'min_length', 'max_length');
    return [
      ...(legacy ? [[legacy, 'validation.username.min', 'max'] as const] : []),
      ...(flexible ? [[flexible, 'attributes.username.validation.min_length', 'max_length'] as const] : []),
    ].map(([property, path, maxName]) =>
      findingAt(
        usernameMinAboveMax,
        valueRange(property),
        `options.${path} is greater than ${maxName}, so no username could be valid. Make it at most ${maxName}.`,
      ),
    );
  },
};

const duplicatePrecedence: RuleDefinition = {
  code: 'duplicate-precedence',
  fix: 'remove-array-item',
  severity: 'warning',
  summary: 'The same attribute listed twice in `options.precedence`.',
  check: ({ options }) => {
    const precedence = getProperty(options, 'precedence')?.value;
    if (precedence?.kind !== 'array') return [];
    const seen = new Set<string>();
    return precedence.items.flatMap((item) => {
      if (item.kind !== 'string') return [];
      const value = String(item.value);
      if (!seen.has(value)) {
        seen.add(value);
        return [];
      }
      return [
        findingAt(
          duplicatePrecedence,
          { offset: item.offset, length: item.length },
          `"${value}" is already listed in options.precedence; list each of email, phone_number and username once.`,
          { tags: ['unnecessary'] },
        ),
      ];
    });
  },
};

export const passwordRules: readonly RuleDefinition[] = [
  threeOfFourNeedsAllTypes,
  passwordOptionsWithLegacyFields,
  usernameMinAboveMax,
  duplicatePrecedence,
];
