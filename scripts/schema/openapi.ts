/**
 * The two vendored OpenAPI documents, read as plain objects, and the few helpers every conversion step needs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

export type SchemaObject = Record<string, unknown>;

export interface OpenApiDocument {
  components: { schemas: Record<string, SchemaObject> };
}

export const SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');
export const PRIMARY_SPEC_FILE = path.join(SCHEMAS_DIR, 'post-connections.openapi.yaml');
export const PER_STRATEGY_SPEC_FILE = path.join(SCHEMAS_DIR, 'post-connections.per-strategy.openapi.json');

export function loadPrimarySpec(file = PRIMARY_SPEC_FILE): OpenApiDocument {
  return parseYaml(readFileSync(file, 'utf8')) as OpenApiDocument;
}

export function loadPerStrategySpec(file = PER_STRATEGY_SPEC_FILE): OpenApiDocument {
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

const COMPONENT_REF_PREFIX = '#/components/schemas/';

/** `#/components/schemas/Foo` -> `Foo`; throws on any other kind of reference (the spec uses none). */
export function componentName(ref: string): string {
  if (!ref.startsWith(COMPONENT_REF_PREFIX)) throw new Error(`Unsupported $ref ${ref}`);
  return ref.slice(COMPONENT_REF_PREFIX.length);
}

export function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function refOf(schema: SchemaObject): string | undefined {
  return typeof schema['$ref'] === 'string' ? schema['$ref'] : undefined;
}

export function componentOf(document: OpenApiDocument, name: string): SchemaObject {
  const schema = document.components.schemas[name];
  if (!schema) throw new Error(`The spec has no component schema ${name}`);
  return schema;
}

/** Keywords that only annotate; a schema made of these and one `$ref` is still "just the reference". */
export function isVendorExtension(key: string): boolean {
  return key.startsWith('x-');
}

/** Formats both language services know; the spec's own (`client-id`, `connection-realm`) mean nothing to them. */
export const STANDARD_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri']);
