/**
 * The JSON schema of a whole deploy-cli tenant file (its `connections:` and `databases:` lists, each item by the
 * item schemas our server uses; other keys free), for the peer: yaml-language-server validates and completes
 * tenant.yaml with it, so both servers do the same work on it. Written once per run under .cache/bench/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONNECTION_ITEM_SCHEMA, DATABASE_ITEM_SCHEMA } from '../languages/index';

/** The item schemas share their definitions; the tenant schema holds them once, at its root. */
export function tenantSchema(): Record<string, unknown> {
  const { definitions, $schema, ...connection } = CONNECTION_ITEM_SCHEMA as { definitions: unknown; $schema: unknown } & Record<string, unknown>;
  const { definitions: _same, $schema: _draft, ...database } = DATABASE_ITEM_SCHEMA as { definitions: unknown; $schema: unknown } & Record<string, unknown>;
  return {
    $schema,
    type: 'object',
    properties: {
      connections: { type: 'array', items: { $ref: '#/definitions/deployCliConnection' } },
      databases: { type: 'array', items: { $ref: '#/definitions/deployCliDatabase' } },
    },
    definitions: { ...(definitions as Record<string, unknown>), deployCliConnection: connection, deployCliDatabase: database },
  };
}

/** Writes the tenant schema for the peer and returns its path. */
export function writeTenantSchema(root: string): string {
  const folder = resolve(root, '.cache/bench');
  mkdirSync(folder, { recursive: true });
  const path = resolve(folder, 'deploy-cli-tenant.schema.json');
  writeFileSync(path, JSON.stringify(tenantSchema()));
  return path;
}
