/**
 * A live connection as a connection file: only what the create body accepts (server-owned `id`,
 * `provisioning_ticket_url`, ... left out), properties in a stable, readable order (CONNECTION_FILE_FIELDS; object
 * keys sorted below them), enabled applications by name, and every secret replaced by a `##KEY##` placeholder.
 * The same shaping, without placeholders, is what a file is compared with. Pure.
 */

import { stringify } from 'yaml';
import { CONNECTION_FILE_FIELDS } from './connectionFields';
import { isRecord } from './http';
import { replaceSecrets, type Placeholder } from './placeholders';

export type FileFormat = 'yaml' | 'json';

export interface ConnectionFile {
  body: Record<string, unknown>;
  /** The placeholders written in place of the tenant's secrets. */
  placeholders: Placeholder[];
}

/** Object keys sorted (recursively); arrays keep their order, which can mean something (scopes, realms). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

/**
 * The file's properties of a live connection, in file order, secrets as they are. `enabledEntries`: the enabled
 * applications as the file writes them (names), sorted; undefined leaves `enabled_clients` out.
 */
export function shapeConnection(live: Record<string, unknown>, enabledEntries?: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of CONNECTION_FILE_FIELDS) {
    if (field === 'enabled_clients') {
      if (enabledEntries !== undefined) body.enabled_clients = [...enabledEntries].sort((a, b) => a.localeCompare(b));
    } else if (live[field] !== undefined) {
      body[field] = sortKeysDeep(live[field]);
    }
  }
  return body;
}

/** What `pull` writes for a live connection: shaped, with placeholders for its secrets. */
export function toConnectionFile(live: Record<string, unknown>, enabledEntries?: readonly string[]): ConnectionFile {
  const name = typeof live.name === 'string' ? live.name : 'connection';
  return replaceSecrets(shapeConnection(live, enabledEntries), name);
}

/** `<name>.connection.<ext>`; a character a file name cannot hold (Auth0 names never have one) becomes `-`. */
export function connectionFileName(name: string, format: FileFormat): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '-');
  return `${safe === '' ? 'connection' : safe}.connection.${format === 'yaml' ? 'yaml' : 'json'}`;
}

const PLACEHOLDER_NOTE = [
  '# Secrets are placeholders: ##KEY## takes the value of the environment variable KEY when it is set;',
  "# otherwise apply keeps the tenant's current value.",
];

/** The file's text: YAML (no line folding, so a key or certificate stays as it was) or JSON with two-space indents. */
export function formatConnectionFile(file: ConnectionFile, format: FileFormat): string {
  if (format === 'json') return JSON.stringify(file.body, null, 2) + '\n';
  const note = file.placeholders.length > 0 ? PLACEHOLDER_NOTE.join('\n') + '\n' : '';
  return note + stringify(file.body, { lineWidth: 0, indent: 2 });
}
