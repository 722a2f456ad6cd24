/**
 * `npm run schemas`: the vendored OpenAPI spec -> `schemas/connection.schema.json` (the editor schema both language
 * services use) and `schemas/strategy-options.json` (the strict per-strategy data the option checker validates
 * against). Pure functions build both; running this file writes them. Never edit the outputs by hand.
 *
 * Dialect: JSON Schema draft-07 (`definitions`, `#/definitions/...`, `if`/`then`/`else`), the newest dialect that
 * vscode-json-languageservice 5.7 and yaml-language-server 1.25 both honour fully for validation, completion and hover.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeStrategy, strategyInfo } from '../common/strategies';
import { NAME_PATTERN_ERROR } from './schema/constraints';
import { Draft07Converter } from './schema/draft07';
import {
  componentOf,
  isObject,
  loadPerStrategySpec,
  loadPrimarySpec,
  SCHEMAS_DIR,
  type OpenApiDocument,
  type SchemaObject,
} from './schema/openapi';
import { EditorHintBuilder, findStrategyBodies, type StrategyBody } from './schema/perStrategy';
import { withRecordedAcceptances } from './schema/recordedAcceptances';

export const CONNECTION_SCHEMA_FILE = path.join(SCHEMAS_DIR, 'connection.schema.json');
export const STRATEGY_OPTIONS_FILE = path.join(SCHEMAS_DIR, 'strategy-options.json');

/** Definitions built from the per-strategy spec are prefixed so they never clash with the primary spec's names. */
const PER_STRATEGY_PREFIX = 'perStrategy.';

const DOCS_URL = 'https://auth0.com/docs/api/management/v2/connections/post-connections';

const ROOT_MARKDOWN = [
  'The body of `POST /api/v2/connections` (Auth0 Management API v2): it creates one connection.',
  'Sending it needs a Management API access token with the scope `create:connections`.',
  `[Create a connection: API documentation](${DOCS_URL})`,
].join('\n\n');

// auth0-deploy-cli#1290: "Payload validation error: 'Additional properties not allowed: enabled_clients'".
const ENABLED_CLIENTS_DEPRECATION =
  "Deprecated: tenants on the newer client management refuse it (400 Payload validation error: 'Additional properties not allowed: enabled_clients'). " +
  'Enable the connection for applications afterwards with PATCH /api/v2/connections/{id}/clients.';

export interface StrategyOptionsData {
  /** Strategies with a per-strategy options schema: the definition holding it and whether the strategy is deprecated. */
  strategies: Record<string, { options: string; deprecated: boolean; bodyProperties: string[] }>;
  /** Top-level option names each strategy's schema lists (flattened). */
  optionNames: Record<string, string[]>;
  /** Option names the primary spec lists for every strategy (`ConnectionPropertiesOptions`). */
  genericOptionNames: string[];
  /** Strict draft-07 definitions (all constraints kept) for validating `options` per strategy. */
  definitions: Record<string, SchemaObject>;
}

export interface GeneratedSchemas {
  connectionSchema: SchemaObject;
  strategyOptions: StrategyOptionsData;
}

/**
 * Both outputs from the two specs, after the relaxations the live API's recorded answers call for
 * (schema/recordedAcceptances.ts).
 */
export function generateSchemas(
  vendoredPrimary: OpenApiDocument = loadPrimarySpec(),
  vendoredPerStrategy: OpenApiDocument = loadPerStrategySpec(),
): GeneratedSchemas {
  const { primary, perStrategy } = withRecordedAcceptances(vendoredPrimary, vendoredPerStrategy);
  const bodies = findStrategyBodies(perStrategy).filter((body) => primaryStrategies(primary).includes(body.strategy));
  return {
    connectionSchema: buildConnectionSchema(primary, perStrategy, bodies),
    strategyOptions: buildStrategyOptions(primary, perStrategy, bodies),
  };
}

/** The editor schema alone (what `schemas/connection.schema.json` holds). */
export function generateConnectionSchema(): SchemaObject {
  return generateSchemas().connectionSchema;
}

/**
 * Database connections get every option of the primary spec checked against its definition, also those their
 * per-strategy schema does not list (`upstream_params`, `api_enable_users`, ...): Auth0 validates the options of
 * database connections against that schema (docs/SEVERITY.md). The extra ones are not offered in completion.
 */
function checksGenericOptions(strategy: string): boolean {
  return strategyInfo(strategy)?.kind === 'database';
}

function primaryStrategies(primary: OpenApiDocument): string[] {
  const values = componentOf(primary, 'ConnectionIdentityProviderEnum')['enum'];
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}

function buildConnectionSchema(primary: OpenApiDocument, perStrategy: OpenApiDocument, bodies: StrategyBody[]): SchemaObject {
  const converter = new Draft07Converter(primary, { definitionPrefix: '', enrich: true });
  const body = converter.convert(componentOf(primary, 'CreateConnectionRequestContent'));
  const genericOptions = componentOf(primary, 'ConnectionPropertiesOptions');
  const primaryOptions: Record<string, SchemaObject> = {};
  for (const [key, value] of Object.entries(isObject(genericOptions['properties']) ? genericOptions['properties'] : {})) {
    if (isObject(value)) primaryOptions[key] = converter.convert(value);
  }
  const genericOptionsRef = converter.refTo('ConnectionPropertiesOptions');
  converter.drain();

  const hints = new EditorHintBuilder(perStrategy, PER_STRATEGY_PREFIX, primaryOptions);
  const strategyBranches: SchemaObject[] = bodies.map((strategyBody) => ({
    if: { properties: { strategy: { const: strategyBody.strategy } }, required: ['strategy'] },
    then: {
      properties: {
        // doNotSuggest: the root already offers `options`; without it yaml-language-server lists the key twice.
        options: {
          $ref: `#/definitions/${hints.optionsDefinition(strategyBody.optionsComponent, checksGenericOptions(strategyBody.strategy))}`,
          doNotSuggest: true,
        },
      },
    },
  }));
  // Missing or unknown strategy (or one without a per-strategy schema): the generic options keep their help.
  const genericBranch: SchemaObject = {
    if: {
      properties: { strategy: { enum: bodies.map((strategyBody) => strategyBody.strategy) } },
      required: ['strategy'],
    },
    then: {},
    else: { properties: { options: { ...genericOptionsRef, doNotSuggest: true } } },
  };

  const bodyProperties = isObject(body['properties']) ? body['properties'] : {};
  const properties: SchemaObject = {
    $schema: {
      type: 'string',
      description: 'The JSON Schema this file is written against (editor only; not part of the request).',
      markdownDescription: 'The JSON Schema this file is written against (editor only; not part of the request).',
      doNotSuggest: true,
    },
  };
  for (const [key, value] of Object.entries(bodyProperties)) {
    properties[key] = isObject(value) ? decorateBodyProperty(key, value) : value;
  }

  // The per-strategy file is a newer revision: body fields it adds (the live API accepted corpus 41 with
  // `cross_app_access_resource_app`) are known to the editor, as hints only.
  const newerBody = componentOf(perStrategy, 'CreateConnectionRequestContent')['properties'];
  for (const [key, value] of Object.entries(isObject(newerBody) ? newerBody : {})) {
    if (properties[key] === undefined && isObject(value)) properties[key] = hints.hint([value]);
  }

  const definitions: Record<string, SchemaObject> = { ...converter.definitions, ...hints.definitions };
  decorateStrategyEnum(definitions, bodies);
  addPurposeSnippets(definitions);

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    // No root `title`: yaml-language-server repeats the closest title as a heading over every hover in the file.
    description:
      'The body of POST /api/v2/connections (Auth0 Management API v2). Sending it needs an access token with the scope create:connections.',
    markdownDescription: ROOT_MARKDOWN,
    type: 'object',
    required: body['required'],
    additionalProperties: false,
    properties,
    allOf: [...strategyBranches, genericBranch],
    definitions: sortKeys(definitions),
  };
}

/** Facts the spec states in prose, turned into what an editor acts on. */
function decorateBodyProperty(key: string, schema: SchemaObject): SchemaObject {
  switch (key) {
    case 'name':
      return { ...schema, patternErrorMessage: NAME_PATTERN_ERROR };
    case 'enabled_clients':
      return {
        ...schema,
        markdownDescription: `**Deprecated**\n\n${String(schema['markdownDescription'] ?? '')}`,
        deprecationMessage: ENABLED_CLIENTS_DEPRECATION,
      };
    case 'options':
      // Only the shape here; `allOf` below picks the strategy's options (or the generic ones) for help and checks.
      return { type: 'object' };
    default:
      return schema;
  }
}

function decorateStrategyEnum(definitions: Record<string, SchemaObject>, bodies: StrategyBody[]): void {
  const strategyEnum = definitions['ConnectionIdentityProviderEnum'];
  if (!strategyEnum || !Array.isArray(strategyEnum['enum'])) throw new Error('The spec lost its strategy enum');
  const values = strategyEnum['enum'].map(String);
  const unknown = values.filter((value) => describeStrategy(value) === 'Unknown strategy');
  if (unknown.length > 0) throw new Error(`common/strategies.ts has no description for: ${unknown.join(', ')}`);
  const deprecated = new Set(bodies.filter((body) => body.deprecated).map((body) => body.strategy));
  strategyEnum['enumDescriptions'] = values.map((value) => describeStrategy(value));
  strategyEnum['markdownEnumDescriptions'] = values.map((value) =>
    deprecated.has(value) ? `**Deprecated**: ${describeStrategy(value)}` : describeStrategy(value),
  );
  // No `errorMessage` here: the services' own "Valid values: ..." message is what the quick fix for a misspelt
  // strategy reads its candidates from.
}

/** Purpose objects require `active`; inserting them with it filled saves the user a required-property error. */
function addPurposeSnippets(definitions: Record<string, SchemaObject>): void {
  for (const name of ['ConnectionAuthenticationPurpose', 'ConnectionConnectedAccountsPurpose', 'CrossAppAccessRequestingApp']) {
    const definition = definitions[name];
    if (definition) definition['defaultSnippets'] = [{ label: '{ active: true }', body: { active: true } }];
  }
}

function buildStrategyOptions(
  primary: OpenApiDocument,
  perStrategy: OpenApiDocument,
  bodies: StrategyBody[],
): StrategyOptionsData {
  const strict = new Draft07Converter(perStrategy, { definitionPrefix: '', enrich: false });
  const names = new EditorHintBuilder(perStrategy, PER_STRATEGY_PREFIX, {});
  const strategies: StrategyOptionsData['strategies'] = {};
  const optionNames: StrategyOptionsData['optionNames'] = {};
  for (const body of bodies) {
    strict.refTo(body.optionsComponent);
    strategies[body.strategy] = {
      options: strict.definitionName(body.optionsComponent),
      deprecated: body.deprecated,
      bodyProperties: body.bodyProperties,
    };
    optionNames[body.strategy] = names.optionNames(body.optionsComponent);
  }
  strict.drain();
  for (const definition of Object.values(strict.definitions)) relaxForChecker(definition);
  const genericOptions = componentOf(primary, 'ConnectionPropertiesOptions')['properties'];
  return {
    strategies,
    optionNames,
    genericOptionNames: isObject(genericOptions) ? Object.keys(genericOptions) : [],
    definitions: sortKeys(strict.definitions),
  };
}

/**
 * A spec artefact that would make the checker wrong rather than strict: `oneOf` branches told apart only by `format`
 * (domain name vs URI) both match once formats are not checked, and "must match exactly one" then fails for every
 * valid value; `anyOf` says what the spec means. (Constraints the live API is recorded breaking are relaxed before
 * this, with their evidence: schema/recordedAcceptances.ts.)
 */
function relaxForChecker(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) relaxForChecker(item);
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node['oneOf'])) {
    node['anyOf'] = node['oneOf'];
    delete node['oneOf'];
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') relaxForChecker(value);
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The exact text written to disk: two-space JSON with a trailing newline. */
export function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

if (require.main === module) {
  const generated = generateSchemas();
  const schemaText = serialise(generated.connectionSchema);
  const optionsText = serialise(generated.strategyOptions);
  writeFileSync(CONNECTION_SCHEMA_FILE, schemaText);
  writeFileSync(STRATEGY_OPTIONS_FILE, optionsText);
  console.log(
    `Wrote ${path.relative(process.cwd(), CONNECTION_SCHEMA_FILE)} (${schemaText.length} bytes) and ` +
      `${path.relative(process.cwd(), STRATEGY_OPTIONS_FILE)} (${optionsText.length} bytes): ` +
      `${Object.keys(generated.strategyOptions.strategies).length} strategies with per-strategy options.`,
  );
}
