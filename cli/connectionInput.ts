/**
 * A connection file read for sending or comparing: its text, its parsed body and the engine's findings (the same
 * check as `validate` and the editor). Whether it may be sent is the engine's one pre-send check
 * (`checkBeforeSending`): a document with errors is never sent.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatFromPath } from '../common/fileMatching';
import { checkBeforeSending, parseBody, type ParsedBody, type SendCheck } from '../engine/index';
import { checkOne, readConnectionFile, type ModeCache } from './checkFiles';
import { describeFsError } from './inputs';
import type { CliIO } from './io';
import { buildReport, type ReportedDiagnostic } from './reporters';

export interface ConnectionInput {
  path: string;
  text: string;
  parsed: ParsedBody;
  diagnostics: ReportedDiagnostic[];
  errors: ReportedDiagnostic[];
}

/** The file and its findings, or why it cannot be read (a folder, unknown type, missing, unreadable). */
export async function readConnectionInput(filePath: string, io: CliIO, modes: ModeCache): Promise<ConnectionInput | { problem: string }> {
  const absolutePath = resolve(io.cwd, filePath);
  // What the path is comes first: a folder or a missing file is that, whatever its name ends in.
  const info = await stat(absolutePath).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) return { problem: `${filePath}: ${describeFsError(info, filePath)}` };
  if (info.isDirectory()) {
    return { problem: `${filePath}: This is a folder; this command sends connection files one by one. Name the files in it (validate checks a whole folder).` };
  }
  const format = formatFromPath(filePath);
  if (format === undefined) return { problem: `${filePath}: Unknown file type: a connection file ends in .json, .yaml or .yml, which tells its format.` };
  const file = { displayPath: filePath, absolutePath, format };
  const read = await readConnectionFile(file);
  if ('problem' in read) return { problem: `${read.problem.displayPath}: ${read.problem.message}` };
  const parsed = parseBody(read.text, format);
  const report = buildReport([await checkOne(file, read.text, modes, parsed)], [], false);
  const diagnostics = report.files[0]?.diagnostics ?? [];
  return { path: filePath, text: read.text, parsed, diagnostics, errors: diagnostics.filter((d) => d.severity === 'error') };
}

/** `path:line:col: severity code message` on stderr for the findings of the given severities. */
export function printDiagnostics(input: ConnectionInput, io: CliIO, severities: ReadonlyArray<ReportedDiagnostic['severity']> = ['error', 'warning']): void {
  for (const d of input.diagnostics) {
    if (severities.includes(d.severity)) io.err(`${input.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}\n`);
  }
}

/** The request body, or why this file is not sent (syntax, errors, not one object). */
export function sendable(input: ConnectionInput): SendCheck<ReportedDiagnostic> {
  return checkBeforeSending(input.parsed, input.errors);
}

/** One line saying why a file is not sent, for any refusal of `sendable`. */
export function notSentReason(input: ConnectionInput, check: Exclude<SendCheck<ReportedDiagnostic>, { ok: true }>): string {
  if (check.reason === 'body') return check.message;
  const count = Math.max(1, input.errors.length);
  return `${input.path} has ${count} error${count === 1 ? '' : 's'}. Fix ${count === 1 ? 'it' : 'them'} and try again`;
}
