/**
 * The Connections view (the Auth0 activity bar container): the active tenant's connections grouped by strategy
 * family, the tenant beside the title, a Refresh action. An item opens the live connection read-only
 * (liveConnectionProvider.ts); its context menu has Pull to File... and Compare with File.... With no tenant the view
 * is empty and VS Code shows its welcome content (Add Tenant...). Listing reads only (`GET /connections`, every
 * page, read:connections); the view keeps each connection's id, name, strategy and display name, no option.
 */
import * as vscode from 'vscode';
import { listConnections } from '../../../common/auth0/connectionsApi';
import { Commands } from '../../../common/protocol';
import { withApiProgress } from './apiProgress';
import { connectionDescription, connectionTooltip, groupConnections, viewTitle, type ConnectionGroup, type ConnectionSummary } from './lifecycleText';
import { isRefusal, openLifecycle, quietTenantSession, type LifecycleDeps } from './tenantSession';

export const CONNECTIONS_VIEW = 'auth0Connections.connections';
/** Context keys of the view's welcome content: a tenant is active; any tenant is configured. */
export const HAS_TENANT = 'auth0Connections.hasTenant';
export const HAS_TENANTS = 'auth0Connections.hasTenants';
/** `viewItem` of a connection (its context menu). */
export const CONNECTION_ITEM = 'auth0Connection';

export type ViewNode = { type: 'group'; group: ConnectionGroup } | { type: 'connection'; connection: ConnectionSummary; domain: string; parent: ViewNode };

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; done: Promise<void> }
  | { kind: 'shown'; domain: string | undefined; roots: ViewNode[]; message: string | undefined };

/** What the view shows (for the tests), read through the same provider methods VS Code calls. */
export interface ViewSnapshot {
  title: string | undefined;
  message: string | undefined;
  groups: Array<{ label: string; connections: Array<{ label: string; description: string; contextValue: string | undefined; command: string | undefined }> }>;
}

export class ConnectionsView implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  readonly #deps: LifecycleDeps;
  readonly #view: vscode.TreeView<ViewNode>;
  readonly #onDidChange = new vscode.EventEmitter<ViewNode | undefined>();
  readonly #disposables: vscode.Disposable[];
  readonly onDidChangeTreeData = this.#onDidChange.event;
  #state: State = { kind: 'idle' };
  /** Bumped by each refresh: a listing started before it is not shown. */
  #generation = 0;

  constructor(deps: LifecycleDeps) {
    this.#deps = deps;
    this.#view = vscode.window.createTreeView(CONNECTIONS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.#disposables = [this.#view, this.#onDidChange, deps.store.onDidChange(() => this.refresh())];
    this.#renderTitle();
  }

  /** Lists the tenant's connections again (the Refresh action; after a tenant change, a create or an apply). */
  refresh(): void {
    this.#generation++;
    this.#state = { kind: 'idle' };
    this.#renderTitle();
    this.#onDidChange.fire(undefined);
  }

  /** Refreshes only a view that has listed before (a write elsewhere must not make a hidden view call the tenant). */
  refreshIfShown(): void {
    if (this.#state.kind !== 'idle') this.refresh();
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group.kind}`;
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group.kind]);
      return item;
    }
    const { connection, domain } = node;
    const item = new vscode.TreeItem(connection.name, vscode.TreeItemCollapsibleState.None);
    item.id = `connection:${domain}:${connection.id}`;
    item.description = connectionDescription(connection);
    item.tooltip = connectionTooltip(connection, domain);
    item.contextValue = CONNECTION_ITEM;
    item.command = { command: Commands.openLiveConnection, title: 'Open Read-Only', arguments: [node] };
    return item;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node?.type === 'connection') return [];
    if (node?.type === 'group') return node.group.connections.map((connection) => ({ type: 'connection', connection, domain: this.#domain() ?? '', parent: node }));
    if (this.#state.kind === 'idle') this.#state = { kind: 'loading', done: this.#load(this.#generation) };
    if (this.#state.kind === 'loading') await this.#state.done;
    return this.#state.kind === 'shown' ? this.#state.roots : [];
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return node.type === 'connection' ? node.parent : undefined;
  }

  async snapshot(): Promise<ViewSnapshot> {
    const groups: ViewSnapshot['groups'] = [];
    for (const root of await this.getChildren()) {
      const children = await this.getChildren(root);
      const items = children.map((child) => this.getTreeItem(child));
      groups.push({
        label: String(this.getTreeItem(root).label),
        connections: items.map((item) => ({ label: String(item.label), description: String(item.description ?? ''), contextValue: item.contextValue, command: item.command?.command })),
      });
    }
    return { title: this.#view.title, message: this.#view.message, groups };
  }

  /** Expands the view onto `name` (for the README's screenshot and for a person following a link). */
  async reveal(name: string): Promise<void> {
    for (const root of await this.getChildren()) {
      const child = (await this.getChildren(root)).find((c) => c.type === 'connection' && c.connection.name === name);
      if (child) await this.#view.reveal(child, { select: true, focus: true, expand: true });
    }
  }

  #domain(): string | undefined {
    return this.#state.kind === 'shown' ? this.#state.domain : this.#deps.store.active()?.domain;
  }

  async #load(generation: number): Promise<void> {
    const show = (domain: string | undefined, roots: ViewNode[], message: string | undefined) => {
      if (generation === this.#generation) this.#show(domain, roots, message);
    };
    const session = await quietTenantSession(this.#deps.store);
    if ('problem' in session) return show(session.tenant?.domain, [], session.tenant ? session.problem : undefined);
    const domain = session.tenant.domain;
    const listed = await withApiProgress(
      this.#deps.log,
      async (signal, onProgress) => {
        const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
        return isRefusal(lifecycle) ? lifecycle : listConnections(lifecycle.api);
      },
      { location: vscode.ProgressLocation.Window },
    );
    if (isRefusal(listed)) return show(domain, [], listed.message);
    if (!listed.ok) return show(domain, [], listed.userMessage);
    const summaries = listed.value.items.map(
      (c): ConnectionSummary => ({ id: c.id, name: c.name, strategy: c.strategy, ...(typeof c.display_name === 'string' ? { displayName: c.display_name } : {}) }),
    );
    this.#deps.log.info(`Listed ${summaries.length} connection(s) of ${domain} (${listed.value.pages} page(s)).`);
    show(domain, groupConnections(summaries).map((group): ViewNode => ({ type: 'group', group })), summaries.length === 0 ? `${domain} has no connections.` : undefined);
  }

  #show(domain: string | undefined, roots: ViewNode[], message: string | undefined): void {
    this.#state = { kind: 'shown', domain, roots, message };
    this.#view.message = message;
    this.#renderTitle();
  }

  #renderTitle(): void {
    const { store } = this.#deps;
    const active = store.active();
    this.#view.title = viewTitle(active);
    void vscode.commands.executeCommand('setContext', HAS_TENANT, active !== undefined);
    void vscode.commands.executeCommand('setContext', HAS_TENANTS, store.list().length > 0);
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }
}

const GROUP_ICONS: Readonly<Record<ConnectionGroup['kind'], string>> = {
  database: 'database',
  social: 'account',
  enterprise: 'organization',
  passwordless: 'mail',
  other: 'plug',
};
