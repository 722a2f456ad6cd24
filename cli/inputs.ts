/**
 * Turns the `validate` arguments into the files to check. A file named explicitly is checked whatever its name (its
 * format from its extension); a folder or a glob picks connection files the way the editor does (file-name
 * patterns, or a `$schema` / modeline naming our schema), skipping `node_modules` and `.git`.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { ConnectionFileMatcher, formatFromPath } from '../common/fileMatching';
import { DEFAULT_FILE_PATTERNS } from '../common/protocol';
import { errorMessage } from '../common/errors';
import type { DeployCliLayout } from '../common/deployCliFiles';
import type { DeployCliFiles } from './deployCliFiles';

export interface InputFile {
  /** As shown to the user: built from the argument as typed. */
  displayPath: string;
  absolutePath: string;
  format: 'json' | 'yaml';
  /** Set for an auth0-deploy-cli file: checked item by item, keywords replaced. */
  deployCli?: DeployCliLayout;
  /** Named on the command line (checked whatever its name; its content may still make it a deploy-cli file). */
  explicit?: boolean;
}

/** Why an argument gave nothing to check; each becomes one line on stderr and exit code 2. */
export interface InputProblem {
  displayPath: string;
  message: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  problems: InputProblem[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const HEAD_BYTES = 4096;
const PATTERNS_TEXT =
  `${DEFAULT_FILE_PATTERNS.map((p) => p.replace('**/', '')).join(', ')}, a $schema naming connection.schema.json, ` +
  'or an auth0-deploy-cli repository: tenant.yaml, connections/*.json, database-connections/*/database.json';

export async function expandInputs(args: readonly string[], cwd: string, deployCli: DeployCliFiles): Promise<ExpandedInputs> {
  const matcher: FileKinds = { connection: new ConnectionFileMatcher(), deployCli };
  const files = new Map<string, InputFile>();
  const problems: InputProblem[] = [];
  const add = (file: InputFile) => {
    if (!files.has(file.absolutePath)) files.set(file.absolutePath, file);
  };

  for (const arg of args) {
    const absolutePath = resolve(cwd, arg);
    const info = await stat(absolutePath).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const found = await walk(absolutePath, arg, () => true, matcher);
        if (found.connectionFiles.length === 0) {
          problems.push({ displayPath: arg, message: `No connection files in this folder (looked for ${PATTERNS_TEXT}).` });
        }
        found.connectionFiles.forEach(add);
        problems.push(...found.problems);
      } else {
        const format = formatFromPath(arg);
        if (format === undefined) {
          problems.push({
            displayPath: arg,
            message: 'Unknown file type: a connection file ends in .json, .yaml or .yml, which tells its format.',
          });
        } else {
          const byName = matcher.connection.matchesPath(absolutePath.split(sep).join('/'));
          add({ displayPath: arg, absolutePath, format, explicit: true, ...(byName ? {} : layoutOf(deployCli, absolutePath, format)) });
        }
      }
      continue;
    }
    const scan = picomatch.scan(arg);
    if (info.code === 'ENOENT' && scan.isGlob) {
      await expandGlob(arg, scan.base, scan.glob, cwd, matcher, add, problems);
      continue;
    }
    problems.push({ displayPath: arg, message: describeFsError(info, arg) });
  }
  return { files: [...files.values()], problems };
}

async function expandGlob(
  arg: string,
  base: string,
  glob: string,
  cwd: string,
  matcher: FileKinds,
  add: (file: InputFile) => void,
  problems: InputProblem[],
): Promise<void> {
  const root = resolve(cwd, base === '' ? '.' : base);
  const rootInfo = await stat(root).catch(() => undefined);
  if (!rootInfo?.isDirectory()) {
    problems.push({ displayPath: arg, message: `Nothing matches this pattern: the folder "${base}" does not exist.` });
    return;
  }
  const test = picomatch(glob, { dot: false });
  const found = await walk(root, base, (relativePath) => test(relativePath), matcher);
  problems.push(...found.problems);
  if (found.connectionFiles.length > 0) {
    found.connectionFiles.forEach(add);
  } else if (found.otherMatches === 0) {
    problems.push({ displayPath: arg, message: 'Nothing matches this pattern.' });
  } else {
    problems.push({
      displayPath: arg,
      message:
        `This pattern matches ${found.otherMatches} file${found.otherMatches === 1 ? '' : 's'}, but none is a connection file ` +
        `(${PATTERNS_TEXT}). Name a file explicitly to check it whatever its name.`,
    });
  }
}

/** How a walk tells the files it checks: connection files by name or $schema, deploy-cli files by their place. */
interface FileKinds {
  connection: ConnectionFileMatcher;
  deployCli: DeployCliFiles;
}

function layoutOf(deployCli: DeployCliFiles, path: string, format: 'json' | 'yaml'): Pick<InputFile, 'deployCli'> {
  const layout = deployCli.layoutOf(path, format);
  return layout ? { deployCli: layout } : {};
}

interface WalkResult {
  connectionFiles: InputFile[];
  /** Files the filter accepted that are not connection files. */
  otherMatches: number;
  problems: InputProblem[];
}

/**
 * Every connection file under `root` that `accept` (given the path relative to root, with forward slashes) lets
 * through. Symbolic links to folders are not followed, so a link loop cannot hang the walk.
 */
async function walk(
  root: string,
  displayRoot: string,
  accept: (relativePath: string) => boolean,
  matcher: FileKinds,
): Promise<WalkResult> {
  const result: WalkResult = { connectionFiles: [], otherMatches: 0, problems: [] };
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const displayPath = displayOf(root, displayRoot, folder);
      result.problems.push({ displayPath, message: describeFsError(error, displayPath) });
      continue;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      let isFile = entry.isFile();
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
        continue;
      }
      if (entry.isSymbolicLink()) {
        isFile = (await stat(path).catch(() => undefined))?.isFile() ?? false;
      }
      if (!isFile) continue;
      const relativePath = relative(root, path).split(sep).join('/');
      if (!accept(relativePath)) continue;
      const format = formatFromPath(path);
      const posixPath = path.split(sep).join('/');
      const isConnectionFile =
        format !== undefined &&
        (matcher.connection.matchesPath(posixPath) || matcher.connection.match(posixPath, await readHead(path), format).isConnectionFile);
      const deployCli = format !== undefined && !isConnectionFile ? layoutOf(matcher.deployCli, path, format) : {};
      if (format !== undefined && (isConnectionFile || deployCli.deployCli)) {
        result.connectionFiles.push({ displayPath: displayOf(root, displayRoot, path), absolutePath: path, format, ...deployCli });
      } else {
        result.otherMatches++;
      }
    }
  }
  return result;
}

/** The path as the user would write it: the argument they typed, then the part below it. */
function displayOf(root: string, displayRoot: string, path: string): string {
  const below = relative(root, path).split(sep).join('/');
  if (below === '') return displayRoot;
  if (displayRoot === '' || displayRoot === '.') return below;
  return displayRoot.replace(/[\\/]+$/, '') + '/' + below;
}

/** The first few KB of a file, where `$schema` and modelines sit; empty when it cannot be read. */
async function readHead(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** What a file-system error means for `path`, in words. */
export function describeFsError(error: unknown, path = ''): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      // Node.js reads file names (and arguments) as UTF-8: bytes that are not become U+FFFD, a name no file has.
      return path.includes('\uFFFD')
        ? 'Its name is not valid UTF-8 (the bytes shown as "\uFFFD"), and file names are read as UTF-8 here, so the file cannot be opened by that name. Rename it with a UTF-8 name.'
        : 'No such file or folder.';
    case 'EACCES':
    case 'EPERM':
      return 'Permission denied: the file cannot be read.';
    case 'EISDIR':
      return 'This is a folder, not a file.';
    case 'ENOTDIR':
      return 'A part of this path is a file, not a folder.';
    case 'ELOOP':
      return 'Too many symbolic links (a link loop?).';
    case 'ENAMETOOLONG':
      return 'The path is too long.';
    default:
      return `Cannot read it (${code ?? (errorMessage(error))}).`;
  }
}
