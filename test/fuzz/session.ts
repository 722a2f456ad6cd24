/**
 * One seeded fuzz run against the BUILT server (dist/server.js), spawned as every editor spawns it (plain
 * `node dist/server.js --stdio`: the server sets up its own memory behaviour) and driven by the real LSP client. Per document: open it, await its diagnostics, send
 * random requests, apply random incremental edits (some outside the document), await the diagnostics of the last
 * version, send more requests, close it.
 *
 * It asserts what a user relies on: the process never exits, every request (and every publication awaited) comes
 * within a generous bound, nothing is logged with a stack trace (a handler that threw), and once every document is
 * closed the resident memory is back near where it started. On the first failure it writes the seed, the document
 * and every message sent for it to out/fuzz/ (replayable with FUZZ_REPLAY, see run.ts) and throws.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedEdits } from '../../server/src/clampedEdits';
import { fileUri, LspTestClient, within } from '../server/lspClient';
import {
  aliasBomb,
  hostileFormattingOptions,
  loadCorpus,
  mutatedDocument,
  randomEdit,
  randomPosition,
  type CorpusDocument,
} from './inputs';
import { Random } from './random';

export const FAILURE_DIR = resolve(__dirname, '../../out/fuzz');
const WORKSPACE = '/tmp/auth0-connections-fuzz';
const RESIDENT_URI = fileUri(`${WORKSPACE}/resident.connection.yaml`);
/** Each request answers in milliseconds; this catches a hang, it is not a speed test. */
export const REQUEST_BOUND_MS = 5000;
/** Resident memory may end this much above where it started (V8 keeps some heap it grew into). */
export const RSS_MARGIN_MB = 48;

export interface FuzzOptions {
  seed: number;
  documents: number;
  log?: (line: string) => void;
}

export interface MethodFigures {
  count: number;
  slowestMs: number;
  totalMs: number;
  /** The input whose request was the slowest. */
  slowestInput: string;
}

export interface FuzzFigures {
  seed: number;
  documents: number;
  edits: number;
  outOfRangeEdits: number;
  requests: number;
  byMethod: Record<string, MethodFigures>;
  rssStartMb: number | undefined;
  rssEndMb: number | undefined;
  seconds: number;
}

/** One message sent for the current document, as recorded for the failure file and the replay. */
export interface Step {
  kind: 'notification' | 'request';
  method: string;
  params: unknown;
}

export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const session = await FuzzSession.start(options.seed);
  try {
    return await session.run(options);
  } finally {
    await session.client.stop();
  }
}

/** Replays a failure file's messages in order, with the same checks; resolves when they all pass. */
export async function replayFailure(file: string): Promise<void> {
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { seed: number; steps: Step[] };
  const session = await FuzzSession.start(recorded.seed);
  try {
    for (const step of recorded.steps) await session.send(step);
    session.checkAlive();
  } finally {
    await session.client.stop();
  }
}

class FuzzSession {
  readonly figures: FuzzFigures;
  readonly #random: Random;
  readonly #corpus = loadCorpus();
  #steps: Step[] = [];
  #current: CorpusDocument | undefined;
  #documentIndex = -1;
  #logChecked = 0;
  #stderrChecked = 0;

  private constructor(
    readonly client: LspTestClient,
    seed: number,
  ) {
    this.#random = new Random(seed);
    this.figures = { seed, documents: 0, edits: 0, outOfRangeEdits: 0, requests: 0, byMethod: {}, rssStartMb: undefined, rssEndMb: undefined, seconds: 0 };
  }

  static async start(seed: number): Promise<FuzzSession> {
    const client = await LspTestClient.start({
      workspaceFolder: WORKSPACE,
      settings: { auth0Connections: { validationDelayMs: 0 } },
    });
    return new FuzzSession(client, seed);
  }

  async run(options: FuzzOptions): Promise<FuzzFigures> {
    const started = Date.now();
    // Warm up (both language services compile the schema on first use), then take the memory baseline: the server
    // collects garbage when its last document closes, before it answers the request that follows.
    for (const format of ['json', 'yaml'] as const) await this.#fuzzDocument({ name: 'warm-up', format, text: this.#corpusText(format) }, -1);
    await this.client.connection.sendRequest('auth0Connections/validateDocument', { uri: RESIDENT_URI });
    this.figures.rssStartMb = rssMb(this.client);
    // One document stays open throughout, as in an editor: the fuzzed ones open and close beside it.
    await this.client.open(RESIDENT_URI, 'yaml', this.#corpusText('yaml'));
    for (let i = 0; i < options.documents; i++) {
      const input = this.#random.weighted<() => CorpusDocument>([
        [14, () => mutatedDocument(this.#random, this.#corpus)],
        [3, () => aliasBomb(this.#random)],
        [3, () => this.#random.pick(this.#corpus)],
      ])();
      await this.#fuzzDocument(input, i);
      this.figures.documents++;
      if ((i + 1) % 50 === 0) options.log?.(`  ${i + 1}/${options.documents} documents, ${this.figures.requests} requests, RSS ${rssMb(this.client) ?? '?'} MB`);
    }
    await this.client.close(RESIDENT_URI);
    await this.#checkMemory();
    this.figures.seconds = (Date.now() - started) / 1000;
    return this.figures;
  }

  #corpusText(format: 'json' | 'yaml'): string {
    return this.#corpus.find((document) => document.format === format)!.text;
  }

  async #fuzzDocument(input: CorpusDocument, index: number): Promise<void> {
    this.#current = input;
    this.#documentIndex = index;
    this.#steps = [];
    const uri = fileUri(`${WORKSPACE}/doc-${index}.connection.${input.format}`);
    const model = { document: TextDocument.create(uri, input.format, 1, input.text) };
    await this.send({ kind: 'notification', method: DidOpenTextDocumentNotification.method, params: { textDocument: { uri, languageId: input.format, version: 1, text: input.text } } });
    let diagnostics = await this.#published(uri, 1);
    await this.#randomRequests(model.document, diagnostics, this.#random.between(2, 6));
    const edits = this.#random.weighted([[2, 0], [5, this.#random.between(1, 6)], [2, this.#random.between(7, 20)]]);
    for (let i = 0; i < edits; i++) await this.#randomChange(model);
    if (edits > 0) diagnostics = await this.#published(uri, model.document.version);
    await this.#randomRequests(model.document, diagnostics, this.#random.between(1, 5));
    await this.send({ kind: 'notification', method: DidCloseTextDocumentNotification.method, params: { textDocument: { uri } } });
  }

  async #randomChange(model: { document: TextDocument }): Promise<void> {
    const { document } = model;
    const changes = [];
    for (let n = this.#random.weighted([[6, 1], [2, 2], [1, 3]]); n > 0; n--) {
      const edit = randomEdit(this.#random, document, this.#corpus);
      changes.push({ range: edit.range, text: edit.text });
      // The client's copy follows the server's own rule for a range outside the document.
      new ClampedEdits(() => undefined).update(document, [{ range: edit.range, text: edit.text }], document.version + 1);
      this.figures.edits++;
      if (edit.outOfRange) this.figures.outOfRangeEdits++;
    }
    const params = { textDocument: { uri: document.uri, version: document.version }, contentChanges: changes };
    await this.send({ kind: 'notification', method: DidChangeTextDocumentNotification.method, params });
  }

  async #randomRequests(document: TextDocument, diagnostics: Diagnostic[], count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const burst = this.#random.chance(0.2) ? 3 : 1;
      const steps = Array.from({ length: burst }, () => this.#randomRequest(document, diagnostics));
      await Promise.all(steps.map((step) => this.send(step)));
    }
  }

  #randomRequest(document: TextDocument, diagnostics: Diagnostic[]): Step {
    const r = this.#random;
    const textDocument = { uri: document.uri };
    const range = (): { start: unknown; end: unknown } => {
      const [a, b] = [randomPosition(r, document), randomPosition(r, document)];
      return a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a };
    };
    const [method, params] = r.weighted<readonly [string, unknown]>([
      [5, ['textDocument/completion', { textDocument, position: randomPosition(r, document) }]],
      [4, ['textDocument/hover', { textDocument, position: randomPosition(r, document) }]],
      [2, ['textDocument/documentSymbol', { textDocument }]],
      [2, ['textDocument/foldingRange', { textDocument }]],
      [2, ['textDocument/selectionRange', { textDocument, positions: Array.from({ length: r.between(1, 4) }, () => randomPosition(r, document)) }]],
      [2, ['textDocument/formatting', { textDocument, options: hostileFormattingOptions(r) }]],
      [1, ['textDocument/rangeFormatting', { textDocument, range: range(), options: hostileFormattingOptions(r) }]],
      [2, ['textDocument/codeAction', { textDocument, range: range(), context: { diagnostics: diagnostics.slice(0, r.between(0, 5)) } }]],
      [1, ['auth0Connections/validateDocument', { uri: document.uri }]],
    ]);
    return { kind: 'request', method, params };
  }

  /** Sends one recorded step; a request must answer within the bound. Checks the server after each. */
  async send(step: Step): Promise<void> {
    this.#steps.push(step);
    if (step.kind === 'notification') {
      await this.client.connection.sendNotification(step.method, step.params);
    } else {
      const started = performance.now();
      await this.#guard(within(REQUEST_BOUND_MS, step.method, this.client.connection.sendRequest(step.method, step.params)));
      this.#count(step.method, performance.now() - started);
    }
    this.checkAlive();
  }

  async #published(uri: string, version: number): Promise<Diagnostic[]> {
    const started = performance.now();
    const accept = (_d: Diagnostic[], params: PublishDiagnosticsParams): boolean => params.version === version;
    const diagnostics = await this.#guard(this.client.diagnostics(uri, accept, REQUEST_BOUND_MS));
    this.#count('publishDiagnostics (after open or edits)', performance.now() - started);
    return diagnostics;
  }

  #count(method: string, ms: number): void {
    const figures = (this.figures.byMethod[method] ??= { count: 0, slowestMs: 0, totalMs: 0, slowestInput: '' });
    figures.count++;
    figures.totalMs += ms;
    if (ms > figures.slowestMs) {
      figures.slowestMs = ms;
      figures.slowestInput = `document ${this.#documentIndex}: ${this.#current?.name ?? '?'}`;
    }
    if (!method.startsWith('publish')) this.figures.requests++;
  }

  async #guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw this.#fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** The process runs, and nothing new was logged with a stack trace. */
  checkAlive(): void {
    const { client } = this;
    if (client.process.exitCode !== null || client.process.signalCode !== null) {
      throw this.#fail(`the server exited (${client.process.exitCode ?? client.process.signalCode})`);
    }
    const logs = client.notifications.slice(this.#logChecked);
    this.#logChecked = client.notifications.length;
    for (const { method, params } of logs) {
      const message = (params as { message?: string }).message ?? '';
      if (method === 'window/logMessage' && /\n\s+at /.test(message)) throw this.#fail(`logged with a stack trace: ${message}`);
    }
    const stderr = client.stderr.slice(this.#stderrChecked).join('');
    this.#stderrChecked = client.stderr.length;
    if (/\n\s+at /.test(stderr)) throw this.#fail(`stderr shows a stack trace: ${stderr}`);
  }

  /** After everything is closed, resident memory comes back near the baseline (polled: V8 gives memory back lazily). */
  async #checkMemory(): Promise<void> {
    const start = this.figures.rssStartMb;
    if (start === undefined) return;
    let end = rssMb(this.client) ?? start;
    for (let waited = 0; end > start + RSS_MARGIN_MB && waited < 15_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      end = rssMb(this.client) ?? start;
    }
    this.figures.rssEndMb = end;
    if (end > start + RSS_MARGIN_MB) throw this.#fail(`resident memory ${end} MB after closing everything, from ${start} MB at the start`);
  }

  #fail(reason: string): FuzzFailure {
    mkdirSync(FAILURE_DIR, { recursive: true });
    const file = resolve(FAILURE_DIR, `failure-seed-${this.figures.seed}-doc-${this.#documentIndex}.json`);
    const record = { seed: this.figures.seed, document: this.#documentIndex, input: this.#current, reason, steps: this.#steps, figures: this.figures };
    writeFileSync(file, JSON.stringify(record, null, 2));
    return new FuzzFailure(`Fuzz seed ${this.figures.seed}, document ${this.#documentIndex} (${this.#current?.name}): ${reason}\nReproducing input: ${file}`, file);
  }
}

/** The server's resident set size in MB, from /proc (Linux; undefined elsewhere). */
function rssMb(client: LspTestClient): number | undefined {
  try {
    const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
