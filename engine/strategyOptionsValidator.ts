/**
 * The per-strategy spec's value rules for `options` (required options, types, enums, patterns, lengths, ranges),
 * checked with ajv against the strict definitions `npm run schemas` writes (with the constraints the live API is
 * recorded breaking already relaxed there), and turned into findings at the offending key or value. Used by the
 * `strategy-option-constraint` rule; every finding it makes is a warning worded as the spec's, because the
 * per-strategy spec is known to be stricter than the live API (spec README caveat 4, engine/evidence.ts).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readsAsUnset, requiredOnCreate } from './evidence';
import { STRATEGY_DATA, type StrategyFacts } from './strategyData';
import type { BodyProperty, ObjectNode } from './tree/bodyTree';
import { getProperty, locatePath, toPlainValue, type PathLocation } from './tree/navigate';
import type { Finding } from './findings';

export const STRATEGY_OPTION_CONSTRAINT = 'strategy-option-constraint';

const DEFINITIONS_ID = 'strategy-options';

/** Never report more than this many constraint warnings for one document: a pasted blob should not flood. */
const MAX_CONSTRAINT_FINDINGS = 50;

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** One validator per strategy, compiled the first time a document of that strategy is checked. */
function validatorFor(facts: StrategyFacts): ValidateFunction {
  const strategy = facts.strategy;
  let validate = validators.get(strategy);
  if (!validate) {
    if (!ajv) {
      // strict: false because the data keeps annotations ajv does not know; formats are not checked (the spec's
      // `uri` and friends are not known to be enforced by the API).
      // verbose: errors carry their schema, so a one-branch `anyOf` can be told from a real choice.
      ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: true });
      ajv.addSchema({ $id: DEFINITIONS_ID, definitions: STRATEGY_DATA.definitions });
    }
    validate = ajv.compile({ $ref: `${DEFINITIONS_ID}#/definitions/${facts.optionsDefinition}` });
    validators.set(strategy, validate);
  }
  return validate;
}

/**
 * The spec's value rules broken in `options`, as warnings. Keys that are not the strategy's own are left to the
 * option placement rules, which say where they belong instead.
 */
export function optionConstraintFindings(facts: StrategyFacts, optionsProperty: BodyProperty, options: ObjectNode): Finding[] {
  const strategy = facts.strategy;
  const validate = validatorFor(facts);
  let errors: ErrorObject[];
  try {
    errors = validate(optionsToValidate(strategy, options)) ? [] : [...(validate.errors ?? [])];
  } catch {
    // A document deep enough to exhaust the stack gets no per-strategy warnings rather than a crashed server.
    return [];
  }
  const own = facts.ownOptions;
  // Said by the missing-required-option rule, as the error Auth0 answers with.
  const requiredByAuth0 = new Set(requiredOnCreate(strategy).map((entry) => entry.option));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of withoutAlternativeDetails(errors)) {
    const segments = pointerSegments(error.instancePath);
    if (segments.length > 0 && !own.has(segments[0] ?? '')) continue;
    if (segments.length === 0 && error.keyword === 'required' && requiredByAuth0.has(String(error.params['missingProperty']))) continue;
    const target = locatePath(options, segments, optionsProperty);
    // ajv speaks of what the value holds; a path the tree does not have (a half-typed key) is nothing to show.
    if (!target.exact) continue;
    const value = target.node ? toPlainValue(target.node) : undefined;
    if (readsAsUnset(value, error.keyword)) continue;
    const message = describeError(strategy, segments, error);
    const range = rangeOf(error, target);
    const key = `${range.offset}:${range.length}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      code: STRATEGY_OPTION_CONSTRAINT,
      severity: 'warning',
      message,
      ...range,
      data: { strategy, keyword: error.keyword },
    });
    if (findings.length >= MAX_CONSTRAINT_FINDINGS) break;
  }
  return findings;
}

/**
 * The plain value of `options` for ajv, with every typed map that holds only values of its type (see typedMapsOf)
 * given as `{}`: ajv would find nothing inside it, and `{}` satisfies the map's own `type: object` alike. A pasted
 * `configuration` of 11,000 keys is then checked here, in one pass over the tree, instead of being converted and
 * walked by ajv on every validation. A map holding any other value is converted in full, so ajv reports exactly what
 * it did before.
 */
function optionsToValidate(strategy: string, options: ObjectNode): unknown {
  const maps = typedMapShortcut ? typedMapsOf(strategy) : NO_MAPS;
  if (maps.size === 0) return toPlainValue(options);
  // Built as toPlainValue builds it (same assignment, so the last of duplicate keys wins alike).
  const result: Record<string, unknown> = {};
  for (const property of options.properties) {
    const valueKind = maps.get(property.key);
    const value = property.value;
    result[property.key] =
      valueKind !== undefined && value?.kind === 'object' && value.properties.every((entry) => entry.value?.kind === valueKind)
        ? {}
        : toPlainValue(value);
  }
  return result;
}

/** Map value types decided by the node kind alone (ajv's number and integer types also look at the value). */
type MapValueKind = 'string' | 'boolean' | 'null';
const MAP_VALUE_KINDS: ReadonlySet<unknown> = new Set<MapValueKind>(['string', 'boolean', 'null']);
/** The keywords of an options schema level this analysis understands; any other keyword disqualifies the strategy. */
const UNDERSTOOD_LEVEL_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'allOf', 'description', 'title']);

const typedMapsCache = new Map<string, ReadonlyMap<string, MapValueKind>>();
const NO_MAPS: ReadonlyMap<string, MapValueKind> = new Map();
let typedMapShortcut = true;

/** For the equivalence test: with `false`, every option is converted and validated by ajv, as before the shortcut. */
export function useTypedMapShortcut(enabled: boolean): void {
  typedMapShortcut = enabled;
}

/** For the equivalence test: the typed maps found for a strategy. */
export function typedMapsFor(strategy: string): ReadonlyMap<string, string> {
  return typedMapsOf(strategy);
}

/**
 * Top-level options of `strategy` whose whole schema is `{type: 'object', additionalProperties: {type: T}}` for a
 * kind-decided T (auth0's `configuration`: string values), and about which no other part of the options schema says
 * anything. Empty when the options schema uses keywords beyond those this walk understands.
 */
function typedMapsOf(strategy: string): ReadonlyMap<string, MapValueKind> {
  let maps = typedMapsCache.get(strategy);
  if (maps) return maps;
  maps = findTypedMaps(STRATEGY_DATA.strategies[strategy]?.options);
  typedMapsCache.set(strategy, maps);
  return maps;
}

function findTypedMaps(definitionName: string | undefined): Map<string, MapValueKind> {
  const found = new Map<string, MapValueKind>();
  if (definitionName === undefined) return found;
  const schemasByOption = new Map<string, unknown[]>();
  // Options not listed by a level that gives its other keys a schema would get that schema too.
  const notListedEverywhere = new Set<string>();
  const levels: Array<Record<string, unknown>> = [];
  const pending: unknown[] = [{ $ref: `#/definitions/${definitionName}` }];
  while (pending.length > 0) {
    const level = resolveReference(pending.pop());
    if (!level) return new Map();
    if (Object.keys(level).some((keyword) => !UNDERSTOOD_LEVEL_KEYWORDS.has(keyword))) return new Map();
    levels.push(level);
    if (level['allOf'] !== undefined) {
      if (!Array.isArray(level['allOf'])) return new Map();
      pending.push(...(level['allOf'] as unknown[]));
    }
    const properties = level['properties'];
    if (properties !== undefined && (typeof properties !== 'object' || properties === null)) return new Map();
    for (const [name, schema] of Object.entries((properties ?? {}) as Record<string, unknown>)) {
      schemasByOption.set(name, [...(schemasByOption.get(name) ?? []), schema]);
    }
  }
  for (const level of levels) {
    if (typeof level['additionalProperties'] === 'boolean' || level['additionalProperties'] === undefined) continue;
    const listed = (level['properties'] ?? {}) as Record<string, unknown>;
    for (const name of schemasByOption.keys()) if (!hasOwn(listed, name)) notListedEverywhere.add(name);
  }
  for (const [name, schemas] of schemasByOption) {
    if (schemas.length !== 1 || notListedEverywhere.has(name)) continue;
    const schema = resolveReference(schemas[0]);
    if (!schema || Object.keys(schema).length !== 2 || schema['type'] !== 'object') continue;
    const values = resolveReference(schema['additionalProperties']);
    if (values && Object.keys(values).length === 1 && MAP_VALUE_KINDS.has(values['type'])) {
      found.set(name, values['type'] as MapValueKind);
    }
  }
  return found;
}

/** A schema object, following `#/definitions/...` references; undefined for anything else (booleans, other refs). */
function resolveReference(schema: unknown): Record<string, unknown> | undefined {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const record = current as Record<string, unknown>;
    const reference = record['$ref'];
    if (reference === undefined) return record;
    // A reference beside other keywords adds to them; this walk only follows bare references.
    if (typeof reference !== 'string' || Object.keys(record).length !== 1 || !reference.startsWith('#/definitions/')) return undefined;
    current = STRATEGY_DATA.definitions[reference.slice('#/definitions/'.length)];
  }
  return undefined;
}

/**
 * ajv reports every failed branch of an `anyOf` before the `anyOf` itself; a person needs one message. A one-branch
 * `anyOf` (the spec wraps many references that way) keeps its branch's precise errors and drops the generic one;
 * otherwise the branch errors at or under the same place are folded into the `anyOf` error's message.
 */
function withoutAlternativeDetails(errors: ErrorObject[]): ErrorObject[] {
  const result: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf') {
      result.push(error);
      continue;
    }
    const branchCount = Array.isArray(error.parentSchema?.['anyOf']) ? (error.parentSchema['anyOf'] as unknown[]).length : 0;
    if (branchCount === 1) continue;
    const inside = (candidate: ErrorObject) =>
      candidate.instancePath === error.instancePath || candidate.instancePath.startsWith(`${error.instancePath}/`);
    const branchMessages: string[] = [];
    for (let index = result.length - 1; index >= 0; index--) {
      const candidate = result[index];
      if (!candidate || !inside(candidate)) continue;
      const text = limitInWords(candidate) ?? candidate.message ?? '';
      if (text && !branchMessages.includes(text)) branchMessages.unshift(text);
      result.splice(index, 1);
    }
    result.push({ ...error, params: { ...error.params, branches: branchMessages } });
  }
  return result;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where the warning goes: missing or unexpected keys on a key, everything else on the offending value. */
function rangeOf(error: ErrorObject, target: PathLocation): { offset: number; length: number } {
  if (error.keyword === 'additionalProperties' && target.node?.kind === 'object') {
    const extra = getProperty(target.node, String((error.params as { additionalProperty?: unknown }).additionalProperty));
    if (extra) return { offset: extra.keyOffset, length: extra.keyLength };
  }
  if (error.keyword === 'required' && target.property) {
    return { offset: target.property.keyOffset, length: target.property.keyLength };
  }
  if (target.node) return { offset: target.node.offset, length: target.node.length };
  const property = target.property;
  return property ? { offset: property.keyOffset, length: property.keyLength } : { offset: 0, length: 0 };
}

function describeError(strategy: string, segments: string[], error: ErrorObject): string {
  const where = ['options', ...segments].map((segment, index) => (index > 0 && /^\d+$/.test(segment) ? `[${segment}]` : segment));
  const path = where.join('.').replace(/\.\[/g, '[');
  const spec = `the ${strategy} spec`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `Missing "${String(params['missingProperty'])}" in ${path}: ${spec} lists it as required.`;
    case 'additionalProperties':
      return `Unknown key "${String(params['additionalProperty'])}" in ${path} (not in ${spec}).`;
    case 'type':
      return `${path} should be of type ${String(params['type']).replace(/,/g, ' or ')} according to ${spec}.`;
    case 'enum':
      return `${path} should be one of ${formatValues(params['allowedValues'])} according to ${spec}.`;
    case 'const':
      return `${path} should be ${JSON.stringify(params['allowedValue'])} according to ${spec}.`;
    case 'pattern':
      return `${path} does not have the form ${spec} describes (pattern ${String(params['pattern'])}).`;
    case 'anyOf': {
      const branches = Array.isArray(params['branches']) ? (params['branches'] as string[]) : [];
      const detail = branches.length > 0 ? ` (${branches.slice(0, 3).join(' | ')})` : '';
      return `${path} matches none of the forms ${spec} allows${detail}.`;
    }
    default: {
      const limit = limitInWords(error);
      return limit !== undefined
        ? `${path} ${limit} (${spec}).`
        : `${path} ${error.message ?? 'is not valid'} according to ${spec}.`;
    }
  }
}

function formatValues(values: unknown): string {
  if (!Array.isArray(values)) return 'the listed values';
  const shown = values.slice(0, 8).map((value) => JSON.stringify(value));
  return values.length > 8 ? `${shown.join(', ')}, ...` : shown.join(', ');
}

/** Length, size and range limits in plain words ("has 9 characters; at least 14 expected"). */
function limitInWords(error: ErrorObject): string | undefined {
  const limit = (error.params as { limit?: unknown }).limit;
  const data: unknown = error.data;
  const count = (unit: string) =>
    typeof data === 'string' ? `${data.length} ${unit}` : Array.isArray(data) ? `${data.length} ${unit}` : undefined;
  switch (error.keyword) {
    case 'minLength':
      return `has ${count('characters') ?? 'fewer characters'}; at least ${String(limit)} expected`;
    case 'maxLength':
      return `has ${count('characters') ?? 'more characters'}; at most ${String(limit)} allowed`;
    case 'minItems':
      return `has ${count('items') ?? 'fewer items'}; at least ${String(limit)} expected`;
    case 'maxItems':
      return `has ${count('items') ?? 'more items'}; at most ${String(limit)} allowed`;
    case 'minimum':
      return `is below the minimum of ${String(limit)}`;
    case 'maximum':
      return `is above the maximum of ${String(limit)}`;
    default:
      return undefined;
  }
}
