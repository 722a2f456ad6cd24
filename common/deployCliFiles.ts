/**
 * Which files are auth0-deploy-cli's, and in which of its layouts. One answer for the language server, the CLI's
 * folder walk and the VS Code client's decision to start the server:
 *
 * - YAML format: a file named `tenant.yaml` or `tenant.yml` (anywhere), or a JSON/YAML file that the
 *   `auth0Connections.files` setting names and whose top level has a `connections:` or `databases:` list;
 * - directory format: `<root>/connections/<name>.json` and `<root>/database-connections/<name>/database.json`, when
 *   `<root>` looks like a deploy-cli repository (it holds one of DIRECTORY_MARKERS, or a deploy-cli config with
 *   keyword mappings sits in it or above it), or when the `files` setting names the file. A `connections/*.json` in
 *   any other project is not ours.
 *
 * Pure: what a folder holds is asked through a callback, so the server and the CLI each read the disk their own way.
 */

export type DeployCliLayout = 'tenant' | 'connection-file' | 'database-file';

export const TENANT_FILE_NAMES: readonly string[] = ['tenant.yaml', 'tenant.yml'];

/**
 * Entries of a directory-format repository's root besides `connections/` that no other kind of project is likely to
 * hold (deploy-cli's export writes them; one is enough). Generic names it also writes (`clients/`, `pages/`,
 * `emails/`, `rules/`, `actions/`) are left out on purpose: a web app may well have `connections/` beside those.
 */
export const DIRECTORY_MARKERS: readonly string[] = [
  'database-connections',
  'tenant.json',
  'resource-servers',
  'grants',
  'rules-configs',
  'guardian',
  'attack-protection',
  'log-streams',
  'custom-domains',
];

function segmentsOf(path: string): string[] {
  return path.replace(/\\/g, '/').split('/');
}

export function isTenantFileName(path: string): boolean {
  const name = segmentsOf(path).pop()?.toLowerCase() ?? '';
  return TENANT_FILE_NAMES.includes(name);
}

/**
 * The directory-format layout a path has by its place, and the repository root it implies:
 * `<root>/connections/x.json` and `<root>/database-connections/x/database.json`. Undefined for any other path.
 */
export function directoryLayoutOf(path: string): { layout: DeployCliLayout; root: string } | undefined {
  const segments = segmentsOf(path);
  const name = segments[segments.length - 1] ?? '';
  if (segments[segments.length - 2] === 'connections' && /\.json$/i.test(name) && segments.length >= 3) {
    return { layout: 'connection-file', root: segments.slice(0, -2).join('/') || '/' };
  }
  if (name === 'database.json' && segments[segments.length - 3] === 'database-connections' && segments.length >= 4) {
    return { layout: 'database-file', root: segments.slice(0, -3).join('/') || '/' };
  }
  return undefined;
}

/**
 * True when a root with these entries is a deploy-cli repository; `has` answers whether the root folder holds an
 * entry of that name. `database-connections/` counts on its own, so a database.json in it always qualifies.
 */
export function looksLikeDeployCliRoot(has: (name: string) => boolean): boolean {
  return DIRECTORY_MARKERS.some((name) => has(name));
}

/**
 * Whether folders are deploy-cli repository roots, remembered until `clear()` (files changed): `hasEntry` answers
 * whether a folder holds a name, `hasMappings` whether a deploy-cli config with mappings is found from it.
 */
export class RepositoryRoots {
  readonly #known = new Map<string, boolean>();

  constructor(
    private readonly hasEntry: (root: string, name: string) => boolean,
    private readonly hasMappings: (root: string) => boolean,
  ) {}

  is(root: string): boolean {
    let known = this.#known.get(root);
    if (known === undefined) {
      known = looksLikeDeployCliRoot((name) => this.hasEntry(root, name)) || this.hasMappings(root);
      this.#known.set(root, known);
    }
    return known;
  }

  clear(): void {
    this.#known.clear();
  }
}

const YAML_TENANT_LIST = /^(connections|databases)\s*:/m;
const YAML_STRATEGY = /^["']?strategy["']?\s*:/m;
const JSON_TENANT_START = /^\s*\{\s*"(connections|databases)"\s*:/;

/**
 * A document whose top level lists connections (`connections:` / `databases:`) rather than being one connection
 * body: how a file named by the `files` setting is told to be a deploy-cli tenant file.
 */
export function looksLikeTenantDocument(text: string, format: 'json' | 'yaml'): boolean {
  if (format === 'json') return JSON_TENANT_START.test(text);
  return YAML_TENANT_LIST.test(text) && !YAML_STRATEGY.test(text);
}

/**
 * The deploy-cli layout of a document, or undefined when it is not a deploy-cli file. `bySetting`: the `files`
 * setting names it; `isRepositoryRoot` answers for a directory-format root (its entries, or a config above it).
 */
export function deployCliLayoutOf(
  path: string,
  text: string,
  format: 'json' | 'yaml',
  bySetting: boolean,
  isRepositoryRoot: (root: string) => boolean,
): DeployCliLayout | undefined {
  if (format === 'yaml' && isTenantFileName(path)) return 'tenant';
  const directory = format === 'json' ? directoryLayoutOf(path) : undefined;
  if (directory && (bySetting || isRepositoryRoot(directory.root))) return directory.layout;
  if (bySetting && looksLikeTenantDocument(text, format)) return 'tenant';
  return undefined;
}
