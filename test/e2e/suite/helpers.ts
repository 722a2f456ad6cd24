/**
 * What the extension-host tests share: output to the runner, screenshots on request, the workspace fixtures, and
 * waiting for our diagnostics (the server publishes them asynchronously, after a debounce).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../common/protocol';
import { waitFor } from '../waitFor';

export { waitFor };

/** `source` of every diagnostic our server publishes (engine/findings.ts DIAGNOSTIC_SOURCE). */
export const OUR_SOURCE = 'auth0-connections';

const linePrefix = process.env.E2E_LINE_PREFIX ?? '';

/** One line (or block) of suite output, marked for the code-server runner when it asked for that. */
export function log(...args: unknown[]): void {
  console.log(linePrefix + format(...args));
}

/**
 * Asks the runner for a PNG named `name` (saved as docs/<name>.png under E2E_SCREENSHOTS=docs) once `selector` is
 * visible in the workbench, and waits for its acknowledgement. A no-op unless screenshots were asked for.
 */
export async function screenshot(name: string, selector?: string): Promise<void> {
  const ackDir = process.env.E2E_ACK_DIR;
  if (!process.env.E2E_SCREENSHOTS || !ackDir) {
    return;
  }
  // A toast left by an earlier test would cover the editor in the picture; a finished progress notification stays
  // shown a moment longer (VS Code keeps it at least 800 ms) and is not cleared, only hidden.
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('notifications.hideToasts');
  log(`SCREENSHOT ${name}${selector ? ` ${selector}` : ''}`);
  await waitFor(`the runner to take screenshot ${name}`, () => fs.existsSync(path.join(ackDir, name)), {
    timeoutMs: 30_000,
  });
}

let uiWaitCount = 0;

/**
 * Waits until the runner sees `selectors` (`a|b`: each in turn) visible in the workbench; only meaningful, and only
 * used, while screenshots are taken (the runner watches the page, the extension host cannot).
 */
export async function waitForUi(selectors: string): Promise<void> {
  const ackDir = process.env.E2E_ACK_DIR;
  if (!screenshotsEnabled() || !ackDir) {
    return;
  }
  uiWaitCount += 1;
  const token = `wait-ui-${process.pid}-${uiWaitCount}-${Date.now()}`;
  log(`WAIT-UI ${token} ${selectors}`);
  await waitFor(`the runner to see ${selectors}`, () => fs.existsSync(path.join(ackDir, token)), { timeoutMs: 30_000 });
}

let uiReadCount = 0;

/**
 * The text of the first element matching `selector` (a playwright selector) in the workbench, read by the code-server
 * runner (the extension host cannot see the page); undefined under a runner that does not read the page, or when
 * nothing matched within the runner's wait.
 */
export async function readUi(selector: string): Promise<string | undefined> {
  const ackDir = process.env.E2E_ACK_DIR;
  if (!ackDir) {
    return undefined;
  }
  uiReadCount += 1;
  const token = `read-ui-${process.pid}-${uiReadCount}-${Date.now()}`;
  const file = path.join(ackDir, token);
  log(`READ-UI ${token} ${selector}`);
  await waitFor(`the runner to read ${selector}`, () => fs.existsSync(file), { timeoutMs: 30_000 });
  const answer = JSON.parse(fs.readFileSync(file, 'utf8')) as { text?: string; error?: string };
  if (answer.error) {
    log(`    could not read ${selector}: ${answer.error}`);
  }
  return answer.text;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('The e2e run opened no workspace folder');
  }
  return folder.uri;
}

export function workspaceFile(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === OUR_SOURCE);
}

/** Waits until our server has published diagnostics for `uri` that satisfy `accept` (default: at least one). */
export function waitForOurDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean = (diagnostics) => diagnostics.length > 0,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics from ${OUR_SOURCE} on ${path.basename(uri.path)}`,
    () => {
      const diagnostics = ourDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    { timeoutMs },
  );
}

/** The extension under test; fails clearly when it is not installed or loaded. */
export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    throw new Error(`Extension ${EXTENSION_ID} is not loaded in this VS Code`);
  }
  return extension;
}

/** The range of the first occurrence of `needle` in the document (after `after`, when given). */
export function rangeOf(document: vscode.TextDocument, needle: string, after?: string): vscode.Range {
  const text = document.getText();
  const from = after === undefined ? 0 : text.indexOf(after);
  const start = text.indexOf(needle, from < 0 ? 0 : from);
  if (start < 0) {
    throw new Error(`"${needle}" not found in ${path.basename(document.uri.path)}`);
  }
  return new vscode.Range(document.positionAt(start), document.positionAt(start + needle.length));
}

export function describeRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `[${describeRange(d.range)}] ${d.message}`).join('; ') || '(none)';
}

/** The label text of a completion item, whatever form VS Code hands it in. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Plain text of a hover, completion documentation or detail, whatever form VS Code hands it in. */
export function plainText(value: string | vscode.MarkdownString | vscode.MarkedString | undefined | null): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  return value.value;
}

let sentinelCount = 0;

/**
 * Proves the server has caught up with everything opened before: opens a new connection file with a bad name and
 * waits for its diagnostics. Validation runs in order with one debounce delay, so a negative checked after this
 * (no diagnostics on some other document) can fail for the right reason instead of passing too early.
 */
export async function serverCaughtUp(): Promise<void> {
  sentinelCount += 1;
  const uri = workspaceFile('.sentinels', `sentinel-${sentinelCount}-${Date.now()}.connection.yaml`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('name: sentinel !\nstrategy: samlp\n'));
  await vscode.workspace.openTextDocument(uri);
  await waitForOurDiagnostics(uri);
}

export function screenshotsEnabled(): boolean {
  return Boolean(process.env.E2E_SCREENSHOTS && process.env.E2E_ACK_DIR);
}
