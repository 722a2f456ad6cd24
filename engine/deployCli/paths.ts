/**
 * Paths as deploy-cli resolves them, on forward-slash absolute paths (the server's URI paths, the CLI's paths with
 * `\` turned into `/`), without `node:path`: the engine runs wherever its callers do. `C:/x` counts as absolute.
 */

/** The folder holding `path` (`/a/b/c.json` -> `/a/b`); the root stays the root. */
export function dirnameOf(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  const parent = trimmed.slice(0, slash);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}/` : parent;
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

export function joinPath(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/**
 * `reference` resolved against `folder` as Node's path.resolve does for these inputs: backslashes read as slashes
 * (deploy-cli does `replace(/\\/g, '/')` first), `.` and `..` segments folded.
 */
export function resolvePath(folder: string, reference: string): string {
  const normalized = reference.replace(/\\/g, '/');
  const joined = isAbsolutePath(normalized) ? normalized : joinPath(folder, normalized);
  const drive = /^[A-Za-z]:/.exec(joined)?.[0] ?? '';
  const segments: string[] = [];
  for (const segment of joined.slice(drive.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `${drive}/${segments.join('/')}`;
}

/** The last segment of a path. */
export function basenameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
