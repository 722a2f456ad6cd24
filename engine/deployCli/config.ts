/**
 * Where deploy-cli's keyword mappings come from, as a0deploy assembles them (src/commands/import.ts, nconf 0.13):
 * AUTH0_KEYWORD_REPLACE_MAPPINGS in the config file (usually `config.json`, named by `-c`), plus, with `--env` (the
 * CLI's default), every environment variable as a key, the environment winning on a clash; an environment variable
 * AUTH0_KEYWORD_REPLACE_MAPPINGS holding JSON replaces all of it. Pure: the caller reads the files (the server and
 * the CLI each have a small module for that) and hands the text in.
 */
import { dirnameOf, joinPath } from './paths';

export const MAPPINGS_KEY = 'AUTH0_KEYWORD_REPLACE_MAPPINGS';
export const CONFIG_FILE_NAME = 'config.json';

/** Where one mapping's value comes from, for hover. */
export type MappingOrigin = 'config' | 'environment' | 'environment-json';

export interface KeywordMappings {
  /** In deploy-cli's key order (`Object.keys`), the order it replaces them in. */
  values: Record<string, unknown>;
  origins: Record<string, MappingOrigin>;
  /** The config file the mappings were read from. */
  configPath: string;
}

/** A config file's text read: its mappings, or why it has none. */
export type ConfigRead =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; reason: 'unreadable' | 'not-json' | 'no-mappings' | 'not-an-object'; message: string };

/** AUTH0_KEYWORD_REPLACE_MAPPINGS from a config file's text (an object, or a string of JSON as deploy-cli accepts). */
export function readConfigText(text: string): ConfigRead {
  let config: unknown;
  try {
    config = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, reason: 'not-json', message: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isRecord(config) || !(MAPPINGS_KEY in config)) return { ok: false, reason: 'no-mappings', message: `it has no ${MAPPINGS_KEY}` };
  const values = asObject(config[MAPPINGS_KEY]);
  if (!values) return { ok: false, reason: 'not-an-object', message: `its ${MAPPINGS_KEY} is not an object of keywords and values` };
  return { ok: true, values };
}

/**
 * The mappings a0deploy would use with this config: with `useEnvironment` (its `--env`, on by default), the
 * environment's variables are added (and win), unless the environment holds AUTH0_KEYWORD_REPLACE_MAPPINGS, which
 * then is the whole of them.
 */
export function effectiveMappings(
  configPath: string,
  fromConfig: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  useEnvironment = true,
): KeywordMappings {
  const origins: Record<string, MappingOrigin> = {};
  if (useEnvironment) {
    const fromEnvJson = env[MAPPINGS_KEY] !== undefined ? asObject(env[MAPPINGS_KEY]) : undefined;
    if (fromEnvJson) {
      for (const key of Object.keys(fromEnvJson)) origins[key] = 'environment-json';
      return { values: fromEnvJson, origins, configPath };
    }
  }
  const values: Record<string, unknown> = { ...fromConfig };
  for (const key of Object.keys(values)) origins[key] = 'config';
  if (useEnvironment) {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) continue;
      values[key] = value;
      origins[key] = 'environment';
    }
  }
  return { values, origins, configPath };
}

/**
 * The nearest `config.json` holding AUTH0_KEYWORD_REPLACE_MAPPINGS in `folder` or a folder above it (up to and
 * including `stopAt` when given), read through `readText` (undefined for a file that does not exist). A config.json
 * without mappings (another tool's) is passed over; one whose mappings cannot be read stops the search with a
 * problem, since it is the one a0deploy would be given.
 */
export function findConfig(
  folder: string,
  readText: (path: string) => string | undefined,
  stopAt?: string,
): { path: string; read: ConfigRead } | undefined {
  let current = folder;
  for (let depth = 0; depth < 64; depth++) {
    const path = joinPath(current, CONFIG_FILE_NAME);
    const text = readText(path);
    if (text !== undefined) {
      const read = readConfigText(text);
      if (read.ok || read.reason === 'not-an-object') return { path, read };
    }
    const parent = dirnameOf(current);
    if (parent === current || (stopAt !== undefined && current === stopAt)) return undefined;
    current = parent;
  }
  return undefined;
}

/** How a deploy-cli file's mappings are found: a named config, else the nearest one up the tree. */
export interface MappingsLookup {
  /** The folder of the deploy-cli file. */
  folder: string;
  readText: (path: string) => string | undefined;
  /** The config named by a setting or `--config` (absolute); the walk up the tree is not made then. */
  configPath?: string;
  /** The walk stops after this folder (the workspace folder). */
  stopAt?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The mappings a0deploy would use for a file in `folder`, or none (keywords are then placeholders), with the problem
 * of a config that is named or found but cannot be used.
 */
export function lookUpMappings(lookup: MappingsLookup): { mappings?: KeywordMappings; problem?: { path: string; message: string } } {
  let found: { path: string; read: ConfigRead } | undefined;
  if (lookup.configPath !== undefined) {
    const text = lookup.readText(lookup.configPath);
    found = { path: lookup.configPath, read: text === undefined ? { ok: false, reason: 'unreadable', message: 'it cannot be read (is it there?)' } : readConfigText(text) };
  } else {
    found = findConfig(lookup.folder, lookup.readText, lookup.stopAt);
  }
  if (!found) return {};
  if (!found.read.ok) return { problem: { path: found.path, message: found.read.message } };
  return { mappings: effectiveMappings(found.path, found.read.values, lookup.env) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** deploy-cli's `ensureObject`: an object as is, a string parsed as JSON. */
function asObject(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
