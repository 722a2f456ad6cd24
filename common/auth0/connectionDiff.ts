/**
 * A connection file against the live connection, semantically: key order, formatting and values equal to what
 * Auth0 assumes for a left-out property are not differences; what is, is listed by JSON path as added (in the
 * file only), removed (on the tenant only) or changed, with secrets masked on both sides. A placeholder whose
 * variable is not set stands for the tenant's value ("kept"). Pure.
 *
 * What a file leaves out at the top level is not managed by it (an update leaves such properties as they are),
 * except `display_name`, which Auth0 resets to the name when an update omits it. Inside `options` a left-out key
 * is a removal: an update replaces `options` whole.
 */

import { formatPropertyPath } from './auth0Errors';
import { CONNECTION_FILE_FIELDS, defaultValue } from './connectionFields';
import { isRecord } from './http';
import { MASK, maskSecrets } from './redact';
import { placeholderText, resolvePlaceholders, secretPaths, setAt, valueAt, type JsonPath, type Placeholder, type PlaceholderValues } from './placeholders';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface PropertyChange {
  kind: ChangeKind;
  /** `options.scope`, `realms[0]`. */
  path: string;
  segments: JsonPath;
  /** The file's value as shown (secrets masked, placeholders as written); absent for `removed`. */
  file?: unknown;
  /** The tenant's value as shown (secrets masked); absent for `added`. */
  live?: unknown;
  /** True when either side is a secret (or a placeholder): the values above are masked. */
  secret: boolean;
}

export interface Comparison {
  changes: PropertyChange[];
  /** Placeholders with no value given: the tenant's value stays. */
  kept: Placeholder[];
  /** Placeholders given a value by their environment variable. */
  fromEnv: Placeholder[];
  /** Placeholders with no value given and no value on the tenant: nothing to send for them. */
  unresolved: Placeholder[];
  /** `options` paths the tenant has and the file does not: an update deletes them. */
  removedOptions: string[];
  /** The tenant returned no `options` (a token without read:connections_options?): they cannot be compared. */
  optionsUnreadable: boolean;
}

/** A comparison and what an update needs beyond it (holds secrets: never shown). */
export interface Diffed {
  /** Safe to show: values masked, placeholders as written. */
  comparison: Comparison;
  /** The body the file stands for, placeholders replaced (from the environment, else the tenant's value). */
  desired: Record<string, unknown>;
  /** The values put in place of placeholders (from the environment or the tenant): secrets wherever they stand. */
  placeholderValues: string[];
}

/** Deep equality of JSON values, key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}

/** The file's body with its placeholders resolved: from `env`, else from the tenant's value at the same path. */
export function resolveAgainstLive(file: Record<string, unknown>, live: Record<string, unknown>, env: PlaceholderValues) {
  const resolution = resolvePlaceholders(file, env);
  const kept: Placeholder[] = [];
  const unresolved: Placeholder[] = [];
  const values = [...resolution.values];
  for (const placeholder of resolution.unresolved) {
    const current = valueAt(live, placeholder.path);
    if (current === undefined) {
      unresolved.push(placeholder);
    } else {
      setAt(resolution.body, placeholder.path, current);
      kept.push(placeholder);
      if (typeof current === 'string') values.push(current);
    }
  }
  return { desired: resolution.body, fromEnv: resolution.fromEnv, kept, unresolved, values };
}

/** Compares `file` (a parsed connection file) with `live` (the connection as the tenant returned it). */
export function compareConnection(file: Record<string, unknown>, live: Record<string, unknown>, env: PlaceholderValues = {}): Comparison {
  return diffConnection(file, live, env).comparison;
}

/** `compareConnection`, plus the body an update would send. */
export function diffConnection(file: Record<string, unknown>, live: Record<string, unknown>, env: PlaceholderValues = {}): Diffed {
  const { desired, fromEnv, kept, unresolved, values } = resolveAgainstLive(file, live, env);
  const name = typeof live.name === 'string' ? live.name : String(file.name);
  // Both sides as compared: the properties the file manages, with Auth0's value for one left out.
  const wanted: Record<string, unknown> = {};
  const current: Record<string, unknown> = {};
  for (const field of CONNECTION_FILE_FIELDS) {
    if (field === 'name' || field === 'enabled_clients') continue;
    const value = desired[field] ?? (field === 'display_name' ? name : undefined);
    if (value === undefined) continue; // not managed by the file
    wanted[field] = value;
    current[field] = live[field] ?? defaultValue(field, name);
  }
  const raw: RawChange[] = [];
  diffValues([], wanted, current, raw);
  const shownFile = file.display_name === undefined ? { ...file, display_name: name } : file;
  const show = displayTrees(shownFile, { ...live, ...current }, [...fromEnv, ...unresolved]);
  const changes = raw.map((change) => ({
    ...change,
    ...(change.kind !== 'removed' ? { file: valueAt(show.file, change.segments) } : {}),
    ...(change.kind !== 'added' ? { live: valueAt(show.live, change.segments) } : {}),
    secret: show.secret(change.segments),
  }));
  const comparison: Comparison = {
    changes,
    kept,
    fromEnv,
    unresolved,
    removedOptions: changes.filter((c) => c.kind === 'removed' && c.segments[0] === 'options').map((c) => c.path),
    optionsUnreadable: desired.options !== undefined && live.options === undefined,
  };
  return { comparison, desired, placeholderValues: values };
}

type RawChange = Omit<PropertyChange, 'file' | 'live' | 'secret'>;

function diffValues(path: JsonPath, wanted: unknown, current: unknown, out: RawChange[]): void {
  if (sameValue(wanted, current)) return;
  const at = (segments: JsonPath) => ({ path: formatPropertyPath(segments), segments });
  if (current === undefined) {
    out.push({ kind: 'added', ...at(path) });
  } else if (isRecord(wanted) && isRecord(current)) {
    for (const key of new Set([...Object.keys(wanted), ...Object.keys(current)])) {
      if (!(key in current)) out.push({ kind: 'added', ...at([...path, key]) });
      else if (!(key in wanted)) out.push({ kind: 'removed', ...at([...path, key]) });
      else diffValues([...path, key], wanted[key], current[key], out);
    }
  } else {
    out.push({ kind: 'changed', ...at(path) });
  }
}

/**
 * What a diff may show of each side: the tenant's connection and the file, secrets masked, and the file's
 * placeholders as written (never the value a variable gave them).
 */
function displayTrees(file: Record<string, unknown>, live: Record<string, unknown>, placeholders: readonly Placeholder[]) {
  const shownFile = maskSecrets(file);
  for (const placeholder of placeholders) setAt(shownFile, placeholder.path, placeholderText(placeholder.key));
  const shownLive = maskSecrets(live);
  const secret = new Set([...secretPaths(live), ...secretPaths(file), ...placeholders.map((p) => p.path)].map((p) => JSON.stringify(p)));
  const isSecret = (segments: JsonPath) => {
    for (let length = segments.length; length >= 0; length--) if (secret.has(JSON.stringify(segments.slice(0, length)))) return true;
    // A change whose value holds a secret below it (an added object) is masked there too.
    const shown = JSON.stringify(valueAt(shownFile, segments) ?? null) + JSON.stringify(valueAt(shownLive, segments) ?? null);
    return shown.includes(MASK);
  };
  return { file: shownFile, live: shownLive, secret: isSecret };
}
