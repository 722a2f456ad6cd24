/**
 * `npm run bench`: our language server against yaml-language-server's own LSP server (the peer), side by side over
 * stdio with one client, on the bench/documents/ documents; JSON against vscode-json-languageservice alone, in-process.
 * Prints a table and writes bench/results/latest.json (the previous run moves to previous.json). A benchmark, not a
 * test: it never fails on a timing; it exits non-zero only when it cannot measure.
 *
 *   npm run bench                       build, then everything (a few minutes on 2 cores)
 *   tsx bench/run.ts --only typical.yaml,large.yaml
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOCUMENT_NAMES, loadDocument } from './documents';
import { compareJson, duplicateKeyCheckStatus, yamlWork, type JsonComparison, type YamlWork } from './inProcess';
import {
  oursExecArgv,
  measureDocument,
  FLAGGED_EXEC_ARGV,
  measureMemoryOnly,
  OURS_DEFAULT_DELAY_MS,
  PEER_DELAY_MS,
  type DocumentFigures,
  type ServerName,
} from './servers';
import { ratio, round, summarize, type Figure } from './stats';

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = resolve(ROOT, 'bench/results');

interface DocumentResult {
  format: 'json' | 'yaml';
  bytes: number;
  lsp: Partial<Record<ServerName, DocumentFigures>>;
  inProcess?: JsonComparison | YamlWork;
  /** Large YAML only: our RSS when started with the Node flags the server now sets up itself (for comparison). */
  rssWithRecommendedExecArgv?: DocumentFigures['rssMb'];
}

interface Target {
  what: string;
  ours: number;
  limit: number;
  unit: string;
  holds: boolean;
}

async function main(): Promise<void> {
  const only = argValue('--only')?.split(',');
  const names = only ?? DOCUMENT_NAMES;
  const log = (line: string): void => console.log(line);
  if (!existsSync(resolve(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first.');

  const started = Date.now();
  // Sizes first: the bundles are the ones `npm run bench` just built (a concurrent production build could replace them).
  const bundleSizes = sizes();
  log(`Benchmark on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  log(`duplicate-key check in our YAML mode: ${duplicateKeyCheckStatus()}`);
  const documents: Record<string, DocumentResult> = {};
  for (const name of names) {
    const document = loadDocument(name);
    log(`${name} (${document.text.length} chars)`);
    const servers: ServerName[] = document.format === 'yaml' ? ['ours', 'peer'] : ['ours'];
    const lsp = await measureDocument(servers, document, log);
    const inProcess = document.format === 'json' ? await compareJson(document) : await yamlWork(document);
    documents[name] = { format: document.format, bytes: Buffer.byteLength(document.text), lsp, inProcess };
    if (document.format === 'yaml' && document.size === 'large' && oursExecArgv().length === 0) {
      const rss = await measureMemoryOnly(document, FLAGGED_EXEC_ARGV);
      documents[name].rssWithRecommendedExecArgv = rss;
      log(`  ours ${name} started with ${FLAGGED_EXEC_ARGV.join(' ')}: RSS +${rss.growth.toFixed(1)} MB, ${rss.afterCycles.at(-1)?.toFixed(1)} MB after the cycles`);
    }
  }

  const startups = (server: ServerName): Figure =>
    summarize(Object.values(documents).flatMap((d) => (d.lsp[server] ? [d.lsp[server].startupMs] : [])));
  const result = {
    date: new Date().toISOString(),
    durationS: round((Date.now() - started) / 1000, 1),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
    },
    method: {
      transport: 'stdio, one JSON-RPC client (bench/lspClient.ts) for both servers, each document on fresh processes',
      lockStep: 'every sample on ours is paired with the same sample on the peer, alternating which goes first',
      debounce: `ours: validationDelay set to 0 for the run (default ${OURS_DEFAULT_DELAY_MS} ms on didChange; didOpen is never debounced); peer: fixed ${PEER_DELAY_MS} ms on didOpen and didChange, subtracted in the *Work figures`,
      reopen: 're-opens use a higher version: the peer caches parses by uri + version and would otherwise answer from its cache',
      rss: 'VmRSS of the server process before the first timed open and after each of the first three open/close cycles, read once settled (polled every 100 ms until the readings of the last second stay within 0.5 MB, at most 5 s)',
      duplicateKeyCheck: duplicateKeyCheckStatus(),
      oursExecArgv: oursExecArgv().join(' ') || '(none: the plain command every editor runs; the server sets up its memory behaviour itself)',
    },
    startupMs: { ours: startups('ours'), peer: startups('peer') },
    sizes: bundleSizes,
    activation: activation(),
    documents,
    targets: [] as Target[],
  };
  result.targets = targets(documents);

  printTable(result.startupMs, documents, result.sizes, result.activation, result.targets);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const latest = resolve(RESULTS_DIR, 'latest.json');
  if (existsSync(latest)) printChanges(JSON.parse(readFileSync(latest, 'utf8')) as { date?: string; documents?: Record<string, DocumentResult> }, documents);
  // A partial run (--only) never replaces the full figures.
  const out = only ? resolve(RESULTS_DIR, 'partial.json') : latest;
  if (!only && existsSync(latest)) renameSync(latest, resolve(RESULTS_DIR, 'previous.json'));
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`\nWrote ${out} (${result.durationS} s)`);
}

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function sizes(): Record<string, number | null> {
  const files = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'auth0-connections.vsix'];
  return Object.fromEntries(
    files.map((file) => {
      const path = resolve(ROOT, file);
      return [file, existsSync(path) ? statSync(path).size : null];
    }),
  );
}

/** Activation time from the real-VS-Code harness, when it has written one (out/e2e/activation.json). */
function activation(): { ms: number | null; serverReadyMs?: number | null; source: string } {
  const path = resolve(ROOT, 'out/e2e/activation.json');
  if (!existsSync(path)) return { ms: null, source: 'n/a (out/e2e/activation.json not written)' };
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const ms = [data['activationMs'], data['ms'], data['activationTimeMs']].find((x): x is number => typeof x === 'number');
    const serverReadyMs = typeof data['serverReadyMs'] === 'number' ? data['serverReadyMs'] : null;
    const source = typeof data['source'] === 'string' ? `: ${data['source']}` : '';
    return { ms: ms ?? null, serverReadyMs, source: `out/e2e/activation.json (${statSync(path).mtime.toISOString()})${source}` };
  } catch (error) {
    return { ms: null, source: `unreadable out/e2e/activation.json: ${String(error)}` };
  }
}

const work = (figures: DocumentFigures | undefined, which: 'didOpen' | 'didChange'): number =>
  figures ? round(figures[which].median - figures.debounceMs) : NaN;

function targets(documents: Record<string, DocumentResult>): Target[] {
  const list: Target[] = [];
  const add = (what: string, ours: number, limit: number, unit = 'ratio'): void => {
    list.push({ what, ours: round(ours, 3), limit, unit, holds: Number.isFinite(ours) && ours <= limit });
  };
  const large = documents['large.yaml']?.lsp;
  if (large?.ours && large.peer) {
    add('large.yaml didOpen -> diagnostics, ours/peer (work)', ratio(work(large.ours, 'didOpen'), work(large.peer, 'didOpen')), 0.2);
    add(
      'large.yaml completion (options property), ours/peer',
      ratio(large.ours.completionOptionsProperty.median, large.peer.completionOptionsProperty.median),
      0.5,
    );
    add(
      'large.yaml first completion after an open, ours/peer',
      ratio(large.ours.completionFirst.median, large.peer.completionFirst.median),
      0.5,
    );
    add(
      'large.yaml first completion, ours/our later ones',
      ratio(large.ours.completionFirst.median, large.ours.completionOptionsProperty.median),
      1.5,
    );
    add(
      'large.yaml completion (strategy value), ours/peer',
      ratio(large.ours.completionStrategyValue.median, large.peer.completionStrategyValue.median),
      0.5,
    );
    add('large.yaml RSS growth after 3 open/close cycles', large.ours.rssMb.growth, 20, 'MB');
    const recommended = documents['large.yaml']?.rssWithRecommendedExecArgv;
    if (recommended) add(`  same, server started with ${FLAGGED_EXEC_ARGV.join(' ')}`, recommended.growth, 20, 'MB');
    const plainAfter = large.ours.rssMb.afterCycles.at(-1) ?? NaN;
    const flaggedAfter = recommended?.afterCycles.at(-1) ?? NaN;
    add('large.yaml RSS after the cycles, plain command minus flagged', plainAfter - flaggedAfter, 5, 'MB');
  }
  // Issue 15: a deploy-cli tenant file opens no slower per MB than the large connection file.
  const tenant = documents['tenant.yaml'];
  const largeYaml = documents['large.yaml'];
  if (tenant?.lsp.ours && largeYaml?.lsp.ours) {
    const perMb = (result: DocumentResult) => work(result.lsp.ours, 'didOpen') / (result.bytes / 1e6);
    add('tenant.yaml didOpen -> diagnostics per MB / large.yaml per MB, ours', ratio(perMb(tenant), perMb(largeYaml)), 1);
  }
  if (tenant?.lsp.ours && tenant.lsp.peer) {
    add('tenant.yaml didOpen -> diagnostics, ours/peer (work)', ratio(work(tenant.lsp.ours, 'didOpen'), work(tenant.lsp.peer, 'didOpen')), 1);
  }
  for (const name of ['typical.yaml', 'typical.json']) {
    const result = documents[name];
    if (!result) continue;
    const inProcess = result.inProcess;
    const diagnosticsWork = inProcess ? inProcess.ours.diagnostics.median : NaN;
    add(`${name} diagnostics work (in-process median)`, diagnosticsWork, 20, 'ms');
    const ours = result.lsp.ours;
    const peer = result.lsp.peer;
    if (ours && peer) {
      add(`${name} didOpen -> diagnostics work, ours/peer`, ratio(work(ours, 'didOpen'), work(peer, 'didOpen')), 1);
      add(`${name} server CPU per open + close, ours/peer`, ratio(ours.cpuPerOpenMs, peer.cpuPerOpenMs), 1);
      add(`${name} completion median, ours/peer`, ratio(ours.completionOptionsProperty.median, peer.completionOptionsProperty.median), 1);
      add(`${name} hover median, ours/peer`, ratio(ours.hoverStrategyKey.median, peer.hoverStrategyKey.median), 1);
    }
  }
  for (const [name, result] of Object.entries(documents)) {
    if (result.format !== 'json' || !result.inProcess || !('jsonLanguageService' in result.inProcess)) continue;
    const comparison = result.inProcess;
    // A tenant file has no "JSON mode alone" step of ours: its items are validated from the engine's tree.
    if (comparison.ours.service.n > 0) {
      add(
        `${name} parse + validate, our JSON mode/vscode-json-languageservice alone`,
        ratio(comparison.ours.service.median, comparison.jsonLanguageService.diagnostics.median),
        1,
      );
    }
    add(
      `${name} all diagnostics (adds tree, rules, options), ours/vscode-json-languageservice alone`,
      ratio(comparison.ours.diagnostics.median, comparison.jsonLanguageService.diagnostics.median),
      1,
    );
    add(
      `${name} completion, ours/vscode-json-languageservice alone`,
      ratio(comparison.ours.completion.median, comparison.jsonLanguageService.completion.median),
      1,
    );
  }
  return list;
}

function printTable(
  startup: { ours: Figure; peer: Figure },
  documents: Record<string, DocumentResult>,
  fileSizes: Record<string, number | null>,
  activationTime: { ms: number | null; serverReadyMs?: number | null; source: string },
  targetList: Target[],
): void {
  const cell = (value: number | undefined, width = 12): string =>
    (value === undefined || !Number.isFinite(value) ? 'n/a' : String(round(value, value >= 100 ? 0 : 2))).padStart(width);
  const row = (label: string, ours: number | undefined, peer: number | undefined): string =>
    `  ${label.padEnd(44)}${cell(ours)}${cell(peer)}${cell(ratio(ours, peer))}`;
  const lines: string[] = [''];
  lines.push(`${''.padEnd(46)}${'ours'.padStart(12)}${'peer'.padStart(12)}${'ours/peer'.padStart(12)}`);
  lines.push(row('start-up to initialize result, median (ms)', startup.ours.median, startup.peer.median));
  for (const [name, result] of Object.entries(documents)) {
    const ours = result.lsp.ours;
    const peer = result.lsp.peer;
    lines.push(`${name} (${Math.round(result.bytes / 1024)} KB)${peer ? '' : ' (peer: none over LSP; see in-process rows)'}`);
    const both = (label: string, pick: (f: DocumentFigures) => number): void => {
      lines.push(row(label, ours ? pick(ours) : undefined, peer ? pick(peer) : undefined));
    };
    both('didOpen -> diagnostics, work, median (ms)', (f) => f.didOpen.median - f.debounceMs);
    both('didOpen -> diagnostics, work, p95 (ms)', (f) => f.didOpen.p95 - f.debounceMs);
    both('didChange -> diagnostics, work, median (ms)', (f) => f.didChange.median - f.debounceMs);
    both('didChange -> diagnostics, work, p95 (ms)', (f) => f.didChange.p95 - f.debounceMs);
    both('  debounce excluded above (ms)', (f) => f.debounceMs);
    both('server CPU per open + close (ms, /proc)', (f) => f.cpuPerOpenMs);
    both('first completion after an open, median (ms)', (f) => f.completionFirst.median);
    both('completion, options property, median (ms)', (f) => f.completionOptionsProperty.median);
    both('completion, options property, p95 (ms)', (f) => f.completionOptionsProperty.p95);
    both('completion, strategy value, median (ms)', (f) => f.completionStrategyValue.median);
    both('completion, strategy value, p95 (ms)', (f) => f.completionStrategyValue.p95);
    both('hover, strategy key, median (ms)', (f) => f.hoverStrategyKey.median);
    both('hover, strategy key, p95 (ms)', (f) => f.hoverStrategyKey.p95);
    both('hover, options key, median (ms)', (f) => f.hoverOptionsKey.median);
    both('RSS before opens (MB)', (f) => f.rssMb.beforeOpen);
    both('RSS growth, 3 x open/close (MB)', (f) => f.rssMb.growth);
    both('diagnostics published (count)', (f) => f.diagnosticsCount);
    if (result.rssWithRecommendedExecArgv) {
      lines.push(row(`RSS growth, started with ${FLAGGED_EXEC_ARGV.join(' ')} (MB)`, result.rssWithRecommendedExecArgv.growth, peer?.rssMb.growth));
      const plainAfter = result.lsp.ours?.rssMb.afterCycles.at(-1) ?? NaN;
      const flaggedAfter = result.rssWithRecommendedExecArgv.afterCycles.at(-1) ?? NaN;
      lines.push(`  RSS after the cycles: ${plainAfter.toFixed(1)} MB with the plain command, ${flaggedAfter.toFixed(1)} MB started with ${FLAGGED_EXEC_ARGV.join(' ')}`);
    }
    const inProcess = result.inProcess;
    if (inProcess && 'jsonLanguageService' in inProcess) {
      lines.push(`  in-process, vs vscode-json-languageservice alone:`);
      lines.push(row('parse + validate (JSON mode alone), median (ms)', inProcess.ours.service.median, inProcess.jsonLanguageService.diagnostics.median));
      lines.push(row('all diagnostics (+ tree, rules, options), median', inProcess.ours.diagnostics.median, inProcess.jsonLanguageService.diagnostics.median));
      lines.push(row('completion, options property, median (ms)', inProcess.ours.completion.median, inProcess.jsonLanguageService.completion.median));
      lines.push(row('hover, strategy key, median (ms)', inProcess.ours.hover.median, inProcess.jsonLanguageService.hover.median));
    } else if (inProcess) {
      lines.push(row('in-process diagnostics work, median (ms)', inProcess.ours.diagnostics.median, undefined));
    }
  }
  lines.push('');
  for (const [file, bytes] of Object.entries(fileSizes)) {
    lines.push(`  ${file.padEnd(28)}${bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(0)} KB`}`);
  }
  lines.push(`  extension activation         ${activationTime.ms === null ? activationTime.source : `${activationTime.ms} ms (${activationTime.source})`}`);
  if (typeof activationTime.serverReadyMs === 'number') {
    lines.push(`  activation + server ready    ${activationTime.serverReadyMs} ms`);
  }
  lines.push('');
  lines.push('Targets:');
  for (const target of targetList) {
    lines.push(`  ${target.holds ? 'holds ' : 'MISSED'}  ${target.what}: ${target.ours} ${target.unit} (limit ${target.limit})`);
  }
  console.log(lines.join('\n'));
}

/** Our medians against the last full run (latest.json before this one replaces it). */
function printChanges(previous: { date?: string; documents?: Record<string, DocumentResult> }, documents: Record<string, DocumentResult>): void {
  const lines = [`\nOurs against the last full run (${previous.date ?? 'unknown date'}):`];
  const figures: Array<[string, (f: DocumentFigures) => number]> = [
    ['didOpen', (f) => f.didOpen.median],
    ['didChange', (f) => f.didChange.median],
    ['completion', (f) => f.completionOptionsProperty.median],
    ['hover', (f) => f.hoverStrategyKey.median],
    ['RSS growth', (f) => f.rssMb.growth],
  ];
  for (const [name, result] of Object.entries(documents)) {
    const now = result.lsp.ours;
    const before = previous.documents?.[name]?.lsp.ours;
    if (!now || !before) continue;
    const parts = figures.map(([label, pick]) => `${label} ${round(pick(before), 1)} -> ${round(pick(now), 1)}`);
    lines.push(`  ${name.padEnd(14)}${parts.join(', ')}`);
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
