/**
 * A generic LSP client over stdio for the benchmark: spawns any server command, speaks JSON-RPC through
 * vscode-languageserver-protocol, answers workspace/configuration from a settings object, and timestamps every
 * publishDiagnostics so a caller can await "diagnostics for this uri after time t". Same pattern as
 * test/server/lspClient.ts, but not tied to our server: the benchmark drives ours and the peer with this one class.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { MessageWaiters } from '../test/fixtures/messageWaiters';
import { stopLanguageServer } from '../test/fixtures/stopLanguageServer';

export interface ServerCommand {
  command: string;
  args: string[];
  /** Settings by section, answered to workspace/configuration and pushed with didChangeConfiguration. */
  settings: Record<string, unknown>;
  initializationOptions?: unknown;
}

interface Publication {
  at: number;
  version: number | undefined;
  diagnostics: Diagnostic[];
}

export class BenchClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  /** Milliseconds from spawn to the `initialize` result. */
  startupMs = NaN;
  readonly #settings: Record<string, unknown>;
  readonly #latest = new Map<string, Publication>();
  readonly #waiters = new MessageWaiters(() => this.stderr.join('').slice(-2000));
  readonly #versions = new Map<string, number>();

  private constructor(server: ServerCommand) {
    this.#settings = server.settings;
    this.process = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => {
      // Keep only the tail: a server that logs a lot must not grow the benchmark's own memory.
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 50) this.stderr.shift();
    });
    this.process.once('exit', () => this.#waiters.serverExited());
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.#latest.set(params.uri, { at: performance.now(), version: params.version, diagnostics: params.diagnostics });
      this.#waiters.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section ? (this.#settings[item.section] ?? null) : this.#settings)),
    );
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  static async start(server: ServerCommand, rootUri: string): Promise<BenchClient> {
    const started = performance.now();
    const client = new BenchClient(server);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
      initializationOptions: server.initializationOptions ?? null,
    });
    client.startupMs = performance.now() - started;
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: server.settings });
    return client;
  }

  /**
   * Opens a document; resolves with the time from sending didOpen to its first diagnostics. A re-opened uri gets a
   * higher version than it had: yaml-language-server caches parses by uri + version and never evicts, so re-opening
   * with version 1 again would measure a cache hit on a stale entry instead of the work.
   */
  async open(uri: string, languageId: string, text: string, timeoutMs: number): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const version = (this.#versions.get(uri) ?? 0) + 1;
    this.#versions.set(uri, version);
    this.#latest.delete(uri);
    const sent = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
    const publication = await this.#publicationAfter(uri, sent, version, timeoutMs);
    return { ms: publication.at - sent, diagnostics: publication.diagnostics };
  }

  /** Sends one edit; resolves with the time from sending didChange to diagnostics for the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], timeoutMs: number): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const version = (this.#versions.get(uri) ?? 1) + 1;
    this.#versions.set(uri, version);
    this.#latest.delete(uri);
    const sent = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    const publication = await this.#publicationAfter(uri, sent, version, timeoutMs);
    return { ms: publication.at - sent, diagnostics: publication.diagnostics };
  }

  /** Closes a document and waits for the server's clearing publication (both servers send one), so work is done. */
  async close(uri: string, timeoutMs: number): Promise<void> {
    this.#latest.delete(uri);
    const sent = performance.now();
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await this.#waiters.waitFor(() => {
      const latest = this.#latest.get(uri);
      return latest && latest.at >= sent && latest.diagnostics.length === 0 ? latest : undefined;
    }, timeoutMs, `the clearing diagnostics of ${uri}`);
  }

  async completion(uri: string, position: Position): Promise<{ ms: number; items: CompletionItem[] }> {
    const sent = performance.now();
    const result = (await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as
      | CompletionList
      | CompletionItem[]
      | null;
    const ms = performance.now() - sent;
    return { ms, items: Array.isArray(result) ? result : (result?.items ?? []) };
  }

  async hover(uri: string, position: Position): Promise<{ ms: number; hover: Hover | null }> {
    const sent = performance.now();
    const hover = (await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
    return { ms: performance.now() - sent, hover };
  }

  /**
   * One request/response with the server (a hover on a document it does not have): resolves once the server has
   * handled everything sent before, including work it queued on a timer during the last notification.
   */
  async roundTrip(): Promise<void> {
    const uri = 'file:///bench/not-open.connection.yaml';
    await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * CPU time the server process has used (user + system), from /proc (Linux), in ms: the work a request cost it,
   * whatever else the shared machine was doing meanwhile (wall times also count waiting for a core).
   */
  cpuMs(): number {
    try {
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      return Number.isFinite(ticks) ? ticks * 10 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Resident set size of the server process, from /proc (Linux), in MB. */
  rssMb(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /**
   * RSS once the process has settled: after a collection V8 hands freed pages back on background threads, within a
   * second or so, so the reading right after a close can still include memory that is already let go. Polls every
   * 100 ms until the readings of the last second stay within 0.5 MB (at most `maxMs`); a process that keeps its
   * memory settles after that one second.
   */
  async settledRssMb(maxMs = 5000): Promise<number> {
    const deadline = performance.now() + maxMs;
    const window: number[] = [this.rssMb()];
    while (performance.now() < deadline) {
      await new Promise((resolveLater) => setTimeout(resolveLater, 100));
      window.push(this.rssMb());
      if (window.length > 11) window.shift();
      if (window.length === 11 && Math.max(...window) - Math.min(...window) < 0.5) break;
    }
    return window[window.length - 1] ?? NaN;
  }

  async stop(): Promise<void> {
    await stopLanguageServer(this.connection, this.process);
  }

  #publicationAfter(uri: string, sent: number, version: number, timeoutMs: number): Promise<Publication> {
    // Our server sends the document version; the peer does not. Either way only a publication after `sent` counts.
    return this.#waiters.waitFor(() => {
      const latest = this.#latest.get(uri);
      if (!latest || latest.at < sent) return undefined;
      return latest.version === undefined || latest.version === version ? latest : undefined;
    }, timeoutMs, `diagnostics for ${uri} v${version}`);
  }
}
