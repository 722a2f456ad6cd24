/**
 * The Connections view's item actions: open the live connection read-only (a click), Pull to File... and Compare
 * with File... (the context menu). Each takes the view's item, or `{ name }` from a test or another extension, and
 * hands off to the pull and compare commands.
 */
import * as vscode from 'vscode';
import type { FileFormat } from '../../../common/auth0/connectionFile';
import type { CompareCommand, CompareCommandResult } from './compareCommand';
import type { ViewNode } from './connectionsView';
import { LiveConnectionProvider } from './liveConnectionProvider';
import type { PullArgs, PullCommand, PullResult } from './pullCommand';
import type { TenantStore } from './tenantStore';

/** A connection named by a view item or by `{ name, domain? }`. */
export interface ConnectionItemArgs {
  name: string;
  /** Default: the active tenant. */
  domain?: string;
}

export interface CompareWithFileArgs extends ConnectionItemArgs {
  /** The file to compare with (default: picked among the workspace's `<name>.connection.*` files, or in a dialog). */
  file?: string | vscode.Uri;
}

function named(arg: unknown): ConnectionItemArgs | undefined {
  if (arg === null || typeof arg !== 'object') return undefined;
  const node = arg as Partial<Extract<ViewNode, { type: 'connection' }>> & Partial<ConnectionItemArgs>;
  if (node.type === 'connection' && node.connection) return { name: node.connection.name, domain: node.domain ?? '' };
  return typeof node.name === 'string' ? { name: node.name, ...(typeof node.domain === 'string' ? { domain: node.domain } : {}) } : undefined;
}

export class ConnectionItemCommands {
  readonly #store: TenantStore;
  readonly #live: LiveConnectionProvider;
  readonly #pull: PullCommand;
  readonly #compare: CompareCommand;

  constructor(deps: { store: TenantStore; live: LiveConnectionProvider; pull: PullCommand; compare: CompareCommand }) {
    this.#store = deps.store;
    this.#live = deps.live;
    this.#pull = deps.pull;
    this.#compare = deps.compare;
  }

  /** Opens the connection read-only, as pull would write it; resolves to the document's address. */
  async open(arg: unknown, format: FileFormat = 'yaml'): Promise<string | undefined> {
    const item = named(arg);
    const domain = item?.domain || this.#store.active()?.domain;
    if (!item || !domain) return undefined;
    const uri = LiveConnectionProvider.liveUri(domain, item.name, format);
    // Opened before, VS Code would show what it fetched then: the tenant may have changed since.
    this.#live.refetch(uri);
    await vscode.window.showTextDocument(uri, { preview: true });
    return uri.toString();
  }

  /** `extra`: the pull's other answers (tests); a menu passes the selected items there, which are not answers. */
  async pullToFile(arg: unknown, extra?: Omit<PullArgs, 'names'>): Promise<PullResult | undefined> {
    const item = named(arg);
    const answers = extra !== null && typeof extra === 'object' && !Array.isArray(extra) ? extra : {};
    return item ? this.#pull.run({ ...answers, names: [item.name] }) : undefined;
  }

  async compareWithFile(arg: unknown): Promise<CompareCommandResult | undefined> {
    const item = named(arg);
    if (!item) return undefined;
    const given = (arg as Partial<CompareWithFileArgs>).file;
    const file = given !== undefined ? (typeof given === 'string' ? vscode.Uri.parse(given) : given) : await this.#pickFile(item.name);
    if (!file) return undefined;
    // The file decides which connection it is compared with (as Apply would); the summary names both.
    return this.#compare.run({ uri: file });
  }

  /** The workspace's files named after the connection, or one chosen in a dialog. */
  async #pickFile(name: string): Promise<vscode.Uri | undefined> {
    const glob = `**/${name.replace(/[[\]{}*?!]/g, '?')}.connection.{json,yaml,yml}`;
    const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 50);
    type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
    const items: Item[] = [
      ...found.map((uri): Item => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { label: '$(file) Choose a File...', alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Compare ${name} with`, placeHolder: found.length === 0 ? `No ${name}.connection.* file in the workspace` : 'A connection file' });
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', filters: { 'Connection files': ['json', 'yaml', 'yml'] } });
    return chosen?.[0];
  }
}
