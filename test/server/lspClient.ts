/**
 * A real LSP client over stdio for the server tests: spawns `node dist/server.js --stdio`, speaks JSON-RPC through
 * vscode-languageserver-protocol, and lets a test await published diagnostics (no fixed sleeps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { DocumentStatusNotification } from '../../common/protocol';
import { MessageWaiters } from '../fixtures/messageWaiters';
import { stopLanguageServer } from '../fixtures/stopLanguageServer';

export const SERVER_PATH = resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** When true the client answers workspace/configuration requests with `settings`. */
  pullConfiguration?: boolean;
  /** When true the client says it accepts formatting registered dynamically (as VS Code does). */
  dynamicFormatting?: boolean;
  /**
   * What `initialize` carries as `initializationOptions`; by default `{ settings: settings.auth0Connections }`. Other
   * editors' users write settings here while their client answers `workspace/configuration` from elsewhere.
   */
  initializationOptions?: unknown;
  /** Node arguments for the server process (none by default, as every editor runs it). */
  execArgv?: readonly string[];
  /** When true the client applies workspace edits that create files (as VS Code does). */
  createFiles?: boolean;
  /** When true the client lets the server register file watchers (as VS Code does). */
  watchFiles?: boolean;
  /** Variables added to the server process's environment. */
  env?: Record<string, string>;
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  /** How many `workspace/configuration` requests the client has answered. */
  configurationAnswers = 0;
  /** Capabilities the server registered dynamically (client/registerCapability), in order. */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  initializeResult: InitializeResult | undefined;
  #settings: Record<string, unknown>;
  readonly #diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly #waiters = new MessageWaiters(() => this.stderr.join(''));
  #version = new Map<string, number>();

  private constructor(options: StartOptions) {
    this.#settings = options.settings ?? {};
    this.process = spawn(process.execPath, [...(options.execArgv ?? []), SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.process.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.process.once('exit', () => this.#waiters.serverExited());
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.#diagnostics.set(params.uri, params);
      this.#waiters.wake();
    });
    for (const method of [DocumentStatusNotification, 'window/logMessage']) {
      this.connection.onNotification(method, (params: unknown) => {
        this.notifications.push({ method, params });
        this.#waiters.wake();
      });
    }
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
      // A section the settings lack is answered with null, as Neovim and eglot do.
      const answer = params.items.map((item) => (item.section ? this.#settings[item.section] ?? null : this.#settings));
      this.configurationAnswers++;
      this.#waiters.wake();
      return answer;
    });
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
        this.registrations.push(...params.registrations);
        this.#waiters.wake();
        return null;
      },
    );
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const client = new LspTestClient(options);
    const folder = options.workspaceFolder;
    client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: 'test' }] : null,
      capabilities: {
        workspace: {
          configuration: options.pullConfiguration ?? false,
          workspaceFolders: true,
          ...(options.createFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } : {}),
          ...(options.watchFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          formatting: { dynamicRegistration: options.dynamicFormatting ?? false },
          rangeFormatting: { dynamicRegistration: options.dynamicFormatting ?? false },
        },
      },
      initializationOptions:
        'initializationOptions' in options
          ? options.initializationOptions
          : { settings: (options.settings ?? {})['auth0Connections'] },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.#version.set(uri, 1);
    this.#diagnostics.delete(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.#version.get(uri) ?? 1) + 1;
    this.#version.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.#settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Resolves with the diagnostics for `uri` once a publication satisfies `accept` (by default: any for the current version). */
  async diagnostics(
    uri: string,
    accept: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = (_d, params) =>
      params.version === undefined || params.version === this.#version.get(uri),
    timeoutMs = 15_000,
  ): Promise<Diagnostic[]> {
    const found = await this.waitFor(() => {
      const params = this.#diagnostics.get(uri);
      return params && accept(params.diagnostics, params) ? params.diagnostics : undefined;
    }, timeoutMs, `diagnostics for ${uri}`);
    return found;
  }

  /** Resolves once `probe` returns a value (re-checked on every message from the server), or fails after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return this.#waiters.waitFor(probe, timeoutMs, what);
  }

  async stop(): Promise<void> {
    await stopLanguageServer(this.connection, this.process);
  }
}

/**
 * Resolves as `work` does, or fails after `ms` (a bound that catches a hang in a robustness test, never a speed
 * test: keep it generous).
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `file:///...` URI for a made-up path (the server never reads the disk for open documents). */
export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Splits a `|x|`-style caret marker out of test text (the yaml-language-server test convention). */
export function withCaret(textWithCaret: string): { text: string; offset: number } {
  const offset = textWithCaret.indexOf('|^|');
  if (offset < 0) throw new Error('test text has no |^| caret marker');
  return { text: textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 3), offset };
}

// --- Reading answers as an editor shows them --------------------------------------------------------------------

/** The errors of a publication. */
export function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 1);
}

/** A hover's text, whatever shape its contents take (MarkupContent, MarkedString, or a list of them). */
export function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents as MarkupContent | string | Array<string | { value: string }>;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
}

export function completionItems(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

export function completionLabels(result: CompletionList | CompletionItem[] | null): string[] {
  return completionItems(result).map((item) => item.label);
}
