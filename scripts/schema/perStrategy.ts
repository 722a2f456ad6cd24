/**
 * The per-strategy spec turned into two things:
 *  - editor hints: one flat object schema per `ConnectionOptions<Strategy>` that carries descriptions, types and the
 *    listed values for completion and hover, but none of the spec's stricter rules (required, patterns, lengths,
 *    closed objects, enums). The spec README warns these are stricter than the live API, so the editor must not turn
 *    them into errors; the option checker reports them as warnings instead (the types it keeps are the spec's word
 *    too: the engine reports a type problem there as a warning, see engine/evidence.ts).
 *  - the list of strategies that have such a schema, and which component holds their options.
 * Options the primary spec also describes keep the primary definition (the primary file wins where both speak).
 */
import { annotate } from './draft07';
import { code } from './text';
import { componentName, componentOf, isObject, refOf, type OpenApiDocument, type SchemaObject } from './openapi';

export interface StrategyBody {
  /** The `strategy` value, e.g. `samlp`. */
  strategy: string;
  /** Component holding its options, e.g. `ConnectionOptionsSAML`. */
  optionsComponent: string;
  /** The spec marks the whole strategy deprecated (`x-release-lifecycle: deprecated`). */
  deprecated: boolean;
  /** Top-level properties its request body lists (e.g. which strategies take `cross_app_access_requesting_app`). */
  bodyProperties: string[];
}

/**
 * Every `CreateConnectionRequestContent<Strategy>`: flattens its `allOf` (spec README caveat 3) to find the pinned
 * `strategy` const and the `options` reference.
 */
export function findStrategyBodies(document: OpenApiDocument): StrategyBody[] {
  const bodies: StrategyBody[] = [];
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    if (!name.startsWith('CreateConnectionRequestContent') || name === 'CreateConnectionRequestContent') continue;
    const properties = flattenedProperties(document, schema);
    const strategy = properties.get('strategy')?.['const'];
    const optionsRef = refOf(properties.get('options') ?? {});
    if (typeof strategy !== 'string' || optionsRef === undefined) continue;
    bodies.push({
      strategy,
      optionsComponent: componentName(optionsRef),
      deprecated: schema['x-release-lifecycle'] === 'deprecated',
      bodyProperties: [...properties.keys()].sort(),
    });
  }
  return bodies.sort((a, b) => a.strategy.localeCompare(b.strategy));
}

function flattenedProperties(document: OpenApiDocument, schema: SchemaObject, seen = new Set<string>()): Map<string, SchemaObject> {
  const result = new Map<string, SchemaObject>();
  const ref = refOf(schema);
  if (ref !== undefined) {
    const name = componentName(ref);
    if (seen.has(name)) return result;
    seen.add(name);
    return flattenedProperties(document, componentOf(document, name), seen);
  }
  for (const branch of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
    if (!isObject(branch)) continue;
    for (const [key, value] of flattenedProperties(document, branch, seen)) if (!result.has(key)) result.set(key, value);
  }
  if (isObject(schema['properties'])) {
    for (const [key, value] of Object.entries(schema['properties'])) if (isObject(value)) result.set(key, value);
  }
  return result;
}

/** Keywords whose words go into the hover even though the editor does not enforce them. */
const CONSTRAINT_KEYWORDS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

/** Everything the spec says about one place in the document, gathered across `$ref`, `allOf`, `anyOf`, `oneOf`. */
interface Gathered {
  description?: string;
  lifecycle?: string;
  deprecated: boolean;
  types: string[];
  values: unknown[];
  hasDefault: boolean;
  defaultValue?: unknown;
  examples: unknown[];
  properties: Map<string, SchemaObject[]>;
  items: SchemaObject[];
  additional: SchemaObject[];
  constraints: SchemaObject;
}

function emptyGathered(): Gathered {
  return {
    deprecated: false,
    types: [],
    values: [],
    hasDefault: false,
    examples: [],
    properties: new Map(),
    items: [],
    additional: [],
    constraints: {},
  };
}

function isPureRef(schema: SchemaObject): boolean {
  return refOf(schema) !== undefined && Object.keys(schema).every((key) => key === '$ref');
}

function pushUnique(list: unknown[], value: unknown): void {
  const text = JSON.stringify(value);
  if (!list.some((existing) => JSON.stringify(existing) === text)) list.push(value);
}

export class EditorHintBuilder {
  readonly definitions: Record<string, SchemaObject> = {};
  readonly #document: OpenApiDocument;
  readonly #prefix: string;
  /** Converted primary definitions of the generic options, by option name. */
  readonly #primaryOptions: Readonly<Record<string, SchemaObject>>;

  constructor(document: OpenApiDocument, prefix: string, primaryOptions: Readonly<Record<string, SchemaObject>>) {
    this.#document = document;
    this.#prefix = prefix;
    this.#primaryOptions = primaryOptions;
  }

  /** Top-level option names of a `ConnectionOptions<Strategy>` component, flattened. */
  optionNames(component: string): string[] {
    const gathered = emptyGathered();
    this.#gather({ $ref: `#/components/schemas/${component}` }, gathered, [], false);
    return [...gathered.properties.keys()];
  }

  /**
   * Definition name of the editor schema for a `ConnectionOptions<Strategy>` component (built once). With
   * `withGenericOptions`, the primary spec's options the component does not list are checked too, against their
   * primary definition, but not offered in completion.
   */
  optionsDefinition(component: string, withGenericOptions = false): string {
    const name = `${this.#prefix}${component}`;
    if (this.definitions[name] !== undefined) return name;
    this.definitions[name] = {};
    const gathered = emptyGathered();
    this.#gather(componentOf(this.#document, component), gathered, [component], false);
    const properties: SchemaObject = {};
    for (const [key, schemas] of gathered.properties) {
      const primary = this.#primaryOptions[key];
      properties[key] = primary !== undefined ? this.#withHintText(primary, schemas) : this.#hint(schemas);
    }
    if (withGenericOptions) {
      for (const [key, primary] of Object.entries(this.#primaryOptions)) {
        if (properties[key] === undefined) properties[key] = { ...primary, doNotSuggest: true };
      }
    }
    const out: SchemaObject = { type: 'object', properties };
    annotate(out, { description: gathered.description });
    this.definitions[name] = out;
    return name;
  }

  /** The primary definition of a shared option, given the per-strategy description when the primary has none. */
  #withHintText(primary: SchemaObject, schemas: SchemaObject[]): SchemaObject {
    if (primary['markdownDescription'] !== undefined || primary['$ref'] !== undefined) return primary;
    const gathered = emptyGathered();
    for (const schema of schemas) this.#gather(schema, gathered, [], false);
    if (gathered.description === undefined) return primary;
    const out = { ...primary };
    annotate(out, { ...primary, description: gathered.description, 'x-release-lifecycle': gathered.lifecycle });
    return out;
  }

  /** Editor hint (descriptions, types, listed values; nothing stricter) for one place the spec describes. */
  hint(schemas: SchemaObject[]): SchemaObject {
    return this.#hint(schemas);
  }

  #hint(schemas: SchemaObject[]): SchemaObject {
    const only = schemas.length === 1 ? schemas[0] : undefined;
    if (only !== undefined && isPureRef(only)) {
      // A bare reference stays a reference: both services merge its target into the property schema, so the type
      // still shapes the inserted value, and shared pieces are written once.
      return { $ref: `#/definitions/${this.#hoist(componentName(refOf(only) ?? ''))}` };
    }
    const gathered = emptyGathered();
    for (const schema of schemas) this.#gather(schema, gathered, [], false);
    return this.#emit(gathered);
  }

  #hoist(component: string): string {
    const name = `${this.#prefix}${component}`;
    if (this.definitions[name] === undefined) {
      this.definitions[name] = {};
      const gathered = emptyGathered();
      this.#gather(componentOf(this.#document, component), gathered, [component], false);
      this.definitions[name] = this.#emit(gathered);
    }
    return name;
  }

  #gather(schema: SchemaObject, into: Gathered, stack: string[], inAlternative: boolean): void {
    const ref = refOf(schema);
    if (ref !== undefined) {
      const name = componentName(ref);
      if (!stack.includes(name)) this.#gather(componentOf(this.#document, name), into, [...stack, name], inAlternative);
    }
    if (typeof schema['description'] === 'string' && into.description === undefined) {
      into.description = schema['description'];
    }
    const lifecycle = schema['x-release-lifecycle'];
    if (typeof lifecycle === 'string' && lifecycle !== 'GA' && into.lifecycle === undefined) into.lifecycle = lifecycle;
    if (schema['deprecated'] === true || lifecycle === 'deprecated') into.deprecated = true;
    const type = schema['type'];
    for (const one of Array.isArray(type) ? type : type !== undefined ? [type] : []) {
      if (typeof one === 'string' && !into.types.includes(one)) into.types.push(one);
    }
    if (Array.isArray(schema['enum'])) for (const value of schema['enum']) pushUnique(into.values, value);
    if (schema['const'] !== undefined) pushUnique(into.values, schema['const']);
    if (schema['default'] !== undefined && !into.hasDefault) {
      into.hasDefault = true;
      into.defaultValue = schema['default'];
    }
    if (Array.isArray(schema['examples'])) for (const value of schema['examples']) pushUnique(into.examples, value);
    if (schema['example'] !== undefined) pushUnique(into.examples, schema['example']);
    if (isObject(schema['properties'])) {
      for (const [key, value] of Object.entries(schema['properties'])) {
        if (!isObject(value)) continue;
        const list = into.properties.get(key) ?? [];
        list.push(value);
        into.properties.set(key, list);
      }
    }
    if (isObject(schema['items'])) into.items.push(schema['items']);
    if (isObject(schema['additionalProperties'])) into.additional.push(schema['additionalProperties']);
    if (!inAlternative) {
      for (const keyword of CONSTRAINT_KEYWORDS) {
        if (schema[keyword] !== undefined && into.constraints[keyword] === undefined) {
          into.constraints[keyword] = schema[keyword];
        }
      }
    }
    for (const branch of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
      if (isObject(branch)) this.#gather(branch, into, stack, inAlternative);
    }
    for (const combinator of ['anyOf', 'oneOf'] as const) {
      const branches = Array.isArray(schema[combinator]) ? (schema[combinator] as unknown[]) : [];
      for (const branch of branches) {
        if (isObject(branch)) this.#gather(branch, into, stack, inAlternative || branches.length > 1);
      }
    }
  }

  #emit(gathered: Gathered): SchemaObject {
    const out: SchemaObject = {};
    const types = normaliseTypes(gathered);
    if (types.length === 1) out['type'] = types[0];
    else if (types.length > 1) out['type'] = types;
    const listedValues = gathered.values.filter((value) => value !== null);
    const onlyBoolean = types.length > 0 && types.every((type) => type === 'boolean' || type === 'null');
    // Listed values become completion proposals (`examples`), not an `enum`: an enum would make any other value an
    // error, and the per-strategy spec is not trusted to be as lenient as the live API.
    const examples = onlyBoolean ? [...gathered.examples] : [...listedValues, ...gathered.examples];
    if (examples.length > 0) out['examples'] = dedupe(examples);
    if (gathered.hasDefault) out['default'] = gathered.defaultValue;
    if (gathered.properties.size > 0) {
      const properties: SchemaObject = {};
      for (const [key, schemas] of gathered.properties) properties[key] = this.#hint(schemas);
      out['properties'] = properties;
    }
    if (gathered.items.length > 0) out['items'] = this.#hint(gathered.items);
    if (gathered.additional.length > 0) out['additionalProperties'] = this.#hint(gathered.additional);
    const valuesInWords =
      listedValues.length > 0 && !onlyBoolean
        ? // The spec's values, plus any the live API is recorded taking (schema/recordedAcceptances.ts).
          `Known values: ${listedValues.map((value) => code(value)).join(', ')}.`
        : undefined;
    annotate(
      out,
      {
        description: gathered.description,
        'x-release-lifecycle': gathered.lifecycle,
        deprecated: gathered.deprecated,
        ...gathered.constraints,
      },
      valuesInWords,
    );
    return out;
  }
}

function normaliseTypes(gathered: Gathered): string[] {
  let types = [...gathered.types];
  if (types.length === 0) {
    for (const value of gathered.values) {
      const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
      if (['string', 'number', 'boolean', 'null', 'object', 'array'].includes(type) && !types.includes(type)) {
        types.push(type);
      }
    }
    if (types.length === 0 && gathered.properties.size > 0) types.push('object');
    if (types.length === 0 && gathered.items.length > 0) types.push('array');
  }
  if (types.includes('number')) types = types.filter((type) => type !== 'integer');
  // The type stays because completion shapes the inserted value from it, but `null` is always allowed: the live API
  // accepted `messaging_service_sid: null` (corpus 33) where the per-strategy spec says string. Stricter type checks
  // are the option checker's warnings.
  if (types.length > 0 && !types.includes('null')) types.push('null');
  // Both services shape the inserted value from the first type, so `null` never comes first.
  return [...types.filter((type) => type !== 'null'), ...types.filter((type) => type === 'null')];
}

function dedupe(values: unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const value of values) pushUnique(result, value);
  return result;
}
