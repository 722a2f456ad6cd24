/**
 * The status bar item naming the tenant the Auth0 commands and the Connections view use (production ones marked and
 * coloured); a click runs Select Tenant. Shown while a connection file is active or once a tenant is configured,
 * so that it does not sit in the status bar of people who never create connections.
 */
import * as vscode from 'vscode';
import { Commands } from '../../../common/protocol';
import type { TenantStore } from './tenantStore';
import { statusBarText, statusBarTooltip } from './text';

export class TenantStatusBar implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;
  readonly #store: TenantStore;
  readonly #isConnectionFile: (document: vscode.TextDocument) => Promise<boolean> | boolean;
  readonly #disposables: vscode.Disposable[] = [];
  #activeIsConnectionFile = false;
  #visible = false;

  constructor(store: TenantStore, isConnectionFile: (document: vscode.TextDocument) => Promise<boolean> | boolean) {
    this.#store = store;
    this.#isConnectionFile = isConnectionFile;
    this.#item = vscode.window.createStatusBarItem('auth0Connections.tenant', vscode.StatusBarAlignment.Left, 10);
    this.#item.name = 'Auth0 Tenant';
    this.#item.command = Commands.selectTenant;
    this.#disposables.push(
      this.#item,
      store.onDidChange(() => this.#render()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.#refreshActive()),
    );
    void this.#refreshActive();
  }

  /** What the item shows now (for the tests). */
  snapshot(): { text: string; tooltip: string; visible: boolean; command: string | undefined } {
    const command = this.#item.command;
    return {
      text: this.#item.text,
      tooltip: typeof this.#item.tooltip === 'string' ? this.#item.tooltip : (this.#item.tooltip?.value ?? ''),
      visible: this.#visible,
      command: typeof command === 'string' ? command : command?.command,
    };
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  async #refreshActive(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    try {
      this.#activeIsConnectionFile = document !== undefined && (await this.#isConnectionFile(document));
    } catch {
      this.#activeIsConnectionFile = false;
    }
    this.#render();
  }

  #render(): void {
    const tenants = this.#store.list();
    const active = this.#store.active();
    this.#item.text = statusBarText(active);
    this.#item.tooltip = statusBarTooltip(active, tenants.length);
    this.#item.backgroundColor = active?.production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.#item.accessibilityInformation = {
      label: active ? `Auth0 tenant ${active.domain}${active.production ? ', production' : ''}` : 'No Auth0 tenant selected',
    };
    this.#visible = tenants.length > 0 || this.#activeIsConnectionFile;
    if (this.#visible) {
      this.#item.show();
    } else {
      this.#item.hide();
    }
  }
}
