/**
 * The connection under the cursor in an auth0-deploy-cli file (an item of tenant.yaml's `connections:` or
 * `databases:`, or a directory-format connection file), read as Compare and Apply need it: as deploy-cli would send
 * it — keywords replaced, the implied `strategy: auth0` of a database filled in, script and template paths replaced
 * by their files' text — with where it stands in the document (so that a 400 lands on the item's property), and its
 * body written as a connection file for the diff's right side. The server finds the item (the request
 * `auth0Connections/deployCliItem`); this module reads the files it names. The document is never edited.
 */
import * as vscode from 'vscode';
import { prepareBody } from '../../../common/auth0/body';
import { formatConnectionFile } from '../../../common/auth0/connectionFile';
import { errorMessage } from '../../../common/errors';
import { itemPath, withFileTexts } from '../../../common/deployCliItemBody';
import type { PathSegment } from '../../../engine/index';
import { checkedDocument, documentFormat, errorsRefusal, fileName, type CheckedDocument, type CheckOptions, type ConnectionDocumentDeps, type DeployCliItem } from './connectionDocument';
import { refusal, showRefusal, type Refusal } from './tenantSession';

/**
 * What a tenant command acting on one connection reads: the connection file, or in a deploy-cli file the item
 * under `position` (the cursor's when the command was run from the editor).
 */
export async function checkedConnection(
  deps: ConnectionDocumentDeps,
  document: vscode.TextDocument,
  position: vscode.Position | undefined,
  options: CheckOptions = {},
): Promise<CheckedDocument | Refusal> {
  const itemAt = deps.deployCliItemAt;
  if (!deps.isDeployCliFile?.(document) || !itemAt) return checkedDocument(deps, document, options);
  return checkedDeployCliItem({ ...deps, itemAt }, document, position ?? cursorIn(document), options);
}

/** A command argument's position as VS Code's. */
export function positionOf(position: { line: number; character: number } | undefined): vscode.Position | undefined {
  return position ? new vscode.Position(position.line, position.character) : undefined;
}

/** The cursor of the editor showing `document` (the active one first); the start of the document when none does. */
export function cursorIn(document: vscode.TextDocument): vscode.Position {
  const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
  const editor = editors.find((candidate) => candidate?.document.uri.toString() === document.uri.toString());
  return editor?.selection.active ?? new vscode.Position(0, 0);
}

/**
 * The item under `position` as a CheckedDocument, or the refusal (already shown): no item there, errors in it
 * (unless `errors: 'allow'`), a file it names that cannot be read, not one object.
 */
async function checkedDeployCliItem(
  deps: ConnectionDocumentDeps & { itemAt: NonNullable<ConnectionDocumentDeps['deployCliItemAt']> },
  document: vscode.TextDocument,
  position: vscode.Position,
  options: CheckOptions,
): Promise<CheckedDocument | Refusal> {
  const file = fileName(document);
  const verb = options.verb ?? 'sent';
  const version = document.version;
  const item = await deps.itemAt(document, position).catch((error: unknown) => {
    deps.log.warn(`Could not ask for the deploy-cli item at line ${position.line + 1} of ${file}: ${errorMessage(error)}`);
    return undefined;
  });
  if (!item) {
    return showRefusal(
      deps.log,
      refusal('body', `The cursor is on no connection in ${file}, so nothing was ${verb}: put it inside an item of connections: or databases: and run the command again.`),
    );
  }
  const what = item.label !== undefined ? `${item.label} of ${file}` : file;
  const errors = item.errors as Array<{ message?: string; range?: { start?: { line?: number } } }>;
  if (errors.length > 0 && options.errors !== 'allow') return showRefusal(deps.log, refusal('errors', errorsRefusal(what, errors, verb)), 'Show Problems');
  const texts = await fileTexts(item);
  if ('unreadable' in texts) {
    const { named, error } = texts.unreadable;
    return showRefusal(deps.log, refusal('body', `${named.file}, which ${what} names at ${named.path.join('.')}, cannot be read (${error}), so nothing was ${verb}.`));
  }
  const prepared = prepareBody(withFileTexts(item.value, texts.read));
  if (!prepared.ok) return showRefusal(deps.log, refusal('body', `${prepared.message} ${what} was not ${verb}.`));
  const format = documentFormat(document);
  const text = formatConnectionFile({ body: prepared.body, placeholders: [] }, format);
  return {
    document,
    version,
    format,
    text,
    body: { ok: true, body: prepared.body, name: prepared.name, strategy: prepared.strategy },
    errorCount: errors.length,
    pathPrefix: itemPath(item.label),
    position: { line: position.line, character: position.character },
    rightSide: { name: prepared.name ?? 'connection', text },
    what,
  };
}

type FileTexts = { read: Array<{ path: PathSegment[]; text: string }> } | { unreadable: { named: DeployCliItem['files'][number]; error: string } };

/** The text of every file the item names (custom scripts, an email body), read as deploy-cli reads them. */
async function fileTexts(item: DeployCliItem): Promise<FileTexts> {
  const read: Array<{ path: PathSegment[]; text: string }> = [];
  for (const named of item.files) {
    try {
      read.push({ path: named.path, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(named.file))) });
    } catch (error) {
      return { unreadable: { named, error: errorMessage(error) } };
    }
  }
  return { read };
}
