/** Typed getters for the create settings (`auth0Connections.create.*`, the loopback base-URL overrides). */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../../common/protocol';

export const DEFAULT_CREATE_TIMEOUT_SECONDS = 30;

export class Auth0Settings {
  /** False skips the modal confirmation on non-production tenants (production ones always ask). */
  confirm(): boolean {
    return this.#get('create.confirm') !== false;
  }

  /** Per HTTP request, in milliseconds. */
  timeoutMs(): number {
    const value = this.#get('create.timeoutSeconds');
    const seconds = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_CREATE_TIMEOUT_SECONDS;
    return Math.round(Math.min(seconds, 600) * 1000);
  }

  /** Machine-scoped override of the Management API base (loopback only; the core refuses anything else). */
  apiBaseUrl(): string | undefined {
    return this.#string('apiBaseUrl');
  }

  authBaseUrl(): string | undefined {
    return this.#string('authBaseUrl');
  }

  #string(name: string): string | undefined {
    const value = this.#get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  #get(name: string): unknown {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(name);
  }
}
