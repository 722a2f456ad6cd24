/**
 * When the language server starts. The extension activates on any JSON or YAML file (that is how it can notice a
 * connection file), but the server is a Node process of ~75 MB: it starts only once a connection file is open, or is
 * present in the workspace (by the default names or the `auth0Connections.files` globs), or once an open JSON/YAML
 * document becomes one (a `$schema` or modeline naming our schema typed in), or an auth0-deploy-cli file is open or in
 * the workspace (tenant.yaml, or connections/*.json and database.json in a folder that is a deploy-cli repository:
 * common/deployCliFiles.ts). A window with only package.json and docker-compose.yaml never starts it. Once started, it
 * runs until the window closes.
 */
import * as vscode from 'vscode';
import { directoryLayoutOf, isTenantFileName, looksLikeDeployCliRoot } from '../../common/deployCliFiles';
import { MAPPINGS_KEY } from '../../engine/index';
import { ConnectionFileMatcher, documentFormat, SCHEMA_HEAD_CHARS } from '../../common/fileMatching';
import { DEFAULT_FILE_PATTERNS, SETTINGS_SECTION } from '../../common/protocol';
import type { Config } from './config';

/** Schemes of documents the server is offered (see ctx.ts DOCUMENT_SELECTOR). */
const SERVED_SCHEMES = new Set(['file', 'untitled']);

export class ServerGate implements vscode.Disposable {
  readonly #config: Config;
  readonly #open: (reason: string) => void;
  readonly #disposables: vscode.Disposable[] = [];
  #opened = false;
  /** Built once, again when the `files` setting or the workspace folders change. */
  #matcher: ConnectionFileMatcher | undefined;

  /** `open` is called once, with why the server is needed now. */
  constructor(config: Config, open: (reason: string) => void) {
    this.#config = config;
    this.#open = open;
  }

  /** Starts watching; opens at once when a connection file is already open or in the workspace. */
  async watch(): Promise<void> {
    this.#disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.#check(document, 'opened')),
      vscode.workspace.onDidChangeTextDocument((event) => this.#check(event.document, 'edited')),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${SETTINGS_SECTION}.files`)) return;
        this.#matcher = undefined;
        void this.#checkWorkspace();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.#matcher = undefined)),
      vscode.workspace.onDidCreateFiles(() => void this.#checkWorkspace()),
    );
    for (const document of vscode.workspace.textDocuments) this.#check(document, 'opened');
    await this.#checkWorkspace();
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  /**
   * Runs on every edit of every JSON/YAML document until the server starts: an edit can only make a document ours by
   * the schema it names at its start, so only that head is read; its path was judged when it opened.
   */
  #check(document: vscode.TextDocument, event: 'opened' | 'edited'): void {
    if (this.#opened || !SERVED_SCHEMES.has(document.uri.scheme)) return;
    const format = documentFormat(document.uri.path, document.languageId);
    if (!format) return;
    this.#matcher ??= new ConnectionFileMatcher(this.#config.files(), this.#folders());
    const head = document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(SCHEMA_HEAD_CHARS)));
    const what = vscode.workspace.asRelativePath(document.uri);
    if (this.#matcher.match(document.uri.path, head, format).isConnectionFile) {
      this.#openFor(`${what} is a connection file`);
    } else if (event === 'edited') {
      return;
    } else if (format === 'yaml' && isTenantFileName(document.uri.path)) {
      this.#openFor(`${what} is an auth0-deploy-cli tenant file`);
    } else if (format === 'json') {
      void this.#openIfDeployCli(document.uri, `${what} is in an auth0-deploy-cli repository`);
    }
  }

  /** Opens when `uri` is a directory-format file of a folder that is a deploy-cli repository. */
  async #openIfDeployCli(uri: vscode.Uri, reason: string): Promise<boolean> {
    const layout = directoryLayoutOf(uri.path);
    if (!layout || this.#opened) return false;
    const root = uri.with({ path: layout.root });
    const entries = await vscode.workspace.fs.readDirectory(root).then(
      (found) => new Set(found.map(([name]) => name)),
      () => new Set<string>(),
    );
    const isRepository = looksLikeDeployCliRoot((name) => entries.has(name)) || (await this.#hasKeywordMappings(root));
    if (isRepository) this.#openFor(reason);
    return isRepository;
  }

  /**
   * Where the language server finds keyword mappings for a folder (its deploy-cli workspace): the
   * `deployCli.config` setting, the environment, or a config.json holding them in the folder or one above it, up to
   * its workspace folder.
   */
  async #hasKeywordMappings(folder: vscode.Uri): Promise<boolean> {
    if (this.#config.deployCliConfig() !== '' || process.env[MAPPINGS_KEY] !== undefined) return true;
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder)?.uri.path;
    for (let path = folder.path; ; path = path.slice(0, path.lastIndexOf('/')) || '/') {
      const config = await vscode.workspace.fs.readFile(folder.with({ path: `${path.replace(/\/$/, '')}/config.json` })).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => '',
      );
      if (config.includes(MAPPINGS_KEY)) return true;
      if (path === '/' || path === workspaceFolder || workspaceFolder === undefined) return false;
    }
  }

  /** A connection file anywhere in the workspace, by the default names or the setting's globs (one is enough). */
  async #checkWorkspace(): Promise<void> {
    if (this.#opened || !vscode.workspace.workspaceFolders?.length) return;
    const globs = [
      `{${DEFAULT_FILE_PATTERNS.join(',')}}`,
      '**/{tenant.yaml,tenant.yml,database-connections/*/database.json}',
      ...this.#config.files().map((pattern) => (pattern.includes('/') ? pattern : `**/${pattern}`)),
    ];
    for (const glob of globs) {
      const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 1);
      const [first] = found;
      if (first) {
        this.#openFor(`the workspace holds ${vscode.workspace.asRelativePath(first)}`);
        return;
      }
    }
    // connections/*.json counts only in a deploy-cli repository; a few candidates are enough to find one.
    for (const candidate of await vscode.workspace.findFiles('**/connections/*.json', '**/node_modules/**', 20)) {
      if (await this.#openIfDeployCli(candidate, `the workspace holds ${vscode.workspace.asRelativePath(candidate)}, in an auth0-deploy-cli repository`)) return;
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
