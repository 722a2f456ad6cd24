/**
 * Typed access to the `auth0Connections.*` settings. Every setting here takes effect without a restart: the server
 * re-reads them on `workspace/didChangeConfiguration` and the language client applies `trace.server` itself.
 */
import * as vscode from 'vscode';
import { DEFAULT_SERVER_SETTINGS, SETTINGS_SECTION, type ServerSettings } from '../../common/protocol';

export type TraceSetting = 'off' | 'messages' | 'verbose';

export class Config {
  /** Extra file globs, merged over the workspace and every folder (the setting is resource-scoped). */
  files(): string[] {
    const patterns = new Set<string>();
    const add = (scope: vscode.ConfigurationScope | undefined): void => {
      const value = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>('files');
      if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item === 'string' && item.trim() !== '') patterns.add(item.trim());
        }
      }
    };
    add(undefined);
    for (const folder of vscode.workspace.workspaceFolders ?? []) add(folder.uri);
    return [...patterns];
  }

  /** Milliseconds between the last edit and validation. */
  validationDelay(): number {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('validationDelay');
    return typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? value
      : DEFAULT_SERVER_SETTINGS.validationDelayMs;
  }

  traceServer(): TraceSetting {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('trace.server');
    return value === 'messages' || value === 'verbose' ? value : 'off';
  }

  /** The settings the server reads, in the shape of `ServerSettings`. */
  serverSettings(): ServerSettings {
    return { files: this.files(), validationDelayMs: this.validationDelay(), deployCliConfig: this.deployCliConfig() };
  }

  /**
   * The section as the server pulls it (`workspace/configuration`, section `auth0Connections`): the setting names as
   * the user writes them, with `files` merged over every folder.
   */
  serverSection(): Record<string, unknown> {
    return {
      files: this.files(),
      validationDelay: this.validationDelay(),
      validationDelayMs: this.validationDelay(),
      deployCliConfig: this.deployCliConfig(),
    };
  }

  /** The auth0-deploy-cli config holding the keyword mappings; empty: the nearest config.json with them. */
  deployCliConfig(): string {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('deployCli.config');
    return typeof value === 'string' ? value.trim() : '';
  }
}
