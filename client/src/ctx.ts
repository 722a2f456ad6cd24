/**
 * Owns the language client's life: start, stop, restart, crash handling. Commands reach the server only through
 * here, so "the server is down" is decided (and said) in one place.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  Commands,
  DeployCliItemRequest,
  DocumentStatusNotification,
  IsConnectionFileRequest,
  SETTINGS_SECTION,
  ValidateDocumentRequest,
  type DeployCliItemParams,
  type DeployCliItemResult,
  type DocumentStatusParams,
  type IsConnectionFileParams,
  type IsConnectionFileResult,
  type ValidateDocumentParams,
  type ValidateDocumentResult,
} from '../../common/protocol';
import { Config } from './config';
import { LanguageClientChannel } from './logChannel';
import { overlapMiddleware } from './overlap';
import { ConnectionStatus } from './status';
import { errorMessage } from '../../common/errors';

const CLIENT_ID = SETTINGS_SECTION; // the client reads `${id}.trace.server`, i.e. auth0Connections.trace.server
const CLIENT_NAME = 'Auth0 Connections';
const SERVER_MODULE = 'dist/server.js';
/** Crashes tolerated inside CRASH_WINDOW_MS before automatic restarts stop. */
const MAX_CRASHES = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

/** The documents the server is offered; it decides which ones are connection files and ignores the rest. */
const DOCUMENT_SELECTOR = ['json', 'jsonc', 'yaml'].flatMap((language) =>
  ['file', 'untitled'].map((scheme) => ({ language, scheme })),
);

export class Ctx implements vscode.Disposable {
  readonly config = new Config();
  readonly log: vscode.LogOutputChannel;
  readonly status = new ConnectionStatus();
  readonly #disposables: vscode.Disposable[] = [];
  #client: LanguageClient | undefined;
  /** The start or stop in progress, so that commands racing each other queue instead of interleaving. */
  #transition: Promise<unknown> = Promise.resolve();
  #crashes: number[] = [];
  /** Settles with the first start attempt's result, whenever the gate (serverGate.ts) opens. */
  readonly firstStart: Promise<boolean>;
  #settleFirstStart: (running: boolean) => void = () => undefined;
  #startRequested = false;

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.#disposables.push(this.log, this.status);
    this.firstStart = new Promise((resolve) => (this.#settleFirstStart = resolve));
  }

  /** The running client, or undefined when the server is not running. */
  get client(): LanguageClient | undefined {
    return this.#client?.state === State.Running ? this.#client : undefined;
  }

  get isServerRunning(): boolean {
    return this.client !== undefined;
  }

  /** Starts the server; resolves to whether it runs. A failure is logged and told to the user with an action. */
  start(): Promise<boolean> {
    this.#startRequested = true;
    const started = this.#queue(() => this.#start());
    void started.then((running) => this.#settleFirstStart(running));
    return started;
  }

  /** The server for a feature that needs it now: started if nothing has started it yet, awaited while starting. */
  async ensureStarted(): Promise<boolean> {
    if (!this.#startRequested) return this.start();
    await this.#transition;
    return this.isServerRunning;
  }

  stop(): Promise<void> {
    return this.#queue(() => this.#stop());
  }

  /** Stops the server if it runs (or is stuck), then starts a fresh one. Works whatever state the server is in. */
  restart(): Promise<boolean> {
    this.#startRequested = true;
    return this.#queue(async () => {
      await this.#stop();
      this.#crashes = [];
      return this.#start();
    });
  }

  /**
   * The running client for a command that needs the server; when it is down, says so plainly (with a Restart
   * action) and returns undefined.
   */
  async requireServer(what: string): Promise<LanguageClient | undefined> {
    await this.#transition;
    const client = this.client;
    if (client) return client;
    const restart = 'Restart Server';
    const choice = await vscode.window.showErrorMessage(
      `${what} needs the Auth0 Connections language server, which is not running.`,
      restart,
      'Show Output',
    );
    if (choice === restart) {
      await vscode.commands.executeCommand(Commands.restartServer);
    } else if (choice === 'Show Output') {
      this.log.show(true);
    }
    return undefined;
  }

  /**
   * Whether the server treats `document` as one connection body (the last status it sent when it is down). A
   * deploy-cli file is served too, but item by item: it is not one body to send.
   */
  async isConnectionFile(document: vscode.TextDocument): Promise<boolean> {
    const client = this.client;
    if (!client) {
      const status = this.status.statusOf(document.uri);
      return status?.isConnectionFile === true && status.deployCli === undefined;
    }
    const params: IsConnectionFileParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
    const result = await client.sendRequest<IsConnectionFileResult>(IsConnectionFileRequest, params);
    return result.isConnectionFile && result.deployCli === undefined;
  }

  /**
   * The document's diagnostics for its current text, computed by the server now; undefined when the server is not
   * running (the caller then falls back to what VS Code last received).
   */
  async diagnosticsNow(document: vscode.TextDocument): Promise<vscode.Diagnostic[] | undefined> {
    await this.ensureStarted();
    const client = this.client;
    if (!client) return undefined;
    const params: ValidateDocumentParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
    const result = await client.sendRequest<ValidateDocumentResult>(ValidateDocumentRequest, params);
    if (!result.served) return undefined;
    return client.protocol2CodeConverter.asDiagnostics(result.diagnostics as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0]);
  }

  /** The deploy-cli connection item at `position`, as the server reads it; undefined when none (or no server). */
  async deployCliItemAt(document: vscode.TextDocument, position: vscode.Position): Promise<DeployCliItemResult['item']> {
    await this.ensureStarted();
    const client = this.client;
    if (!client) return undefined;
    const params: DeployCliItemParams = { uri: client.code2ProtocolConverter.asUri(document.uri), position: { line: position.line, character: position.character } };
    return (await client.sendRequest<DeployCliItemResult>(DeployCliItemRequest, params)).item;
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }

  #queue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#transition.then(step, step);
    this.#transition = next.catch(() => undefined);
    return next;
  }

  async #start(): Promise<boolean> {
    if (this.client) return true;
    if (this.#client) await this.#stop(); // a client whose server died: release it before making a new one
    const serverModule = this.extensionContext.asAbsolutePath(SERVER_MODULE);
    if (!existsSync(serverModule)) {
      this.log.error(`Language server not found at ${serverModule}.`);
      this.#tellUser(
        `The Auth0 Connections language server is missing (${SERVER_MODULE}). Reinstall the extension; in a ` +
          'development checkout, run "npm run build".',
      );
      this.status.setServerState('stopped');
      return false;
    }
    const client = this.#createClient(serverModule);
    this.#client = client;
    this.status.setServerState('starting');
    try {
      await client.start();
      this.log.info(`Language server started (${serverModule}).`);
      return true;
    } catch (error) {
      this.log.error(`Language server failed to start: ${errorMessage(error)}`);
      this.#tellUser(`The Auth0 Connections language server could not start: ${errorMessage(error)}`);
      this.status.setServerState('stopped');
      return false;
    }
  }

  async #stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    const wasRunning = client.needsStop();
    try {
      // dispose() stops a running client and releases its listeners.
      await client.dispose(2000);
    } catch (error) {
      // A client whose server already died (or never started) has nothing to stop; only a real failure is a warning.
      if (wasRunning) this.log.warn(`Stopping the language server: ${errorMessage(error)}`);
      else this.log.info('The previous language server was not running.');
    }
    this.status.setServerState('stopped');
  }

  #createClient(serverModule: string): LanguageClient {
    const serverOptions: ServerOptions = {
      // No Node flags: the server sets up its memory behaviour itself (languages/processMemory.ts), as for every editor.
      run: { module: serverModule, transport: TransportKind.stdio },
      debug: {
        module: serverModule,
        transport: TransportKind.stdio,
        options: { execArgv: ['--nolazy', '--inspect=6011'] },
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { configurationSection: SETTINGS_SECTION },
      initializationOptions: { settings: this.config.serverSettings() },
      outputChannel: new LanguageClientChannel(this.log),
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.#errorHandler(),
      middleware: {
        ...overlapMiddleware,
        workspace: {
          // The server pulls our section without a scope; answer with `files` merged over every folder, since the
          // setting is resource-scoped and a folder's own globs must count too.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value: unknown, i) => {
              const item = params.items[i];
              return item?.section === SETTINGS_SECTION && !item.scopeUri ? this.config.serverSection() : value;
            });
          },
        },
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client.onNotification(DocumentStatusNotification, (params: DocumentStatusParams) => this.status.update(params));
    client.onDidChangeState((event) => {
      if (this.#client !== client) return; // a client being replaced by a restart
      if (event.newState === State.Running) this.status.setServerState('running');
      else if (event.newState === State.Starting) this.status.setServerState('starting');
      else this.status.setServerState('stopped');
    });
    return client;
  }

  #errorHandler(): ErrorHandler {
    return {
      error: (error, _message, count): ErrorHandlerResult => {
        this.log.error(`Connection to the language server: ${errorMessage(error)}`);
        return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        this.#crashes = [...this.#crashes.filter((time) => now - time < CRASH_WINDOW_MS), now];
        if (this.#crashes.length <= MAX_CRASHES) {
          this.log.warn(`The language server stopped unexpectedly; restarting it (${this.#crashes.length}).`);
          return { action: CloseAction.Restart, handled: true };
        }
        this.log.error(`The language server stopped ${this.#crashes.length} times in 3 minutes; not restarting it.`);
        this.#tellUser(
          'The Auth0 Connections language server stopped repeatedly and was not restarted. Connection files get no ' +
            'completion or diagnostics until it runs again.',
        );
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  /** An error popup with the two actions that help: restart, and the log. Never reveals the log by itself. */
  #tellUser(message: string): void {
    void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output').then((choice) => {
      if (choice === 'Restart Server') {
        void vscode.commands.executeCommand(Commands.restartServer);
      } else if (choice === 'Show Output') {
        this.log.show(true);
      }
    });
  }
}
