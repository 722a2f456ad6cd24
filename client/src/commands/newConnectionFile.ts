/**
 * "Auth0: New Connection File...": strategy, format and name, then `<name>.connection.<ext>` from the scaffold, in
 * the workspace folder (or where the user says). Never overwrites a file.
 *
 * Optional argument `{ strategy, format, name, folder }` skips the matching prompts (the e2e tests pass all four);
 * from the Explorer context menu the argument is the folder's Uri. Resolves to the new file's Uri, or undefined.
 */
import * as vscode from 'vscode';
import {
  connectionFileName,
  connectionNameProblem,
  firstFreeConnectionName,
  type ConnectionFileFormat,
} from '../../../common/connectionFiles';
import { renderScaffold, SCAFFOLDS, scaffoldFor } from '../../../common/scaffolds';
import { STRATEGIES, strategyInfo } from '../../../common/strategies';
import type { CommandFactory } from './index';

export interface NewConnectionFileArgs {
  strategy?: string;
  format?: ConnectionFileFormat;
  name?: string;
  /** Folder to create the file in: a Uri, a URI string (`file:///...`) or an absolute path. */
  folder?: vscode.Uri | string;
}

const LAST_FORMAT_KEY = 'auth0Connections.lastNewFileFormat';

export const newConnectionFile: CommandFactory = ({ ctx }) => async (arg?: unknown) => {
  const args = toArgs(arg);
  const memento = ctx.extensionContext.globalState;

  const strategy = args.strategy ?? (await pickStrategy());
  if (strategy === undefined) return undefined;
  if (!strategyInfo(strategy)) {
    throw new Error(`'${strategy}' is not a strategy the API knows.`);
  }

  const format = args.format ?? (await pickFormat(memento.get<ConnectionFileFormat>(LAST_FORMAT_KEY)));
  if (format === undefined) return undefined;
  if (format !== 'json' && format !== 'yaml') {
    throw new Error(`Format must be "json" or "yaml", not ${JSON.stringify(format)}.`);
  }
  await memento.update(LAST_FORMAT_KEY, format);

  const folder = args.folder !== undefined ? await asFolder(toUri(args.folder)) : await defaultFolder();
  const taken = folder ? await fileNamesIn(folder) : new Set<string>();

  let name = args.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: 'New Auth0 Connection File (3/3)',
      prompt: `Connection name; the file will be <name>.connection.${format === 'json' ? 'json' : 'yaml'}`,
      value: firstFreeConnectionName(scaffoldFor(strategy).defaultName, format, (file) => taken.has(file)),
      validateInput: (value) => connectionNameProblem(value),
      ignoreFocusOut: true,
    });
    if (name === undefined) return undefined;
  } else {
    const problem = connectionNameProblem(name);
    if (problem) throw new Error(`The name '${name}' is not a valid connection name. ${problem}`);
  }

  const fileName = connectionFileName(name, format);
  let target = folder ? vscode.Uri.joinPath(folder, fileName) : undefined;
  if (target && (await exists(target))) {
    if (args.name !== undefined) {
      // Called with arguments (scripts, tests): no dialog, a plain refusal.
      throw new Error(`${target.fsPath} already exists; it was left unchanged.`);
    }
    void vscode.window.showInformationMessage(`${fileName} already exists in that folder; choose where to save.`);
    target = undefined;
  }
  if (!target) {
    target = await askWhere(folder, fileName, format);
    if (!target) return undefined;
    if (await exists(target)) {
      void vscode.window.showWarningMessage(
        `${target.fsPath} already exists. The new connection file was not written, so nothing was overwritten.`,
      );
      return undefined;
    }
  }

  // The file is complete on disk first; then its text is replaced by the same scaffold as a snippet, so that Tab
  // walks through the values to fill in (client ID, sign-in URL...). The text does not change.
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderScaffold(strategy, format, { name })));
  ctx.log.info(`Created ${target.toString(true)} (${strategy}, ${format}).`);
  const document = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(document);
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const snippet = new vscode.SnippetString(renderScaffold(strategy, format, { name, snippet: true }));
  if (await editor.insertSnippet(snippet, whole)) {
    await document.save();
  }
  return target;
};

function toArgs(arg: unknown): NewConnectionFileArgs {
  if (arg instanceof vscode.Uri) {
    // Explorer context menu: the folder (or a file, whose folder we use) the user right-clicked.
    return { folder: arg };
  }
  if (arg === null || typeof arg !== 'object') return {};
  const raw = arg as Record<string, unknown>;
  const out: NewConnectionFileArgs = {};
  if (typeof raw['strategy'] === 'string') out.strategy = raw['strategy'];
  if (typeof raw['format'] === 'string') out.format = raw['format'] as ConnectionFileFormat;
  if (typeof raw['name'] === 'string') out.name = raw['name'];
  if (typeof raw['folder'] === 'string' || raw['folder'] instanceof vscode.Uri) out.folder = raw['folder'];
  return out;
}

function toUri(folder: vscode.Uri | string): vscode.Uri {
  if (folder instanceof vscode.Uri) return folder;
  return /^[a-zA-Z][\w+.-]+:\/\//.test(folder) ? vscode.Uri.parse(folder) : vscode.Uri.file(folder);
}

/** The folder itself, or the folder of a file (Explorer context menu on a file); refuses a missing folder. */
async function asFolder(uri: vscode.Uri): Promise<vscode.Uri> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new Error(`The folder ${uri.fsPath} does not exist.`);
  }
  return stat.type & vscode.FileType.Directory ? uri : vscode.Uri.joinPath(uri, '..');
}

interface StrategyItem extends vscode.QuickPickItem {
  strategy?: string;
}

async function pickStrategy(): Promise<string | undefined> {
  const scaffolded = new Set(SCAFFOLDS.map((s) => s.strategy));
  const items: StrategyItem[] = [
    ...SCAFFOLDS.map((s) => ({
      label: STRATEGIES[s.strategy]?.label ?? s.title,
      description: s.strategy,
      detail: s.detail,
      strategy: s.strategy,
    })),
    { label: 'Other strategies', kind: vscode.QuickPickItemKind.Separator },
    ...Object.entries(STRATEGIES)
      .filter(([strategy]) => !scaffolded.has(strategy))
      .map(([strategy, info]) => ({ label: info.label, description: strategy, strategy })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Auth0 Connection File (1/3)',
    placeHolder: 'Which kind of connection? (type to filter, e.g. samlp)',
    matchOnDescription: true,
    matchOnDetail: false,
    ignoreFocusOut: true,
  });
  return picked?.strategy;
}

async function pickFormat(last: ConnectionFileFormat | undefined): Promise<ConnectionFileFormat | undefined> {
  const items: Array<vscode.QuickPickItem & { format: ConnectionFileFormat }> = [
    { label: 'YAML', description: '.connection.yaml', format: 'yaml' },
    { label: 'JSON', description: '.connection.json', format: 'json' },
  ];
  if (last === 'json') items.reverse();
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Auth0 Connection File (2/3)',
    placeHolder: 'File format',
    ignoreFocusOut: true,
  });
  return picked?.format;
}

/** The folder of the active file's workspace folder, the only folder, or the one the user picks. */
async function defaultFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  if (folders.length === 1) return folders[0]?.uri;
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (activeFolder) return activeFolder.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new connection file' });
  return picked?.uri;
}

async function askWhere(
  folder: vscode.Uri | undefined,
  fileName: string,
  format: ConnectionFileFormat,
): Promise<vscode.Uri | undefined> {
  const base = folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    title: 'Save the new Auth0 connection file',
    saveLabel: 'Create',
    ...(base ? { defaultUri: vscode.Uri.joinPath(base, fileName) } : {}),
    filters: format === 'json' ? { 'Connection file (JSON)': ['json'] } : { 'Connection file (YAML)': ['yaml', 'yml'] },
  });
}

async function fileNamesIn(folder: vscode.Uri): Promise<Set<string>> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    return new Set(entries.map(([name]) => name));
  } catch {
    return new Set();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}
