/**
 * Runs the editor's engine (`validateDocument`: syntax, schema, semantic rules, per-strategy checks) over files on
 * disk, one at a time, and keeps what a report needs. A file that cannot be read, is too large or is binary is a
 * problem for that file, never a crash.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../engine/index';
import type { ParsedBody } from '../engine/index';
import { createJsonMode, createYamlMode, DeployCliDocuments, validateDocument, type LanguageMode } from '../languages/index';
import { describeFsError, type InputFile, type InputProblem } from './inputs';
import { errorMessage } from '../common/errors';
import type { DeployCliFiles } from './deployCliFiles';

/** Past this the file is not read at all: a connection body is a few KB, and reading gigabytes would exhaust memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface FileReport {
  file: InputFile;
  text: string;
  diagnostics: Diagnostic[];
  /** True when the text is not well-formed JSON or YAML (the other findings may then be incomplete). */
  unparsable: boolean;
}

export interface CheckResult {
  reports: FileReport[];
  problems: InputProblem[];
}

/** One mode per format, created on first use and shared by every file (the services are costly to build). */
export class ModeCache {
  #json: LanguageMode | undefined;
  #yaml: LanguageMode | undefined;
  #deployCli: DeployCliDocuments | undefined;

  get(format: 'json' | 'yaml'): LanguageMode {
    if (format === 'json') return (this.#json ??= createJsonMode());
    return (this.#yaml ??= createYamlMode());
  }

  get deployCli(): DeployCliDocuments {
    return (this.#deployCli ??= new DeployCliDocuments());
  }
}

/**
 * Opened without waiting: a named pipe with no writer would otherwise block `open` forever. (No effect on regular
 * files; Windows has no such flag and no such pipes.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The text of a file, or a problem saying why it cannot be checked. The file is opened first and what was opened
 * is examined (so a link cannot change between the check and the read): only a regular file of at most
 * MAX_FILE_BYTES is read, never a pipe or a device such as /dev/zero, which has no end.
 */
export async function readConnectionFile(file: InputFile): Promise<{ text: string } | { problem: InputProblem }> {
  const problem = (message: string) => ({ problem: { displayPath: file.displayPath, message } });
  let handle: FileHandle | undefined;
  try {
    handle = await open(file.absolutePath, OPEN_FLAGS);
    const info = await handle.stat();
    const notAFile = describeNotAFile(info);
    if (notAFile !== undefined) return problem(notAFile);
    if (info.size > MAX_FILE_BYTES) return problem(tooLarge(info.size));
    // Read through the handle, and no more than the cap even if the file grows meanwhile.
    const bytes = await readAtMost(handle, MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) return problem(tooLarge(bytes.length));
    const text = bytes.toString('utf8');
    // A byte-order mark is not part of the document; editors hide it, so must we (or every column of line 1 shifts).
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return problem(describeFsError(error, file.displayPath));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function tooLarge(bytes: number): string {
  return `This file is ${Math.round(bytes / (1024 * 1024))} MB; files over ${MAX_FILE_BYTES / (1024 * 1024)} MB are not checked (a connection body is a few KB).`;
}

/** Why what was opened is not a file to read, or undefined for a regular file. */
export function describeNotAFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return 'This is a folder, not a file.';
  if (info.isFIFO()) return 'This is a named pipe (FIFO), not a file: only regular files are read, since a pipe may never end.';
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    return 'This is a device (or a link to one, such as /dev/zero), not a file: only regular files are read, since a device may never end.';
  }
  if (info.isSocket()) return 'This is a socket, not a file: only regular files are read.';
  return 'This is not a regular file: only regular files are read.';
}

async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(1024 * 1024, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** A deploy-cli file: every item, keyword and file reference it holds, by the editor's checks. */
async function checkDeployCliFile(file: InputFile, text: string, modes: ModeCache, deployCli: DeployCliFiles): Promise<FileReport | undefined> {
  const layout = file.deployCli ?? (file.explicit ? deployCli.layoutOf(file.absolutePath, file.format, text) : undefined);
  if (!layout) return undefined;
  const uri = pathToFileURL(file.absolutePath).href;
  const document = TextDocument.create(uri, file.format, 1, text);
  const context = deployCli.contextFor(file.absolutePath, layout);
  try {
    const diagnostics = await modes.deployCli.validate(document, file.format, context);
    const parsed = modes.deployCli.analysis(document, file.format, context).parsed;
    return { file: { ...file, deployCli: layout }, text, diagnostics, unparsable: parsed.syntaxProblems.length > 0 || diagnostics.some((d) => d.code === 'not-text') };
  } finally {
    modes.deployCli.onDocumentRemoved(uri);
  }
}

export async function checkOne(file: InputFile, text: string, modes: ModeCache, parsed?: ParsedBody): Promise<FileReport> {
  const mode = modes.get(file.format);
  const uri = pathToFileURL(file.absolutePath).href;
  const document = TextDocument.create(uri, file.format, 1, text);
  try {
    const body = parsed ?? mode.parseBody(document);
    const diagnostics = await validateDocument(document, mode, body);
    const blank = text.trim() === '';
    // In the editor an empty file is one being written (and gets the scaffold completion); in CI it is a mistake
    // the services stay silent about (an empty JSON file, a YAML file of comments only), so say it here.
    if (body.root === undefined && !diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) {
      diagnostics.unshift({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        code: 'empty-document',
        source: DIAGNOSTIC_SOURCE,
        message: 'This file holds no connection body: write one object with at least "name" and "strategy".',
      });
    }
    // Judged from our own parse, not from diagnostic codes, which name what a service reported, not why.
    const unparsable = (!blank && body.syntaxProblems.length > 0) || diagnostics.some((d) => d.code === 'not-text');
    return { file, text, diagnostics, unparsable };
  } finally {
    mode.onDocumentRemoved(uri);
  }
}

export async function checkFiles(files: readonly InputFile[], deployCli: DeployCliFiles, modes = new ModeCache()): Promise<CheckResult> {
  const result: CheckResult = { reports: [], problems: [] };
  for (const file of files) {
    const read = await readConnectionFile(file);
    if ('problem' in read) {
      result.problems.push(read.problem);
      continue;
    }
    try {
      result.reports.push((await checkDeployCliFile(file, read.text, modes, deployCli)) ?? (await checkOne(file, read.text, modes)));
    } catch (error) {
      // The engine is meant never to throw; if it does, say so for this file and go on with the others.
      const detail = errorMessage(error);
      result.problems.push({ displayPath: file.displayPath, message: `Internal error while checking this file: ${detail}` });
    }
  }
  return result;
}
