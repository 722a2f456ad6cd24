/**
 * The tenant's side of a comparison written the way the file is written: what an editor shows beside the file in a
 * text diff, so that a line differs only where the comparison (connectionDiff.ts) finds a difference. Pure.
 *
 *   - only what the file manages: the top-level properties it has (a left-out one is not managed: an update leaves it),
 *     `display_name` when the tenant's is not the name (an update resets it), `enabled_clients` when it lists them,
 *     spelled as the file spells them (a name or a client id);
 *   - a property the tenant leaves out shows Auth0's value for it (`defaultValue`), as the comparison assumes;
 *   - secrets: where the file holds a placeholder that stands for the tenant's value (no variable set, or one equal
 *     to it) the same placeholder; where it holds the tenant's very value, that value (it is the file's own text);
 *     anywhere else the placeholder pull would write. No secret the file does not hold is ever written;
 *   - the file's key order (then the rest as pull orders them), its format, its JSON indentation and its leading
 *     YAML comments (the `$schema` modeline, the placeholder note).
 */

import { stringify } from 'yaml';
import { enabledClientEntries, type ApplicationDirectory } from './applicationNames';
import { CONNECTION_FILE_FIELDS, defaultValue } from './connectionFields';
import { shapeConnection, type FileFormat } from './connectionFile';
import { sameValue } from './connectionDiff';
import { isRecord } from './http';
import { findPlaceholders, placeholderText, replaceSecrets, setAt, valueAt, type PlaceholderValues } from './placeholders';

export interface TenantSideInput {
  /** The file's body as parsed: `$schema` included, keys in the file's order. */
  file: Record<string, unknown>;
  live: Record<string, unknown>;
  /** Client ids enabled on the tenant (needed when the file lists `enabled_clients`). */
  liveEnabled: readonly string[] | undefined;
  directory: ApplicationDirectory | undefined;
  env: PlaceholderValues;
}

/** The tenant's side as a body shaped like the file (see above). */
export function tenantSideBody(input: TenantSideInput): Record<string, unknown> {
  const { file, live } = input;
  const name = typeof live.name === 'string' ? live.name : String(file.name ?? '');
  const shaped = shapeConnection(live);
  const side: Record<string, unknown> = {};
  if (file.$schema !== undefined) side.$schema = file.$schema;
  for (const field of CONNECTION_FILE_FIELDS) {
    if (field === 'enabled_clients') {
      const entries = enabledClientEntries(file);
      if (entries !== undefined) side.enabled_clients = enabledAsWritten(entries, input.liveEnabled ?? [], input.directory);
      continue;
    }
    const value = shaped[field] ?? defaultValue(field, name);
    const managed = field === 'name' || field in file || (field === 'display_name' && value !== name);
    if (managed && value !== undefined) side[field] = value;
  }
  return orderLike(withFileSecrets(side, input, name), file) as Record<string, unknown>;
}

/** The tenant's side as the text of a file in `format`, laid out like `fileText`. */
export function tenantSideText(input: TenantSideInput, format: FileFormat, fileText: string): string {
  const body = tenantSideBody(input);
  if (format === 'json') return JSON.stringify(body, null, jsonIndent(fileText)) + '\n';
  return leadingComments(fileText) + stringify(body, { lineWidth: 0, indent: 2 });
}

/** The live entries as the file writes them: the file's own spelling and order first, the rest by name. */
function enabledAsWritten(entries: readonly string[], liveIds: readonly string[], directory: ApplicationDirectory | undefined): string[] {
  const remaining = new Set(liveIds);
  const written: string[] = [];
  for (const entry of entries) {
    const found = directory?.idFor(entry) ?? { id: entry };
    if ('id' in found && remaining.has(found.id)) {
      written.push(entry);
      remaining.delete(found.id);
    }
  }
  const rest = [...remaining].map((id) => directory?.entryFor(id) ?? id).sort((a, b) => a.localeCompare(b));
  return [...written, ...rest];
}

/** Every secret of `side` replaced as the header says; and each file placeholder standing for the tenant's value kept. */
function withFileSecrets(side: Record<string, unknown>, { file, env }: TenantSideInput, name: string): Record<string, unknown> {
  const { body, placeholders } = replaceSecrets(side, name);
  for (const { path } of placeholders) {
    const written = valueAt(file, path);
    if (written !== undefined && sameValue(written, valueAt(side, path))) setAt(body, path, written);
  }
  for (const { key, path } of findPlaceholders(file)) {
    const current = valueAt(side, path);
    const value = env[key];
    if (current !== undefined && (value === undefined || value === '' || value === current)) setAt(body, path, placeholderText(key));
  }
  return body;
}

/** `value` with its object keys in `template`'s order (recursively), keys the template lacks after them. */
export function orderLike(value: unknown, template: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, index) => orderLike(item, Array.isArray(template) ? template[index] : undefined));
  if (!isRecord(value)) return value;
  const ordered: Record<string, unknown> = {};
  const keys = isRecord(template) ? [...Object.keys(template).filter((key) => key in value), ...Object.keys(value).filter((key) => !(key in template))] : Object.keys(value);
  for (const key of keys) ordered[key] = orderLike(value[key], isRecord(template) ? template[key] : undefined);
  return ordered;
}

/** The indentation of the first indented line of a JSON text (two spaces when there is none). */
export function jsonIndent(text: string): string {
  return /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
}

/** The comment lines (and blank lines between them) a YAML text starts with, as written. */
export function leadingComments(text: string): string {
  const lines = text.split(/\r?\n/);
  let end = 0;
  while (end < lines.length && /^\s*(#.*)?$/.test(lines[end]!)) end++;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return end === 0 ? '' : lines.slice(0, end).join('\n') + '\n';
}
