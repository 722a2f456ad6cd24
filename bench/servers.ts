/**
 * The two servers under test and the measurement of one document on one server over stdio. Each (server, document)
 * pair gets a fresh process, so memory and timings of one document never leak into the next.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SERVER_SETTINGS } from '../common/protocol';
import { BenchClient, type ServerCommand } from './lspClient';
import type { BenchDocument, Format } from './documents';
import { summarize, type Figure } from './stats';
import { writeTenantSchema } from './tenantSchema';

const ROOT = resolve(__dirname, '..');
export const SCHEMA_PATH = resolve(ROOT, 'schemas/connection.schema.json');
const WORKSPACE = resolve(ROOT, 'bench/workspace');

/** Our server's debounce for didChange (the setting's default); the benchmark sets it to 0 and reports it here. */
export const OURS_DEFAULT_DELAY_MS = DEFAULT_SERVER_SETTINGS.validationDelayMs;
/** yaml-language-server's fixed validation delay (yamlSettings.validationDelayMs), on didOpen and didChange alike. */
export const PEER_DELAY_MS = 200;

export type ServerName = 'ours' | 'peer';

/**
 * The Node arguments our server runs with: none, as every editor starts it (`node dist/server.js --stdio`); the server
 * sets up its memory behaviour itself (languages/processMemory.ts).
 */
export function oursExecArgv(): readonly string[] {
  // BENCH_OURS_EXEC_ARGV="--a --b": try other arguments.
  const override = process.env['BENCH_OURS_EXEC_ARGV'];
  return override !== undefined ? override.split(' ').filter(Boolean) : [];
}

/**
 * The Node flags the VS Code client used to pass for the memory behaviour the server now sets up itself: the run
 * measures large YAML with them too, to show that the plain command settles at the same figure.
 */
export const FLAGGED_EXEC_ARGV: readonly string[] = ['--expose-gc', '--max-semi-space-size=1'];

export function serverCommand(name: ServerName, execArgv: readonly string[] = oursExecArgv()): ServerCommand {
  if (name === 'ours') {
    return {
      command: process.execPath,
      // BENCH_OURS_SERVER: measure another build of our server (e.g. an experiment) with the same harness.
      args: [...execArgv, process.env['BENCH_OURS_SERVER'] ?? resolve(ROOT, 'dist/server.js'), '--stdio'],
      // Debounce off so didChange -> diagnostics measures work; didOpen validates at once anyway. tenant.json is no
      // deploy-cli file by its name (deploy-cli's directory format keeps tenant settings in a tenant.json): the files
      // setting names it, and its content (a `connections` list) makes it a tenant file.
      initializationOptions: { settings: { validationDelayMs: 0, files: ['tenant.json'] } },
      settings: { auth0Connections: { validationDelay: 0, files: ['tenant.json'] } },
    };
  }
  return {
    command: process.execPath,
    args: [resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        validate: true,
        completion: true,
        hover: true,
        format: { enable: false },
        // No schema store: it would fetch a catalog from the network and associate other schemas.
        schemaStore: { enable: false },
        schemas: {
          [pathToFileURL(SCHEMA_PATH).href]: ['*.connection.yaml', '*.connection.yml'],
          [pathToFileURL(writeTenantSchema(ROOT)).href]: ['tenant.yaml', 'tenant.yml'],
        },
      },
    },
  };
}

export interface DocumentFigures {
  startupMs: number;
  didOpen: Figure;
  /** Server CPU time (user + system) per open + close cycle, in ms: its work, whatever the machine's load. */
  cpuPerOpenMs: number;
  didChange: Figure;
  /** Waiting included in the two figures above (ours: 0, the setting is set to 0; peer: its fixed delay). */
  debounceMs: number;
  diagnosticsCount: number;
  completionOptionsProperty: Figure;
  /**
   * The first completion (options property) after an open, once the server has handled what it had received (a round
   * trip after the diagnostics): what a user gets when they open a file, look, and press Ctrl+Space.
   */
  completionFirst: Figure;
  completionStrategyValue: Figure;
  hoverStrategyKey: Figure;
  hoverOptionsKey: Figure;
  completionItems: { optionsProperty: number; strategyValue: number };
  rssMb: { afterStart: number; beforeOpen: number; afterCycles: number[]; growth: number };
}

export interface RunCounts {
  warmupOpens: number;
  openCycles: number;
  firstCompletions: number;
  changes: number;
  requests: number;
}

export function countsFor(document: BenchDocument): RunCounts {
  return document.size === 'large'
    ? { warmupOpens: 0, openCycles: 5, firstCompletions: 4, changes: 3, requests: 8 }
    : { warmupOpens: 20, openCycles: 60, firstCompletions: 10, changes: 10, requests: 60 };
}

const TIMEOUT_MS = 180_000;

function uriFor(document: BenchDocument, suffix = ''): string {
  // A tenant file keeps its name (that is what makes it one); each use gets a folder of its own instead.
  if (document.tenant) return pathToFileURL(resolve(WORKSPACE, `tenant${suffix || '-open'}`, document.name)).href;
  const base = document.name.replace(/\.(json|yaml)$/, '');
  return pathToFileURL(resolve(WORKSPACE, `${base}${suffix}.connection.${document.format}`)).href;
}

const PROBE: Record<Format, string> = {
  yaml: 'name: probe\nstrategy: 42\n',
  json: '{ "name": "probe", "strategy": 42 }\n',
};

/**
 * Measures one document on several servers in lock-step: every sample of one server is followed by the same sample
 * of the other (alternating who goes first), so that the machine's load, which varies a lot on a shared 2-core box,
 * falls on both sides alike.
 */
export async function measureDocument(
  servers: readonly ServerName[],
  document: BenchDocument,
  log: (line: string) => void,
): Promise<Partial<Record<ServerName, DocumentFigures>>> {
  const counts = countsFor(document);
  const clients: Array<{ name: ServerName; client: BenchClient }> = [];
  try {
    for (const name of servers) {
      clients.push({ name, client: await BenchClient.start(serverCommand(name), pathToFileURL(WORKSPACE).href) });
    }
    const state = new Map<ServerName, Samples>();
    for (const { name, client } of clients) state.set(name, emptySamples(client));
    /** Runs `step` for every server, the order alternating with `round`. */
    const verbose = process.env['BENCH_VERBOSE'] === '1';
    const eachServer = async (round: number, step: (client: BenchClient, samples: Samples) => Promise<void>): Promise<void> => {
      const ordered = round % 2 === 0 ? clients : [...clients].reverse();
      for (const { name, client } of ordered) {
        const before = performance.now();
        await step(client, state.get(name)!);
        if (verbose) log(`    ${name} step ${round}: ${(performance.now() - before).toFixed(1)} ms`);
      }
    };

    // Warm-up on a tiny document with a schema error: the peer applies its settings (and our schema) asynchronously
    // after didChangeConfiguration, so wait until the schema demonstrably applies; both servers load it here.
    const probeUri = pathToFileURL(resolve(WORKSPACE, `probe.connection.${document.format}`)).href;
    await eachServer(0, async (client) => {
      for (let attempt = 0; ; attempt++) {
        const { diagnostics } = await client.open(probeUri, document.format, PROBE[document.format], TIMEOUT_MS);
        await client.close(probeUri, TIMEOUT_MS);
        if (diagnostics.length > 0) break;
        if (attempt > 50) throw new Error('the schema never applied to the probe document');
      }
    });

    const uri = uriFor(document);
    // Small documents: untimed opens first (20: both servers JIT-compile their validation paths over the first ones),
    // so that both are measured warm, as in a long session.
    for (let i = 0; i < counts.warmupOpens; i++) {
      await eachServer(i, async (client) => {
        await client.open(uri, document.format, document.text, TIMEOUT_MS);
        await client.close(uri, TIMEOUT_MS);
      });
    }
    await eachServer(0, async (client, samples) => {
      await client.roundTrip();
      samples.beforeOpen = await client.settledRssMb();
    });
    for (let cycle = 0; cycle < counts.openCycles; cycle++) {
      await eachServer(cycle, async (client, samples) => {
        const cpuBefore = client.cpuMs();
        const opened = await client.open(uri, document.format, document.text, TIMEOUT_MS);
        samples.open.push(opened.ms);
        samples.diagnosticsCount = opened.diagnostics.length;
        await client.close(uri, TIMEOUT_MS);
        await client.roundTrip();
        samples.openCpuMs += client.cpuMs() - cpuBefore;
        if (cycle < 3) {
          await client.roundTrip();
          samples.afterCycles.push(await client.settledRssMb());
        }
      });
    }

    await eachServer(0, async (client) => void (await client.open(uri, document.format, document.text, TIMEOUT_MS)));
    for (let i = 0; i < counts.changes; i++) {
      await eachServer(i, async (client, samples) => {
        samples.change.push((await client.change(uri, [document.edits[i % 2]!], TIMEOUT_MS)).ms);
      });
    }
    await eachServer(0, (client) => client.close(uri, TIMEOUT_MS));

    const completionUri = uriFor(document, '-completion');
    const p = document.positions;
    for (let i = 0; i < counts.firstCompletions; i++) {
      await eachServer(i, async (client, samples) => {
        await client.open(completionUri, document.format, document.completionText, TIMEOUT_MS);
        await client.roundTrip();
        samples.firstCompletion.push((await client.completion(completionUri, p.optionsProperty)).ms);
        await client.close(completionUri, TIMEOUT_MS);
      });
    }
    await eachServer(0, async (client) => void (await client.open(completionUri, document.format, document.completionText, TIMEOUT_MS)));
    const requests: Array<[keyof Samples['requests'], (client: BenchClient) => Promise<{ ms: number; items?: unknown[] }>]> = [
      ['completionOptionsProperty', (client) => client.completion(completionUri, p.optionsProperty)],
      ['completionStrategyValue', (client) => client.completion(completionUri, p.strategyValue)],
      ['hoverStrategyKey', (client) => client.hover(completionUri, p.strategyKey)],
      ['hoverOptionsKey', (client) => client.hover(completionUri, p.optionsKey)],
    ];
    for (const [kind, request] of requests) {
      // One untimed warm-up request each, then the timed runs.
      for (let i = 0; i <= counts.requests; i++) {
        await eachServer(i, async (client, samples) => {
          const result = await request(client);
          if (i > 0) samples.requests[kind].push(result.ms);
          if (result.items) samples.items[kind] = result.items.length;
        });
      }
    }
    await eachServer(0, (client) => client.close(completionUri, TIMEOUT_MS));

    const figures: Partial<Record<ServerName, DocumentFigures>> = {};
    for (const { name, client } of clients) {
      const samples = state.get(name)!;
      const result: DocumentFigures = {
        startupMs: client.startupMs,
        didOpen: summarize(samples.open),
        cpuPerOpenMs: samples.openCpuMs / Math.max(1, samples.open.length),
        didChange: summarize(samples.change),
        debounceMs: name === 'ours' ? 0 : PEER_DELAY_MS,
        diagnosticsCount: samples.diagnosticsCount,
        completionOptionsProperty: summarize(samples.requests.completionOptionsProperty),
        completionFirst: summarize(samples.firstCompletion),
        completionStrategyValue: summarize(samples.requests.completionStrategyValue),
        hoverStrategyKey: summarize(samples.requests.hoverStrategyKey),
        hoverOptionsKey: summarize(samples.requests.hoverOptionsKey),
        completionItems: {
          optionsProperty: samples.items.completionOptionsProperty ?? 0,
          strategyValue: samples.items.completionStrategyValue ?? 0,
        },
        rssMb: {
          afterStart: samples.afterStart,
          beforeOpen: samples.beforeOpen,
          afterCycles: samples.afterCycles,
          growth: (samples.afterCycles[samples.afterCycles.length - 1] ?? NaN) - samples.beforeOpen,
        },
      };
      figures[name] = result;
      log(
        `  ${name.padEnd(4)} ${document.name}: didOpen ${result.didOpen.median} ms (${result.diagnosticsCount} diagnostics), ` +
          `didChange ${result.didChange.median} ms, first completion ${result.completionFirst.median} ms, completion ${result.completionOptionsProperty.median}/` +
          `${result.completionStrategyValue.median} ms, hover ${result.hoverStrategyKey.median}/${result.hoverOptionsKey.median} ms, ` +
          `RSS +${result.rssMb.growth.toFixed(1)} MB`,
      );
    }
    return figures;
  } finally {
    await Promise.all(clients.map(({ client }) => client.stop()));
  }
}

interface Samples {
  afterStart: number;
  beforeOpen: number;
  afterCycles: number[];
  open: number[];
  change: number[];
  /** Server CPU used by the timed open + close cycles. */
  openCpuMs: number;
  firstCompletion: number[];
  diagnosticsCount: number;
  requests: Record<'completionOptionsProperty' | 'completionStrategyValue' | 'hoverStrategyKey' | 'hoverOptionsKey', number[]>;
  items: Partial<Record<'completionOptionsProperty' | 'completionStrategyValue' | 'hoverStrategyKey' | 'hoverOptionsKey', number>>;
}

function emptySamples(client: BenchClient): Samples {
  return {
    afterStart: client.rssMb(),
    beforeOpen: NaN,
    afterCycles: [],
    open: [],
    change: [],
    openCpuMs: 0,
    firstCompletion: [],
    diagnosticsCount: 0,
    requests: { completionOptionsProperty: [], completionStrategyValue: [], hoverStrategyKey: [], hoverOptionsKey: [] },
    items: {},
  };
}

/**
 * RSS of our server over three open/close cycles of one document, started with the given Node arguments: the memory
 * figure for a configuration other than the main run's (FLAGGED_EXEC_ARGV, to compare with the plain command).
 */
export async function measureMemoryOnly(document: BenchDocument, execArgv: readonly string[]): Promise<DocumentFigures['rssMb']> {
  const client = await BenchClient.start(serverCommand('ours', execArgv), pathToFileURL(WORKSPACE).href);
  try {
    const afterStart = client.rssMb();
    const probeUri = pathToFileURL(resolve(WORKSPACE, `probe.connection.${document.format}`)).href;
    await client.open(probeUri, document.format, PROBE[document.format], TIMEOUT_MS);
    await client.close(probeUri, TIMEOUT_MS);
    await client.roundTrip();
    const beforeOpen = await client.settledRssMb();
    const afterCycles: number[] = [];
    const uri = uriFor(document);
    for (let cycle = 0; cycle < 3; cycle++) {
      await client.open(uri, document.format, document.text, TIMEOUT_MS);
      await client.close(uri, TIMEOUT_MS);
      await client.roundTrip();
      afterCycles.push(await client.settledRssMb());
    }
    return { afterStart, beforeOpen, afterCycles, growth: (afterCycles[2] ?? NaN) - beforeOpen };
  } finally {
    await client.stop();
  }
}
