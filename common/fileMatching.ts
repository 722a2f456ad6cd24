/**
 * Which documents are Auth0 connection files. The same answer drives the language server, the create command and the
 * CLI's folder/glob expansion: a default file-name pattern, a `$schema` naming our schema (JSON), the
 * yaml-language-server modeline naming it (YAML), or a glob from the `auth0Connections.files` setting.
 */
import picomatch from 'picomatch';
import { CONNECTION_SCHEMA_FILE_NAME, CONNECTION_SCHEMA_URI, DEFAULT_FILE_PATTERNS } from './protocol';

export type ConnectionFileReason = 'file name' | '$schema' | 'modeline' | 'setting' | 'deploy-cli tenant file' | 'deploy-cli directory layout';

export interface ConnectionFileMatch {
  isConnectionFile: boolean;
  reason?: ConnectionFileReason;
}

/** True when a `$schema` value or modeline URI names our schema (by our URI or by a path ending in its file name). */
export function namesConnectionSchema(uri: string): boolean {
  const trimmed = uri.trim();
  if (trimmed === CONNECTION_SCHEMA_URI) return true;
  const withoutQuery = trimmed.split(/[?#]/)[0] ?? '';
  return withoutQuery === CONNECTION_SCHEMA_FILE_NAME || withoutQuery.endsWith('/' + CONNECTION_SCHEMA_FILE_NAME);
}

// Only the head of a document is searched: `$schema` and modelines sit at the top, and a multi-megabyte file must
// not be scanned on every keystroke.
/** How much of a document's start is read for the schema it names (the rest never decides it). */
export const SCHEMA_HEAD_CHARS = 4096;
const JSON_SCHEMA_KEY = /"\$schema"\s*:\s*"((?:[^"\\]|\\.)*)"/;
const YAML_MODELINE = /^#\s*yaml-language-server\s*:.*\$schema=(\S+)/m;
const YAML_SCHEMA_KEY = /^["']?\$schema["']?\s*:\s*["']?([^"'\s#]+)/m;

/** The schema a document names for itself, if any. */
export function declaredSchema(text: string, format: 'json' | 'yaml'): string | undefined {
  const head = text.slice(0, SCHEMA_HEAD_CHARS);
  if (format === 'json') return JSON_SCHEMA_KEY.exec(head)?.[1];
  return YAML_MODELINE.exec(head)?.[1] ?? YAML_SCHEMA_KEY.exec(head)?.[1];
}

/** The format a file name implies, or undefined for anything that is neither JSON nor YAML. */
export function formatFromPath(path: string): 'json' | 'yaml' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/**
 * Whether a document is read as JSON or YAML. The file extension decides when it names one: clients do send a wrong
 * `languageId` (eglot 1.9 sends `yaml` for every file of a server entry that lists YAML and JSON modes; Emacs 28
 * opens `.json` in `js-mode`), and reading a `.json` file as YAML would format it into YAML flow style. The
 * `languageId` decides only for documents without such an extension (untitled buffers, extension-less paths, other
 * extensions that a `files` glob names).
 */
export function documentFormat(path: string, languageId: string): 'json' | 'yaml' | undefined {
  const byExtension = formatFromPath(path);
  if (byExtension) return byExtension;
  switch (languageId) {
    case 'json':
    case 'jsonc':
      return 'json';
    case 'yaml':
      return 'yaml';
    default:
      return undefined;
  }
}

/**
 * Compiled matcher over absolute, forward-slash paths. `extraPatterns` are the setting's globs: absolute ones as
 * they are, relative ones anchored at every workspace folder (and, like VS Code's own `files.associations`, a
 * pattern without a slash matches a file name anywhere).
 */
export class ConnectionFileMatcher {
  readonly #matchesDefault: (path: string) => boolean;
  readonly #matchesSetting: (path: string) => boolean;
  /** Every pattern that selects a file by its path (defaults, then the setting's, anchored): an LSP document selector. */
  readonly pathPatterns: readonly string[];

  constructor(extraPatterns: readonly string[] = [], workspaceFolders: readonly string[] = []) {
    this.#matchesDefault = picomatch([...DEFAULT_FILE_PATTERNS], { dot: true, nocase: true });
    const anchored: string[] = [];
    for (const raw of extraPatterns) {
      const pattern = raw.trim().replace(/\\/g, '/');
      if (!pattern) continue;
      if (pattern.startsWith('/') || pattern.startsWith('**/')) anchored.push(pattern);
      else if (!pattern.includes('/')) anchored.push('**/' + pattern);
      else for (const folder of workspaceFolders) anchored.push(trimSlash(folder) + '/' + pattern.replace(/^\.\//, ''));
    }
    this.#matchesSetting = anchored.length ? picomatch(anchored, { dot: true }) : () => false;
    this.pathPatterns = [...DEFAULT_FILE_PATTERNS, ...anchored];
  }

  match(path: string, text: string, format: 'json' | 'yaml'): ConnectionFileMatch {
    const normalized = path.replace(/\\/g, '/');
    if (this.#matchesDefault(normalized)) return { isConnectionFile: true, reason: 'file name' };
    if (this.#matchesSetting(normalized)) return { isConnectionFile: true, reason: 'setting' };
    const schema = declaredSchema(text, format);
    if (schema !== undefined && namesConnectionSchema(schema)) {
      return { isConnectionFile: true, reason: format === 'json' ? '$schema' : 'modeline' };
    }
    return { isConnectionFile: false };
  }

  /** Path-only test (no content), for folder walks that pick files by pattern before reading them. */
  matchesPath(path: string): boolean {
    const normalized = path.replace(/\\/g, '/');
    return this.#matchesDefault(normalized) || this.#matchesSetting(normalized);
  }
}

function trimSlash(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/\/+$/, '');
}
