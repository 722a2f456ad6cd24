/**
 * The server's settings and workspace folders: read from `initializationOptions.settings`, pulled with
 * `workspace/configuration` when the client can answer it, pushed with `didChangeConfiguration` otherwise. Every
 * change re-decides which documents are served and re-registers formatting for exactly those file patterns.
 */
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type Disposable,
  type InitializeParams,
} from 'vscode-languageserver';
import { DEFAULT_SERVER_SETTINGS, SETTINGS_SECTION, type ServerSettings } from '../../../common/protocol';
import { mergeSettings } from '../mergeSettings';
import type { ServerContext } from '../serverContext';
import { describeError } from '../utils/runner';


export interface SettingsListener {
  /** Called after every change of settings or workspace folders, with the settings in force. */
  (settings: ServerSettings): void;
}

export class SettingsHandlers {
  readonly #context: ServerContext;
  readonly #onChange: SettingsListener;
  #settings: ServerSettings = { ...DEFAULT_SERVER_SETTINGS };
  #workspaceFolders: string[] = [];
  #canPullConfiguration = false;
  /** True when the client registers formatting dynamically (then it is offered per file pattern, see below). */
  canRegisterFormatting = false;
  #initialized = false;
  #formattingRegistrations: Array<Promise<Disposable>> = [];
  /** Other handlers' work once the client is initialized (one `initialized` handler per connection: this one). */
  readonly #afterInitialized: Array<() => void> = [];

  constructor(context: ServerContext, onChange: SettingsListener) {
    this.#context = context;
    this.#onChange = onChange;
  }

  get settings(): ServerSettings {
    return this.#settings;
  }

  /** Reads the client's capabilities, folders and initial settings (from `initialize`). */
  initialize(params: InitializeParams): void {
    this.#workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (this.#workspaceFolders.length === 0 && params.rootUri) this.#workspaceFolders = [params.rootUri];
    this.#canPullConfiguration = params.capabilities.workspace?.configuration === true;
    this.canRegisterFormatting =
      params.capabilities.textDocument?.formatting?.dynamicRegistration === true &&
      params.capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true;
    this.#apply((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
  }

  /** Runs `callback` once the client has said `initialized` (LSP allows registrations from then on). */
  afterInitialized(callback: () => void): void {
    this.#afterInitialized.push(callback);
  }

  listen(): void {
    const { connection } = this.#context;
    connection.onInitialized(() => {
      this.#initialized = true;
      for (const callback of this.#afterInitialized) callback();
      this.#registerFormatting();
      void this.#pull();
      if (this.#workspaceFolders.length) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((folder) => folder.uri));
          this.#workspaceFolders = [...this.#workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f.uri)];
          this.#apply(this.#settings);
        });
      }
    });
    connection.onDidChangeConfiguration((change) => {
      if (this.#canPullConfiguration) {
        void this.#pull();
      } else {
        this.#apply((change.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
      }
    });
  }

  /** Applies our section as received (any shape; see mergeSettings: a null section keeps what the server had). */
  #apply(section: unknown): void {
    this.#settings = mergeSettings(this.#settings, section);
    this.#context.registry.configure(this.#settings.files, this.#workspaceFolders, this.#settings.deployCliConfig);
    this.#registerFormatting();
    this.#onChange(this.#settings);
  }

  async #pull(): Promise<void> {
    if (!this.#canPullConfiguration) return;
    try {
      this.#apply((await this.#context.connection.workspace.getConfiguration(SETTINGS_SECTION)) as unknown);
    } catch (error) {
      this.#context.logger.error(`Reading settings failed: ${describeError(error)}`);
    }
  }

  /**
   * Formatting is offered only for files that are connection files by name or setting. A static registration would
   * make VS Code ask users of every package.json to choose between us and its own JSON formatter.
   */
  #registerFormatting(): void {
    if (!this.canRegisterFormatting || !this.#initialized) return;
    const { connection, logger, registry } = this.#context;
    for (const registration of this.#formattingRegistrations) void registration.then((d) => d.dispose(), () => undefined);
    const documentSelector = registry.pathPatterns.map((pattern) => ({ pattern }));
    this.#formattingRegistrations = [
      connection.client.register(DocumentFormattingRequest.type, { documentSelector }),
      connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }),
    ];
    for (const registration of this.#formattingRegistrations) {
      registration.catch((error: unknown) => logger.error(`Registering formatting failed: ${describeError(error)}`));
    }
  }
}
