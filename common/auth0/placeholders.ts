/**
 * Secrets kept out of connection files: a pulled file holds `##KEY##` where the tenant holds a secret, KEY derived
 * from the connection's name and the secret's path (stable: the same connection and path give the same KEY, a valid
 * environment variable name). Which values are secrets is redact.ts's one list (`maskSecrets`). When a file is sent,
 * a placeholder takes the value of the environment variable KEY when it is set; otherwise apply keeps the tenant's
 * value. Pure functions over plain JSON values.
 */

import { isRecord } from './http';
import { MASK, maskSecrets } from './redact';

export type JsonPath = Array<string | number>;

export interface Placeholder {
  /** The environment variable that gives its value, e.g. `G_SOCIAL_CLIENT_SECRET`. */
  key: string;
  /** Where it stands in the body, e.g. `['options', 'client_secret']`. */
  path: JsonPath;
}

/** A whole string value `##KEY##` (deploy-cli's keyword form) whose KEY is an environment variable name. */
const PLACEHOLDER = /^##([A-Za-z_][A-Za-z0-9_]*)##$/;

export function placeholderText(key: string): string {
  return `##${key}##`;
}

/** The KEY of a placeholder value, or undefined when `value` is not one. */
export function placeholderKeyOf(value: unknown): string | undefined {
  return typeof value === 'string' ? PLACEHOLDER.exec(value)?.[1] : undefined;
}

function words(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/**
 * `G_SOCIAL_CLIENT_SECRET` for the connection `g-social` and the path `options.client_secret`: the name and the path
 * below `options`, camelCase split, every other character an underscore; a leading digit gets an underscore first.
 */
export function placeholderKey(connectionName: string, path: JsonPath): string {
  const below = path[0] === 'options' ? path.slice(1) : path;
  const key = [connectionName, ...below.map(String)].map(words).join('_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  return /^[0-9]/.test(key) || key === '' ? `_${key}` : key;
}

/** The paths of `connection` whose value `maskSecrets` masks: the one list of what is a secret. */
export function secretPaths(connection: unknown): JsonPath[] {
  const found: JsonPath[] = [];
  const walk = (original: unknown, masked: unknown, path: JsonPath) => {
    if (typeof original === 'string') {
      if (masked === MASK && original !== MASK) found.push(path);
    } else if (Array.isArray(original) && Array.isArray(masked)) {
      original.forEach((item, index) => walk(item, masked[index], [...path, index]));
    } else if (isRecord(original) && isRecord(masked)) {
      for (const [key, value] of Object.entries(original)) walk(value, masked[key], [...path, key]);
    }
  };
  walk(connection, maskSecrets(connection), []);
  return found;
}

export function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

/** Sets `path` (whose parents exist) in `target`, in place. */
export function setAt(target: unknown, path: JsonPath, value: unknown): void {
  const parent = valueAt(target, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (isRecord(parent) && typeof last === 'string') parent[last] = value;
}

/**
 * `connection` (a deep copy) with each secret replaced by its placeholder, and the placeholders written. Two paths
 * that would give the same KEY (`clientSecret` and `client_secret`) get `_2`, `_3` in path order.
 */
export function replaceSecrets<T>(connection: T, connectionName: string): { body: T; placeholders: Placeholder[] } {
  const body = structuredClone(connection);
  const placeholders: Placeholder[] = [];
  const used = new Map<string, number>();
  const paths = secretPaths(connection).sort((a, b) => a.join('.').localeCompare(b.join('.')));
  for (const path of paths) {
    const base = placeholderKey(connectionName, path);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    const key = count === 1 ? base : `${base}_${count}`;
    setAt(body, path, placeholderText(key));
    placeholders.push({ key, path });
  }
  return { body, placeholders };
}

/** Every placeholder in `value`, in document order. */
export function findPlaceholders(value: unknown, path: JsonPath = []): Placeholder[] {
  const key = placeholderKeyOf(value);
  if (key !== undefined) return [{ key, path }];
  if (Array.isArray(value)) return value.flatMap((item, index) => findPlaceholders(item, [...path, index]));
  if (isRecord(value)) return Object.entries(value).flatMap(([name, child]) => findPlaceholders(child, [...path, name]));
  return [];
}

/** Where placeholder values come from: the environment (or what a front end passes in its place). */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

export interface Resolution<T> {
  /** A deep copy with every placeholder whose variable is set replaced by its value. */
  body: T;
  fromEnv: Placeholder[];
  /** Placeholders whose variable is not set (or empty): still `##KEY##` in `body`. */
  unresolved: Placeholder[];
  /** The values substituted, so that messages can be scrubbed of them. */
  values: string[];
}

export function resolvePlaceholders<T>(body: T, env: PlaceholderValues): Resolution<T> {
  const copy = structuredClone(body);
  const resolution: Resolution<T> = { body: copy, fromEnv: [], unresolved: [], values: [] };
  for (const placeholder of findPlaceholders(body)) {
    const value = env[placeholder.key];
    if (value === undefined || value === '') {
      resolution.unresolved.push(placeholder);
      continue;
    }
    setAt(copy, placeholder.path, value);
    resolution.fromEnv.push(placeholder);
    resolution.values.push(value);
  }
  return resolution;
}

export function formatPlaceholders(placeholders: readonly Placeholder[]): string {
  return placeholders.map((p) => placeholderText(p.key)).join(', ');
}
