/**
 * The schemas of a deploy-cli connection item, derived from the bundled connection schema (so they can never drift
 * from it): the body as deploy-cli's files write it, where it differs from the API's. `enabled_clients` holds
 * application names and is no deprecation (deploy-cli enables them through the clients endpoint), custom scripts
 * and the passwordless email body are paths of files, and a `databases:` item is an `auth0` connection whose
 * `strategy` may be left out. For validation each strategy also gets a variant holding only its own branch of the
 * schema's per-strategy `allOf`: a JSON-Schema validator then evaluates one branch per item instead of every
 * strategy's `if` (measured on the 2,000-item benchmark tenant file: about 5x faster).
 */
import { DEPLOY_CLI_ITEM_PROPERTIES, type DeployCliItemKind } from '../engine/index';
import { CONNECTION_SCHEMA } from './schemaSource';

type Schema = Record<string, unknown>;

const SCHEMA = CONNECTION_SCHEMA as Schema & { properties: Record<string, Schema>; definitions: Record<string, Schema>; allOf: Schema[] };

function described(schema: Schema, text: string): Schema {
  const { deprecationMessage: _deprecation, ...rest } = schema;
  return { ...rest, description: text, markdownDescription: text };
}

const ENABLED_CLIENTS_TEXT =
  'The applications this connection is enabled for, by **name** (deploy-cli looks the names up among the tenant\'s ' +
  'applications and enables them through `PATCH /api/v2/connections/{id}/clients`; it never sends this property in the body). ' +
  'Names it cannot find are passed on as they are, so a client ID works too.';

function itemDefinitions(): Record<string, Schema> {
  const definitions = { ...SCHEMA.definitions };
  const scripts = definitions['ConnectionCustomScripts'];
  if (scripts) {
    const properties = Object.fromEntries(
      Object.entries((scripts['properties'] ?? {}) as Record<string, Schema>).map(([name, schema]) => [
        name,
        described(schema, `deploy-cli: the path of the \`${name}\` script (a .js file), relative to the tenant file's folder (YAML) or to the database's folder (database-connections/<name>/). deploy-cli sends the file's text, keywords replaced.`),
      ]),
    );
    definitions['ConnectionCustomScripts'] = { ...scripts, properties };
  }
  const emailBody = definitions['perStrategy.ConnectionEmailBodyEmail'];
  if (emailBody) {
    definitions['perStrategy.ConnectionEmailBodyEmail'] = described(
      emailBody,
      'deploy-cli: the path of an .html file, relative to the `connections` folder (beside tenant.yaml, or the directory format\'s `connections/`). deploy-cli sends the file\'s text, keywords replaced.',
    );
  }
  return definitions;
}

const DEFINITIONS = itemDefinitions();
const PROPERTIES: Record<string, Schema> = {
  ...SCHEMA.properties,
  enabled_clients: described(SCHEMA.properties['enabled_clients'] ?? {}, ENABLED_CLIENTS_TEXT),
  ...Object.fromEntries(Object.entries(DEPLOY_CLI_ITEM_PROPERTIES).map(([key, text]) => [key, { type: 'object', description: text, markdownDescription: text }])),
};

/** A `connections:` item (or connections/<name>.json): the connection schema, every strategy's branch included. */
export const CONNECTION_ITEM_SCHEMA: Schema = { ...SCHEMA, properties: PROPERTIES, definitions: DEFINITIONS };

const AUTH0_BRANCH = SCHEMA.allOf.find((branch) => strategyOfBranch(branch) === 'auth0');

/** A `databases:` item (or database-connections/<name>/database.json): an `auth0` connection, `strategy` optional. */
export const DATABASE_ITEM_SCHEMA: Schema = {
  ...SCHEMA,
  description: 'A database connection in a deploy-cli tenant file (strategy auth0).',
  markdownDescription: 'A database connection (`strategy: auth0`) as deploy-cli writes it; `strategy` may be left out.',
  required: ['name'],
  properties: {
    ...PROPERTIES,
    strategy: {
      type: 'string',
      enum: ['auth0'],
      description: 'deploy-cli: database connections are always auth0; it fills this in when left out.',
      markdownDescription: 'deploy-cli: database connections are always `auth0`; it fills this in when left out.',
    },
  },
  allOf: AUTH0_BRANCH ? [AUTH0_BRANCH['then'] as Schema] : [],
  definitions: DEFINITIONS,
};

function strategyOfBranch(branch: Schema): string | undefined {
  const condition = branch['if'] as { properties?: { strategy?: { const?: unknown } } } | undefined;
  const value = condition?.properties?.strategy?.const;
  return typeof value === 'string' ? value : undefined;
}

const BRANCHES = new Map(SCHEMA.allOf.flatMap((branch) => {
  const strategy = strategyOfBranch(branch);
  return strategy ? [[strategy, branch['then'] as Schema] as const] : [];
}));

/**
 * Every validation variant: one per strategy, one for an unknown or missing strategy, one for database items. Each
 * keeps only the definitions it reaches: the validator resolves a schema by walking all of it, definitions included,
 * and one strategy needs a small part of the 400 KB (resolving all 57 whole variants took ~0.5 s on first use).
 */
export function validationVariants(): Array<{ name: string; schema: Schema }> {
  const variants: Array<{ name: string; schema: Schema }> = [...BRANCHES].map(([strategy, then]) => ({
    name: `strategy-${strategy}`,
    schema: reachableOnly({ ...CONNECTION_ITEM_SCHEMA, allOf: [then] }),
  }));
  variants.push({ name: 'strategy-unknown', schema: reachableOnly({ ...CONNECTION_ITEM_SCHEMA, allOf: [] }) });
  variants.push({ name: 'database', schema: reachableOnly(DATABASE_ITEM_SCHEMA) });
  return variants;
}

const DEFINITION_REF = '#/definitions/';

/** The schema with only the definitions its `$ref`s reach, directly or through other definitions. */
function reachableOnly(schema: Schema): Schema {
  const { definitions, ...rest } = schema as Schema & { definitions: Record<string, unknown> };
  const kept: Record<string, unknown> = {};
  const pending: unknown[] = [rest];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(DEFINITION_REF)) {
          const name = value.slice(DEFINITION_REF.length);
          if (!(name in kept) && name in definitions) {
            kept[name] = definitions[name];
            pending.push(definitions[name]);
          }
        } else {
          pending.push(value);
        }
      }
    }
  }
  return { ...rest, definitions: kept };
}

/** The validation variant of an item: equivalent to the whole item schema for that item, with one branch. */
export function validationVariantFor(kind: DeployCliItemKind, strategy: string | undefined): string {
  if (kind === 'database') return 'database';
  return strategy !== undefined && BRANCHES.has(strategy) ? `strategy-${strategy}` : 'strategy-unknown';
}
