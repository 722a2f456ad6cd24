/**
 * The connection document a tenant command acts on: found from the command's argument (a URI from a menu, a string
 * from a test or another extension, or the active editor), checked to be a connection file, and read into the body
 * to send by the shared pre-check (engine/sendCheck.ts) on its current text, unsaved edits included.
 */
import * as vscode from 'vscode';
import { connectionFileFormat } from '../../../common/connectionFiles';
import { errorMessage } from '../../../common/errors';
import type { DeployCliItemResult } from '../../../common/protocol';
import { documentFormat as formatOfDocument } from '../../../common/fileMatching';
import { checkBeforeSending, parseBody, type DocumentFormat, type PathSegment, type SendCheck } from '../../../engine/index';
import { API_DIAGNOSTIC_SOURCE } from './apiDiagnostics';
import type { Auth0Log } from './log';
import { refusal, showRefusal, type Refusal } from './tenantSession';

export interface ConnectionDocumentDeps {
  log: Auth0Log;
  isConnectionFile(document: vscode.TextDocument): Promise<boolean> | boolean;
  /** True when the server serves the document as an auth0-deploy-cli file (as far as it has said). */
  isDeployCliFile?(document: vscode.TextDocument): boolean;
  /** Diagnostics of the document's current text computed now, or undefined when the server cannot say. */
  diagnosticsNow(document: vscode.TextDocument): Promise<vscode.Diagnostic[] | undefined>;
  /** The deploy-cli connection item at a position, as the server reads it; undefined when there is none. */
  deployCliItemAt?(document: vscode.TextDocument, position: vscode.Position): Promise<DeployCliItem | undefined>;
}

export type DeployCliItem = NonNullable<DeployCliItemResult['item']>;

/** A snapshot of the document as it will be sent: what is parsed is what is sent, whatever the editor does meanwhile. */
export interface CheckedDocument {
  document: vscode.TextDocument;
  version: number;
  format: DocumentFormat;
  /** The text the body was read from. */
  text: string;
  body: Extract<SendCheck, { ok: true }>;
  /** The errors the document has (only with `errors: 'allow'`; otherwise it was refused). */
  errorCount: number;
  /**
   * Where the connection stands in the document when the document holds more than it (an item of deploy-cli's
   * tenant.yaml, see deployCliItem.ts): a 400's property is looked up below it. Absent: the document is the body.
   */
  pathPrefix?: PathSegment[];
  /** The diff's right side when it is not the document itself: the item as deploy-cli sends it, written as a connection file. */
  rightSide?: { name: string; text: string };
  /** Where the item was found (a deploy-cli file): what Compare passes on to Apply, and Try Again to itself. */
  position?: { line: number; character: number };
  /** How messages name what is sent ("connections[1] of tenant.yaml"); the file name when absent. */
  what?: string;
}

export interface CheckOptions {
  /** `refuse` (default): a document with errors is not sent. `allow`: it is read anyway (Compare reads; it sends nothing). */
  errors?: 'refuse' | 'allow';
  /** What the refusals say was not done ("sent" by default; "compared"). */
  verb?: string;
}

/** The document named by a command argument (an open document with its unsaved edits is preferred), or the active editor's. */
export async function documentFor(uri: string | vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri === undefined) return vscode.window.activeTextEditor?.document;
  const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  try {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === parsed.toString()) ?? (await vscode.workspace.openTextDocument(parsed));
  } catch {
    return undefined;
  }
}

export function fileName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : (document.uri.path.split('/').pop() ?? document.uri.path);
}

/** JSON or YAML, as the server reads it (the extension first, the language id only without one). */
export function documentFormat(document: vscode.TextDocument): DocumentFormat {
  return formatOfDocument(document.uri.path, document.languageId) ?? 'json';
}

/** The body to send, or the refusal (already shown): not a connection file, not well-formed, with errors, not an object. */
export async function checkedDocument(deps: ConnectionDocumentDeps, document: vscode.TextDocument, options: CheckOptions = {}): Promise<CheckedDocument | Refusal> {
  const file = fileName(document);
  const verb = options.verb ?? 'sent';
  if (deps.isDeployCliFile?.(document)) {
    // Served, but item by item: it is not one body to send.
    return showRefusal(deps.log, {
      refused: true,
      reason: 'not-connection-file',
      message:
        `${file} is an auth0-deploy-cli file, so it was not ${verb}: a0deploy deploys it (with its keywords replaced). ` +
        'Create Connection on Tenant sends a single connection file (*.connection.json or *.connection.yaml).',
    });
  }
  if (!(await isConnectionFile(deps, document))) {
    return showRefusal(deps.log, {
      refused: true,
      reason: 'not-connection-file',
      message:
        `${file} is not an Auth0 connection file, so it was not ${verb}. Name it *.connection.json or *.connection.yaml, ` +
        `point its $schema at connection.schema.json, or add it to the auth0Connections.files setting.`,
    });
  }
  const text = document.getText();
  const version = document.version;
  const format = documentFormat(document);
  const parsed = parseBody(text, format);
  // Asked of the server now: the published diagnostics may lag an edit by the debounce. Auth0's own 400 diagnostics
  // describe an earlier send and do not count.
  const current = parsed.syntaxProblems.length > 0 ? [] : await deps.diagnosticsNow(document).catch(() => undefined);
  const errors = (current ?? vscode.languages.getDiagnostics(document.uri)).filter(
    (d) => d.severity === vscode.DiagnosticSeverity.Error && d.source !== API_DIAGNOSTIC_SOURCE,
  );
  const check = checkBeforeSending(parsed, options.errors === 'allow' ? [] : errors);
  if (check.ok) return { document, version, format, text, body: check, errorCount: errors.length };
  switch (check.reason) {
    case 'syntax': {
      const where = check.problem ? ` (line ${document.positionAt(check.problem.offset).line + 1}: ${check.problem.message})` : '';
      const message = `${file} is not valid ${format === 'json' ? 'JSON' : 'YAML'}${where}, so it was not ${verb === 'sent' ? 'sent to Auth0' : verb}. Fix it and try again.`;
      return showRefusal(deps.log, refusal('syntax', message), 'Show Problems');
    }
    case 'errors':
      return showRefusal(deps.log, refusal('errors', errorsRefusal(file, check.errors, verb)), 'Show Problems');
    case 'body':
      return showRefusal(deps.log, refusal('body', `${check.message} ${file} was not ${verb}.`));
  }
}

async function isConnectionFile(deps: ConnectionDocumentDeps, document: vscode.TextDocument): Promise<boolean> {
  // The default file names are always served, whatever the settings; no need to ask a server that may be starting.
  if (connectionFileFormat(document.uri.path) !== undefined) return true;
  try {
    return await deps.isConnectionFile(document);
  } catch (error) {
    deps.log.warn(`Could not ask whether ${fileName(document)} is a connection file: ${errorMessage(error)}`);
    return false;
  }
}

/** Documents a command is sending right now: a second run on the same document is refused instead of racing the first. */
/** Why a connection with errors was not sent (or `verb`ed): how many, and the first with its line. */
export function errorsRefusal(what: string, errors: ReadonlyArray<{ message?: string; range?: { start?: { line?: number } } }>, verb: string): string {
  const [first] = errors;
  const count = errors.length;
  return (
    `${what} has ${count === 1 ? 'an error' : `${count} errors`} (line ${(first?.range?.start?.line ?? 0) + 1}: ${first?.message ?? ''}), ` +
    `so it was not ${verb}: Auth0 would reject it or create something other than the file says. Fix ${count === 1 ? 'it' : 'them'} and try again.`
  );
}

export class DocumentLocks {
  readonly #busy = new Set<string>();

  /** `work()` while holding `document`, or `busy()` when another run holds it. */
  async run<T>(document: vscode.TextDocument, busy: () => T, work: () => Promise<T>): Promise<T> {
    const key = document.uri.toString();
    if (this.#busy.has(key)) return busy();
    this.#busy.add(key);
    try {
      return await work();
    } finally {
      this.#busy.delete(key);
    }
  }
}
