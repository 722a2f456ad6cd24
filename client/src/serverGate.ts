/**
 * When the language server starts. The extension activates on any JSON or YAML file (that is how it can notice a
 * connection file), but the server is a Node process of ~75 MB: it starts only once a connection file is open, or is
 * present in the workspace (by the default names or the `auth0Connections.files` globs), or once an open JSON/YAML
 * document becomes one (a `$schema` or modeline naming our schema typed in). A window with only package.json and
 * docker-compose.yaml never starts it. Once started, it runs until the window closes.
 */
import * as vscode from 'vscode';
import { ConnectionFileMatcher, documentFormat } from '../../common/fileMatching';
import { DEFAULT_FILE_PATTERNS, SETTINGS_SECTION } from '../../common/protocol';
import type { Config } from './config';

/** Schemes of documents the server is offered (see ctx.ts DOCUMENT_SELECTOR). */
const SERVED_SCHEMES = new Set(['file', 'untitled']);

export class ServerGate implements vscode.Disposable {
  readonly #config: Config;
  readonly #open: (reason: string) => void;
  readonly #disposables: vscode.Disposable[] = [];
  #opened = false;

  /** `open` is called once, with why the server is needed now. */
  constructor(config: Config, open: (reason: string) => void) {
    this.#config = config;
    this.#open = open;
  }

  /** Starts watching; opens at once when a connection file is already open or in the workspace. */
  async watch(): Promise<void> {
    this.#disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.#check(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.#check(event.document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.files`)) void this.#checkWorkspace();
      }),
      vscode.workspace.onDidCreateFiles(() => void this.#checkWorkspace()),
    );
    for (const document of vscode.workspace.textDocuments) this.#check(document);
    await this.#checkWorkspace();
  }

  get opened(): boolean {
    return this.#opened;
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  #check(document: vscode.TextDocument): void {
    if (this.#opened || !SERVED_SCHEMES.has(document.uri.scheme)) return;
    const format = documentFormat(document.uri.path, document.languageId);
    if (!format) return;
    const matcher = new ConnectionFileMatcher(this.#config.files(), this.#folders());
    if (matcher.match(document.uri.path, document.getText(), format).isConnectionFile) {
      this.#openFor(`${vscode.workspace.asRelativePath(document.uri)} is a connection file`);
    }
  }

  /** A connection file anywhere in the workspace, by the default names or the setting's globs (one is enough). */
  async #checkWorkspace(): Promise<void> {
    if (this.#opened || !vscode.workspace.workspaceFolders?.length) return;
    const globs = [`{${DEFAULT_FILE_PATTERNS.join(',')}}`, ...this.#config.files().map((pattern) => (pattern.includes('/') ? pattern : `**/${pattern}`))];
    for (const glob of globs) {
      const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 1);
      const [first] = found;
      if (first) {
        this.#openFor(`the workspace holds ${vscode.workspace.asRelativePath(first)}`);
        return;
      }
    }
  }

  #openFor(reason: string): void {
    if (this.#opened) return;
    this.#opened = true;
    this.dispose();
    this.#open(reason);
  }

  #folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.path);
  }
}
