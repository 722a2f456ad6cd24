/**
 * Constraints said in words, appended to a hover: a person reading "Maximum length: 128 characters" learns the rule
 * before the diagnostic appears, and nobody should have to read a regular expression to name a connection.
 */
import { code } from './text';

type SchemaLike = Record<string, unknown>;

/** Patterns the spec uses whose meaning we can say as a sentence; others are shown as code. */
const PATTERN_SENTENCES: Readonly<Record<string, string>> = {
  '^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$':
    'Allowed characters: letters, digits and single hyphens; must start and end with a letter or digit.',
  '^[a-zA-Z0-9-:./_~]+$': 'Allowed characters: letters, digits and `-` `:` `.` `/` `_` `~`.',
  '^\\d+$': 'Digits only.',
  '^[0-9]+$': 'Digits only.',
  '^[0-9a-fA-F]+$': 'Hexadecimal digits only.',
  '^https:\\/\\/.*': 'Must start with `https://`.',
  '^MG[0-9a-fA-F]{32}$': '`MG` followed by 32 hexadecimal digits.',
  '^AC[0-9a-fA-F]{32}$': '`AC` followed by 32 hexadecimal digits.',
  '^((?!-))(xn--)?([a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?\\.)*(xn--)?[a-zA-Z0-9](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9])?$':
    'A domain name, e.g. `example.com`.',
};

/** The connection-name rule as the sentence shown instead of the regex when a name does not match. */
export const NAME_PATTERN_ERROR =
  'A connection name may contain only letters, digits and single hyphens, and must start and end with a letter or digit (no spaces, underscores or dots).';

export function describePattern(pattern: string): string {
  return PATTERN_SENTENCES[pattern] ?? `Must match the regular expression ${code(pattern)}.`;
}

function num(schema: SchemaLike, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

/** "Length: 1 to 128 characters." / "At most 10 items." / "Minimum: 1." */
function range(min: number | undefined, max: number | undefined, unit: string, what?: string): string | undefined {
  const suffix = unit ? ` ${unit}` : '';
  const lead = (text: string) => (what ? `${what}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1));
  if (min !== undefined && max !== undefined) {
    return min === max ? lead(`exactly ${min}${suffix}.`) : lead(`${min} to ${max}${suffix}.`);
  }
  if (max !== undefined) return lead(`at most ${max}${suffix}.`);
  if (min !== undefined) return lead(`at least ${min}${suffix}.`);
  return undefined;
}

/** The schema's own limits, one sentence each; undefined when it has none. */
export function describeConstraints(schema: SchemaLike): string | undefined {
  const sentences: string[] = [];
  const length = range(num(schema, 'minLength'), num(schema, 'maxLength'), 'characters', 'Length');
  if (length) sentences.push(length);
  if (typeof schema['pattern'] === 'string') sentences.push(describePattern(schema['pattern']));
  const items = range(num(schema, 'minItems'), num(schema, 'maxItems'), 'items');
  if (items) sentences.push(items);
  if (schema['uniqueItems'] === true) sentences.push('Items must be unique.');
  const keys = range(num(schema, 'minProperties'), num(schema, 'maxProperties'), 'keys');
  if (keys) sentences.push(keys);
  const min = num(schema, 'minimum');
  const max = num(schema, 'maximum');
  if (min !== undefined || max !== undefined) sentences.push(range(min, max, '', 'Value') ?? '');
  const exclusiveMin = num(schema, 'exclusiveMinimum');
  if (exclusiveMin !== undefined) sentences.push(`Value: greater than ${exclusiveMin}.`);
  const exclusiveMax = num(schema, 'exclusiveMaximum');
  if (exclusiveMax !== undefined) sentences.push(`Value: less than ${exclusiveMax}.`);
  const items2 = schema['items'];
  if (items2 && typeof items2 === 'object' && !Array.isArray(items2)) {
    const itemLength = range(
      num(items2 as SchemaLike, 'minLength'),
      num(items2 as SchemaLike, 'maxLength'),
      'characters',
      'Each item\'s length',
    );
    if (itemLength) sentences.push(itemLength);
  }
  const text = sentences.filter((sentence) => sentence.length > 0).join(' ');
  return text.length > 0 ? text : undefined;
}
