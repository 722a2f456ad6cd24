/**
 * Naming of connection files and of connections: the rule the API applies to `name`, and the file name the
 * "New Connection File..." command derives from it. No `vscode` import: the client, the server and the CLI share it.
 */

export type ConnectionFileFormat = 'json' | 'yaml';

/** The API's rule for `name` (CreateConnectionRequestContent.name in the spec). */
export const CONNECTION_NAME_PATTERN = /^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$/;
export const CONNECTION_NAME_MAX_LENGTH = 128;

/**
 * Why `name` is not an acceptable connection name, in one sentence a person can act on; `undefined` when it is fine.
 * Checks the same rule as the API (pattern + max length) but names the first thing that breaks it.
 */
export function connectionNameProblem(name: string): string | undefined {
  if (name.length === 0) {
    return 'Enter a name: letters, digits and single hyphens, e.g. my-connection.';
  }
  if (name.length > CONNECTION_NAME_MAX_LENGTH) {
    return `The name is ${name.length} characters long; the maximum is ${CONNECTION_NAME_MAX_LENGTH}.`;
  }
  const bad = /[^a-zA-Z0-9-]/.exec(name);
  if (bad) {
    const what = bad[0] === ' ' ? 'a space' : `'${bad[0]}'`;
    return `The name contains ${what} (position ${bad.index + 1}); use only letters, digits and '-'.`;
  }
  if (name.startsWith('-')) {
    return 'The name must start with a letter or a digit, not \'-\'.';
  }
  if (name.endsWith('-')) {
    return 'The name must end with a letter or a digit, not \'-\'.';
  }
  if (name.includes('--')) {
    return 'The name cannot contain two hyphens in a row.';
  }
  // The checks above cover the pattern; keep the regex as the final word so the two can never disagree.
  return CONNECTION_NAME_PATTERN.test(name) ? undefined : 'The name does not match the connection name rule.';
}

export function isValidConnectionName(name: string): boolean {
  return connectionNameProblem(name) === undefined;
}

/** File extension (without dot) written for a format. */
export function formatExtension(format: ConnectionFileFormat): string {
  return format === 'json' ? 'json' : 'yaml';
}

/** `<name>.connection.<ext>`, the file name matched by the default file patterns. */
export function connectionFileName(name: string, format: ConnectionFileFormat): string {
  return `${name}.connection.${formatExtension(format)}`;
}

/** The format of a connection file name (`x.connection.json|yaml|yml`), or undefined when it is not one. */
export function connectionFileFormat(fileName: string): ConnectionFileFormat | undefined {
  const match = /\.connection\.(json|ya?ml)$/i.exec(fileName);
  if (!match?.[1]) {
    return undefined;
  }
  return match[1].toLowerCase() === 'json' ? 'json' : 'yaml';
}

/**
 * The first of `base`, `base-2`, `base-3`, ... whose file name `exists` does not report taken; used to suggest a
 * name that does not collide with a file already in the folder.
 */
export function firstFreeConnectionName(
  base: string,
  format: ConnectionFileFormat,
  exists: (fileName: string) => boolean,
  limit = 100,
): string {
  if (!exists(connectionFileName(base, format))) {
    return base;
  }
  for (let i = 2; i <= limit; i++) {
    const candidate = `${base}-${i}`;
    if (candidate.length <= CONNECTION_NAME_MAX_LENGTH && !exists(connectionFileName(candidate, format))) {
      return candidate;
    }
  }
  return base;
}
