/**
 * The language status item ("Auth0 connection" + the schema in use) and the context keys menus use. Driven by the
 * server's DocumentStatusNotification; shown only for documents the server said it serves.
 */
import * as vscode from 'vscode';
import { Commands, type DocumentStatusParams } from '../../common/protocol';

/** Context keys set by the extension, for `when` clauses. */
export const ContextKeys = {
  /** Set once the extension is active. */
  active: 'auth0Connections.active',
  /** The active editor's document is served as a connection file (one body). */
  isConnectionFile: 'auth0Connections.isConnectionFile',
  /** The active editor's document is an auth0-deploy-cli file (tenant.yaml, the directory layout), served item by item. */
  isDeployCliFile: 'auth0Connections.isDeployCliFile',
  /** The language server is running. */
  serverRunning: 'auth0Connections.serverRunning',
} as const;

export type ServerState = 'starting' | 'running' | 'stopped';

export class ConnectionStatus implements vscode.Disposable {
  readonly #item: vscode.LanguageStatusItem;
  readonly #byUri = new Map<string, DocumentStatusParams>();
  readonly #disposables: vscode.Disposable[] = [];
  #serverState: ServerState = 'stopped';

  constructor() {
    this.#item = vscode.languages.createLanguageStatusItem('auth0Connections.status', []);
    this.#item.name = 'Auth0 Connections';
    this.#disposables.push(
      this.#item,
      vscode.window.onDidChangeActiveTextEditor(() => this.#render()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.#byUri.delete(document.uri.toString())) this.#render();
      }),
    );
    this.#render();
  }

  /** What the server last said about a document (undefined when it has said nothing). */
  statusOf(uri: vscode.Uri): DocumentStatusParams | undefined {
    return this.#byUri.get(uri.toString());
  }

  update(params: DocumentStatusParams): void {
    if (params.isConnectionFile) {
      this.#byUri.set(params.uri, params);
    } else {
      this.#byUri.delete(params.uri);
    }
    this.#render();
  }

  setServerState(state: ServerState): void {
    this.#serverState = state;
    void vscode.commands.executeCommand('setContext', ContextKeys.serverRunning, state === 'running');
    this.#render();
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  #render(): void {
    const item = this.#item;
    // The selector lists exactly the served documents, so the item never shows on other JSON/YAML files. A string
    // pattern equal to the document's fsPath matches it whatever characters the path holds.
    item.selector = [...this.#byUri.keys()].map((key) => {
      const uri = vscode.Uri.parse(key);
      return { scheme: uri.scheme, pattern: uri.fsPath };
    });
    const active = vscode.window.activeTextEditor?.document;
    const status = active ? this.#byUri.get(active.uri.toString()) : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.isConnectionFile, status !== undefined && status.deployCli === undefined);
    void vscode.commands.executeCommand('setContext', ContextKeys.isDeployCliFile, status?.deployCli !== undefined);

    item.text = status?.deployCli ? 'Auth0 deploy-cli' : 'Auth0 connection';
    item.busy = this.#serverState === 'starting';
    if (this.#serverState === 'stopped') {
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.detail = 'language server not running';
      item.command = { title: 'Restart', command: Commands.restartServer, tooltip: 'Restart the language server' };
      return;
    }
    item.severity = vscode.LanguageStatusSeverity.Information;
    const parts = [status?.schemaName, status?.reason ? `(${status.reason})` : undefined].filter(Boolean);
    item.detail = parts.join(' ');
    item.command = { title: 'Show Output', command: Commands.showOutput, tooltip: 'Show the Auth0 Connections log' };
  }
}
