/**
 * "Auth0: Pull Connection from Tenant...": one or several of the tenant's connections written as connection files
 * (`<folder>/<name>.connection.yaml` or `.json`), through the core's pull (`pullConnections`: only what a create
 * accepts, stable order, enabled applications by name, each secret a `##KEY##` placeholder). An existing file is
 * never replaced without asking (a quick pick per file: overwrite or keep), and one open with unsaved edits is never
 * replaced at all. Each file written is checked by the language server, since apply refuses a file with errors.
 * Reads only from the tenant.
 */
import * as vscode from 'vscode';
import type { ApiFailure, ApiFailureKind } from '../../../common/auth0/apiResult';
import { connectionFileName, formatConnectionFile, type FileFormat } from '../../../common/auth0/connectionFile';
import { listConnections, type LiveConnection } from '../../../common/auth0/connectionsApi';
import { pullConnections, type PulledConnection } from '../../../common/auth0/pullConnections';
import { Commands } from '../../../common/protocol';
import { withApiProgress } from './apiProgress';
import type { ApiDiagnostics } from './apiDiagnostics';
import { presentApiFailure } from './applyOutcomeView';
import type { ConnectionDocumentDeps } from './connectionDocument';
import { groupConnections, pullReportText, type ConnectionSummary } from './lifecycleText';
import type { Auth0Settings } from './settings';
import type { TenantCommands } from './tenantCommands';
import { isRefusal, openLifecycle, openTenantSession, refusal, showRefusal, type Refusal, type RefusalReason, type TenantSession } from './tenantSession';
import type { TenantStore } from './tenantStore';

export interface PullArgs {
  /** The connections to pull, by name (default: picked from the tenant's list). */
  names?: string[];
  /** Default: asked. */
  format?: FileFormat;
  /** The folder to write into (default: asked, offering the active connection file's folder and the workspace folders). */
  folder?: string | vscode.Uri;
  /** true: replace existing files; false: keep them; default: ask for each. Never replaces a file with unsaved edits. */
  overwrite?: boolean;
  /** Open the first file written (default true). */
  open?: boolean;
}

export interface PullResult {
  outcome: 'pulled' | 'refused' | ApiFailureKind;
  message: string;
  reason?: RefusalReason;
  written: Array<{ name: string; uri: string; placeholders: string[] }>;
  skipped: Array<{ name: string; uri: string; reason: 'exists' | 'unsaved' }>;
  missing: string[];
  /** Files written in which the language server finds errors. */
  withErrors: string[];
}

export interface PullCommandDeps extends ConnectionDocumentDeps {
  store: TenantStore;
  tenants: TenantCommands;
  settings: Auth0Settings;
  diagnostics: ApiDiagnostics;
}

type Overwrite = 'ask' | 'all' | 'none';

function refused(refusal: Refusal): PullResult {
  return { outcome: 'refused', reason: refusal.reason, message: refusal.message, written: [], skipped: [], missing: [], withErrors: [] };
}

const cancelled = (what: string): Refusal => refusal('declined', `${what} not chosen; nothing was pulled.`);

export class PullCommand {
  readonly #deps: PullCommandDeps;

  constructor(deps: PullCommandDeps) {
    this.#deps = deps;
  }

  async run(args?: PullArgs): Promise<PullResult> {
    const options: PullArgs = args !== null && typeof args === 'object' ? args : {};
    const again = async () => {
      await vscode.commands.executeCommand(Commands.pullConnections, options);
    };
    const session = await openTenantSession(this.#deps, 'nothing can be pulled yet', again);
    if (isRefusal(session)) return refused(session);
    // Named by the caller (looked up by name), or picked from the tenant's listing (pulled as listed, not read again).
    const picked = options.names !== undefined ? { names: options.names } : await this.#pickConnections(session, again);
    if (isRefusal(picked)) return refused(picked);
    if ('ok' in picked) return { outcome: picked.kind, message: picked.userMessage, written: [], skipped: [], missing: [], withErrors: [] };
    const format = options.format ?? (await pickFormat());
    if (format === undefined) return refused(cancelled('No format'));
    const folder = options.folder !== undefined ? toUri(options.folder) : await pickFolder();
    if (folder === undefined) return refused(cancelled('No folder'));
    const pulled = await withApiProgress(this.#deps.log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      return isRefusal(lifecycle) ? lifecycle : pullConnections(lifecycle, picked);
    });
    if (isRefusal(pulled)) return refused(pulled);
    if (!pulled.ok) {
      this.#deps.log.error(pulled.userMessage);
      presentApiFailure(pulled, { again }, this.#deps);
      return { outcome: pulled.kind, message: pulled.userMessage, written: [], skipped: [], missing: [], withErrors: [] };
    }
    const overwrite: Overwrite = options.overwrite === true ? 'all' : options.overwrite === false ? 'none' : 'ask';
    const result = await this.#writeAll(pulled.value.connections, { folder, format, overwrite });
    result.missing = pulled.value.missing;
    await this.#finish(result, session.tenant.domain, folder, options.open !== false);
    return result;
  }

  /**
   * The tenant's connections in a multi-select quick pick, grouped as the view groups them; a failed listing is shown
   * as every lifecycle failure is (with its actions: Replace Token, Try Again...) and returned.
   */
  async #pickConnections(session: TenantSession, again: () => Promise<void>): Promise<{ connections: LiveConnection[] } | Refusal | ApiFailure> {
    const listed = await withApiProgress(this.#deps.log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      return isRefusal(lifecycle) ? lifecycle : listConnections(lifecycle.api);
    });
    if (isRefusal(listed)) return listed;
    if (!listed.ok) {
      this.#deps.log.error(listed.userMessage);
      presentApiFailure(listed, { again }, this.#deps);
      return listed;
    }
    const summaries = listed.value.items.map((c): ConnectionSummary => ({ id: c.id, name: c.name, strategy: c.strategy }));
    if (summaries.length === 0) return showRefusal(this.#deps.log, refusal('body', `${session.tenant.domain} has no connections to pull.`));
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = groupConnections(summaries).flatMap((group) => [
      { label: group.label, kind: vscode.QuickPickItemKind.Separator },
      ...group.connections.map((c): Item => ({ label: c.name, description: c.strategy, id: c.id })),
    ]);
    const picked = await vscode.window.showQuickPick(items, {
      title: `Pull from ${session.tenant.domain}`,
      placeHolder: 'Select the connections to write as connection files',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    const ids = new Set((picked ?? []).flatMap((item) => (item.id === undefined ? [] : [item.id])));
    const connections = listed.value.items.filter((c) => ids.has(c.id));
    return connections.length > 0 ? { connections } : cancelled('No connection');
  }

  async #writeAll(connections: readonly PulledConnection[], target: { folder: vscode.Uri; format: FileFormat; overwrite: Overwrite }): Promise<PullResult> {
    const result: PullResult = { outcome: 'pulled', message: '', written: [], skipped: [], missing: [], withErrors: [] };
    let overwrite = target.overwrite;
    for (const [index, connection] of connections.entries()) {
      const uri = vscode.Uri.joinPath(target.folder, connectionFileName(connection.name, target.format));
      const entry = { name: connection.name, uri: uri.toString() };
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) {
        this.#deps.log.warn(`${uri.fsPath} is open with unsaved edits: not overwritten.`);
        result.skipped.push({ ...entry, reason: 'unsaved' });
        continue;
      }
      if (await exists(uri)) {
        const answer = overwrite === 'ask' ? await this.#askOverwrite(uri, connections.length - index - 1) : overwrite;
        if (answer === 'all' || answer === 'none') overwrite = answer;
        if (answer === 'none' || answer === 'keep') {
          result.skipped.push({ ...entry, reason: 'exists' });
          continue;
        }
      }
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatConnectionFile(connection.file, target.format)));
      result.written.push({ ...entry, placeholders: connection.file.placeholders.map((p) => p.key) });
    }
    return result;
  }

  /** `replace` / `keep` this file, or `all` / `none` for this one and the `remaining` ones. */
  async #askOverwrite(uri: vscode.Uri, remaining: number): Promise<'replace' | 'keep' | 'all' | 'none'> {
    const name = uri.path.split('/').pop() ?? uri.path;
    this.#deps.log.info(`${uri.fsPath} exists: asking whether to overwrite it.`);
    type Item = vscode.QuickPickItem & { answer: 'replace' | 'keep' | 'all' | 'none' };
    const items: Item[] = [
      { label: 'Keep the existing file', answer: 'keep' },
      { label: `Overwrite ${name}`, description: 'with what the tenant holds', answer: 'replace' },
      ...(remaining > 0
        ? [
            { label: 'Keep every existing file', description: `this one and the next ${remaining}`, answer: 'none' as const },
            { label: 'Overwrite every existing file', description: `this one and the next ${remaining}`, answer: 'all' as const },
          ]
        : []),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `${name} already exists`, placeHolder: 'Overwrite it with the pulled connection?', ignoreFocusOut: true });
    return picked?.answer ?? 'keep';
  }

  /** Checks each file written, opens the first and says what happened. */
  async #finish(result: PullResult, domain: string, folder: vscode.Uri, open: boolean): Promise<void> {
    for (const written of result.written) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(written.uri));
      const diagnostics = await this.#deps.diagnosticsNow(document).catch(() => undefined);
      if (diagnostics?.some((d) => d.severity === vscode.DiagnosticSeverity.Error)) result.withErrors.push(written.name);
    }
    const first = result.written[0];
    if (open && first) await vscode.window.showTextDocument(vscode.Uri.parse(first.uri), { preview: false });
    result.message = pullReportText({
      domain,
      folder: vscode.workspace.asRelativePath(folder, true) || folder.fsPath,
      written: result.written.map((w) => w.name),
      skipped: result.skipped.map((s) => s.name),
      missing: result.missing,
      placeholders: result.written.reduce((sum, w) => sum + w.placeholders.length, 0),
      withErrors: result.withErrors,
    });
    this.#deps.log.info(result.message);
    const warn = result.skipped.length > 0 || result.missing.length > 0 || result.withErrors.length > 0;
    void (warn ? vscode.window.showWarningMessage(result.message) : vscode.window.showInformationMessage(result.message));
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function toUri(folder: string | vscode.Uri): vscode.Uri {
  return typeof folder === 'string' ? (/^[a-z][a-z0-9+.-]*:/i.test(folder) ? vscode.Uri.parse(folder) : vscode.Uri.file(folder)) : folder;
}

async function pickFormat(): Promise<FileFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'YAML', description: '<name>.connection.yaml', format: 'yaml' as const },
      { label: 'JSON', description: '<name>.connection.json', format: 'json' as const },
    ],
    { title: 'Pull as', placeHolder: 'Format of the connection files' },
  );
  return picked?.format;
}

/** The folder of the active connection file, the workspace folders, or one chosen in a dialog. */
async function pickFolder(): Promise<vscode.Uri | undefined> {
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const active = vscode.window.activeTextEditor?.document.uri;
  const candidates: vscode.Uri[] = [];
  if (active?.scheme === 'file' && /\.connection\.(json|ya?ml)$/.test(active.path)) candidates.push(vscode.Uri.joinPath(active, '..'));
  for (const folder of vscode.workspace.workspaceFolders ?? []) if (!candidates.some((c) => c.toString() === folder.uri.toString())) candidates.push(folder.uri);
  const items: Item[] = [
    ...candidates.map((uri): Item => ({ label: vscode.workspace.asRelativePath(uri, true) || uri.fsPath, description: uri.fsPath, uri })),
    { label: '$(folder-opened) Choose a Folder...', alwaysShow: true },
  ];
  const picked = candidates.length === 0 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Pull into', placeHolder: 'Folder for the connection files' });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Pull Here' });
  return chosen?.[0];
}
