/**
 * Read-only documents of live connections, on a scheme of ours: `auth0-connection:/<tenant>/<name>.connection.yaml`.
 *
 * What one shows is what pull would write for that connection (`toConnectionFile` + `formatConnectionFile`): only
 * what a create accepts, in the stable order, enabled applications by name, and each secret as its `##KEY##`
 * placeholder. Not the masked connection (`********`): a placeholder names the variable that would give the secret a
 * value, it is the text a pulled file holds (so the document can be compared with one line for line), and a
 * masked value would look like a value to copy. Either way no secret reaches the document.
 *
 * Compare shows its left side here too, as a snapshot keyed by the file compared (`?file=`): the tenant's side
 * laid out like that file (common/auth0/tenantSideFile.ts), replaced when the file is compared again.
 */
import * as vscode from 'vscode';
import { formatConnectionFile, type FileFormat } from '../../../common/auth0/connectionFile';
import { pullConnections } from '../../../common/auth0/pullConnections';
import { withApiProgress } from './apiProgress';
import { livePath, parseLivePath } from './lifecycleText';
import { isRefusal, openLifecycle, type LifecycleDeps } from './tenantSession';

export const LIVE_SCHEME = 'auth0-connection';

/** Compare snapshots kept (one per file compared); each is the text of one connection without its secrets. */
const MAX_SNAPSHOTS = 100;

export class LiveConnectionProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  readonly #deps: LifecycleDeps;
  readonly #snapshots = new Map<string, string>();
  readonly #onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly #disposables: vscode.Disposable[];
  readonly onDidChange = this.#onDidChange.event;

  constructor(deps: LifecycleDeps) {
    this.#deps = deps;
    this.#disposables = [
      this.#onDidChange,
      vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, this),
    ];
  }

  /** The read-only document of `name` on `domain`, fetched when opened. */
  static liveUri(domain: string, name: string, format: FileFormat = 'yaml'): vscode.Uri {
    return vscode.Uri.from({ scheme: LIVE_SCHEME, path: livePath(domain, name, format) });
  }

  /**
   * Shows `text` as the tenant's side of `file`: the same address for the same file, so that an open diff follows
   * when the file is compared again.
   */
  showSnapshot(domain: string, name: string, format: FileFormat, file: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: LIVE_SCHEME, path: livePath(domain, name, format), query: new URLSearchParams({ file: file.toString() }).toString() });
    const key = uri.toString();
    // One snapshot per file compared, the most recent kept: a diff reopened later shows what its compare found.
    this.#snapshots.delete(key);
    this.#snapshots.set(key, text);
    for (const oldest of [...this.#snapshots.keys()].slice(0, Math.max(0, this.#snapshots.size - MAX_SNAPSHOTS))) this.#snapshots.delete(oldest);
    this.#onDidChange.fire(uri);
    return uri;
  }

  /** Fetches `uri` again if VS Code holds it already (it asks the provider only once per open document). */
  refetch(uri: vscode.Uri): void {
    if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) this.#onDidChange.fire(uri);
  }

  /** Fetches every open live document again (the view's Refresh). */
  refreshOpen(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === LIVE_SCHEME && !this.#snapshots.has(document.uri.toString())) this.#onDidChange.fire(document.uri);
    }
  }

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): string | Thenable<string> {
    const snapshot = this.#snapshots.get(uri.toString());
    if (snapshot !== undefined) return snapshot;
    const named = parseLivePath(uri.path);
    if (!named) return `# ${uri.path} names no connection: open one from the Auth0 Connections view.\n`;
    return this.#fetch(named, token);
  }

  async #fetch({ domain, name, format }: { domain: string; name: string; format: FileFormat }, token: vscode.CancellationToken): Promise<string> {
    const { store, log } = this.#deps;
    const note = (text: string) => (format === 'yaml' ? `# ${text}\n` : `${JSON.stringify({ note: text }, null, 2)}\n`);
    const tenant = store.get(domain);
    const endpoints = tenant ? store.endpoints(tenant) : undefined;
    if (!tenant || !endpoints) return note(`${domain} is not a configured tenant any more: add it again to see its connections.`);
    if (!endpoints.ok) return note(endpoints.message);
    const pulled = await withApiProgress(
      log,
      async (signal, onProgress) => {
        const lifecycle = await openLifecycle(this.#deps, { tenant, endpoints: endpoints.endpoints }, signal, onProgress);
        return isRefusal(lifecycle) ? lifecycle : pullConnections(lifecycle, { names: [name] });
      },
      { location: vscode.ProgressLocation.Window, token },
    );
    if (isRefusal(pulled)) return note(pulled.message);
    if (!pulled.ok) return note(`Could not read ${name} from ${domain}: ${pulled.userMessage}`);
    const [connection] = pulled.value.connections;
    if (!connection) return note(`${name} is not on ${domain} (any more): refresh the Connections view.`);
    log.info(`Opened ${name} on ${domain} read-only (${pulled.value.requests} request(s)); secrets are shown as placeholders.`);
    return formatConnectionFile(connection.file, format);
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#snapshots.clear();
  }
}
