/**
 * OpenAPI 3.1 schema objects -> JSON Schema draft-07 with the editor annotations both language services read.
 * Used for the primary spec (validating: what it says is what the API enforces) and, without enrichment, for the
 * strict per-strategy data the option checker validates against.
 */
import { describeConstraints } from './constraints';
import {
  componentName,
  componentOf,
  isObject,
  isVendorExtension,
  refOf,
  STANDARD_FORMATS,
  type OpenApiDocument,
  type SchemaObject,
} from './openapi';
import { htmlToMarkdown, htmlToPlainText, lifecycleBadge, paragraphs } from './text';

/** Keywords copied as they are: their meaning is the same in OpenAPI 3.1 and draft-07. */
const COPIED_KEYWORDS = [
  'type',
  'enum',
  'const',
  'default',
  'required',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

const VALIDATION_KEYWORDS = new Set<string>([
  ...COPIED_KEYWORDS,
  'properties',
  'items',
  'additionalProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

export interface ConversionOptions {
  /** Prefix of the definition names this conversion creates, so two specs can share one `definitions` map. */
  definitionPrefix: string;
  /** Add markdownDescription, badges and constraint words (editor schema) or keep only validation (checker). */
  enrich: boolean;
}

/**
 * Converts the component schemas reachable from some roots into one `definitions` map. Each component becomes one
 * definition, converted the first time something refers to it.
 */
export class Draft07Converter {
  readonly definitions: Record<string, SchemaObject> = {};
  readonly #document: OpenApiDocument;
  readonly #options: ConversionOptions;
  readonly #pending: string[] = [];

  constructor(document: OpenApiDocument, options: ConversionOptions) {
    this.#document = document;
    this.#options = options;
  }

  /** `$ref` pointing at the converted definition of component `name` (converted on demand). */
  refTo(name: string): SchemaObject {
    this.#require(name);
    return { $ref: `#/definitions/${this.definitionName(name)}` };
  }

  definitionName(component: string): string {
    return `${this.#options.definitionPrefix}${component}`;
  }

  /** Converts every component queued so far (and what those refer to). */
  drain(): void {
    for (let name = this.#pending.shift(); name !== undefined; name = this.#pending.shift()) {
      const key = this.definitionName(name);
      if (this.definitions[key] !== undefined) continue;
      this.definitions[key] = {}; // placeholder: breaks cycles while converting
      this.definitions[key] = this.convert(componentOf(this.#document, name));
    }
  }

  #require(name: string): void {
    if (this.definitions[this.definitionName(name)] === undefined) this.#pending.push(name);
  }

  convert(schema: SchemaObject): SchemaObject {
    const ref = refOf(schema);
    if (ref !== undefined) {
      const name = componentName(ref);
      const siblings = Object.keys(schema).filter(
        (key) => key !== '$ref' && (this.#options.enrich ? !isMeaninglessSibling(key, schema) : VALIDATION_KEYWORDS.has(key)),
      );
      if (siblings.length === 0) return this.refTo(name);
      // Both language services let the referenced schema overwrite keywords written beside `$ref`, so a reference
      // with its own description or lifecycle marker is inlined one level instead.
      const { $ref: _ignored, ...own } = schema;
      return this.convert({ ...componentOf(this.#document, name), ...own });
    }

    const out: SchemaObject = {};
    for (const keyword of COPIED_KEYWORDS) {
      if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
    }
    if (typeof schema['format'] === 'string' && STANDARD_FORMATS.has(schema['format'])) out['format'] = schema['format'];
    if (Array.isArray(schema['examples'])) out['examples'] = schema['examples'];
    else if (schema['example'] !== undefined) out['examples'] = [schema['example']];

    if (isObject(schema['properties'])) {
      const properties: SchemaObject = {};
      for (const [key, value] of Object.entries(schema['properties'])) {
        if (isObject(value)) properties[key] = this.convert(value);
      }
      out['properties'] = properties;
    }
    if (isObject(schema['items'])) out['items'] = this.convert(schema['items']);
    const additional = schema['additionalProperties'];
    if (typeof additional === 'boolean') out['additionalProperties'] = additional;
    else if (isObject(additional)) out['additionalProperties'] = this.convert(additional);
    for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = schema[combinator];
      if (Array.isArray(branches)) out[combinator] = branches.filter(isObject).map((branch) => this.convert(branch));
    }
    if (isObject(schema['not'])) out['not'] = this.convert(schema['not']);

    if (this.#options.enrich) annotate(out, schema);
    return out;
  }
}

/** Vendor extensions and documentation that say nothing once the reference is followed. */
function isMeaninglessSibling(key: string, schema: SchemaObject): boolean {
  if (key === 'x-release-lifecycle') return schema[key] === 'GA';
  return isVendorExtension(key);
}

/**
 * Adds what a hover shows: badge, description as markdown, constraints in words; and `deprecationMessage` for what
 * the spec marks deprecated (editors then strike it through and stop suggesting it).
 */
export function annotate(out: SchemaObject, source: SchemaObject, extraMarkdown?: string): void {
  const lifecycle = source['x-release-lifecycle'];
  const deprecated = source['deprecated'] === true || lifecycle === 'deprecated';
  const badge = lifecycleBadge(deprecated ? 'deprecated' : lifecycle);
  const description = typeof source['description'] === 'string' ? source['description'] : undefined;
  if (description !== undefined) out['description'] = htmlToPlainText(description);
  const markdown = paragraphs(
    badge,
    description !== undefined ? htmlToMarkdown(description) : undefined,
    describeConstraints(source),
    extraMarkdown,
  );
  if (markdown.length > 0) out['markdownDescription'] = markdown;
  if (deprecated) {
    out['deprecationMessage'] =
      description !== undefined
        ? `Deprecated by Auth0. ${htmlToPlainText(description)}`
        : 'Deprecated by Auth0; avoid it in new connections.';
  }
}
