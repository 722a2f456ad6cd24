/**
 * In-process figures, no JSON-RPC: our full diagnostics path (validateDocument: language service + rules +
 * per-strategy checks) against vscode-json-languageservice alone (parse + validate with our schema, the JSON target
 * of issue 7), and our YAML diagnostics work without transport or debounce. Samples alternate ours/baseline so load
 * on the machine falls on both alike; each sample uses a new document version so no parse cache answers it.
 */
import { getLanguageService, type JSONDocument } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import {
  CONNECTION_SCHEMA,
  createJsonMode,
  createYamlMode,
  DeployCliDocuments,
  duplicateKeyCheckStatus,
  requestSchema,
  validateDocument,
  type DeployCliContext,
} from '../languages/index';
import { CONNECTION_SCHEMA_URI } from '../common/protocol';
import type { BenchDocument } from './documents';
import { summarize, type Figure } from './stats';
import { tenantSchema } from './tenantSchema';

export interface JsonComparison {
  /** diagnostics: the whole of validateDocument; service: our JSON mode's parse + validate alone (same work as the baseline). */
  ours: { diagnostics: Figure; service: Figure; completion: Figure; hover: Figure };
  jsonLanguageService: { diagnostics: Figure; completion: Figure; hover: Figure };
}

export interface YamlWork {
  ours: { diagnostics: Figure };
}

let uniqueVersion = 0;
const fresh = (document: BenchDocument, text: string): TextDocument =>
  TextDocument.create(
    document.tenant
      ? `file:///bench/inprocess-${++uniqueVersion}/${document.name}`
      : `file:///bench/inprocess-${++uniqueVersion}.connection.${document.format}`,
    document.format,
    uniqueVersion,
    text,
  );

/** A tenant file as the server checks it (no config, so no mappings; no files named). */
const TENANT_CONTEXT: DeployCliContext = { layout: 'tenant', path: undefined, mappings: undefined, fileExists: () => false };

/** Our diagnostics, completion and hover for one benchmark document: its mode's, or a tenant file's. */
interface OursInProcess {
  validate(document: TextDocument): Promise<unknown>;
  /** The language service alone (parse + schema validation), or undefined when that is not one step of ours. */
  service: ((document: TextDocument) => Promise<unknown>) | undefined;
  complete(document: TextDocument, position: Position): Promise<unknown>;
  hover(document: TextDocument, position: Position): Promise<unknown>;
  remove(uri: string): void;
}

function oursFor(document: BenchDocument): OursInProcess {
  if (document.tenant) {
    const tenant = new DeployCliDocuments();
    return {
      validate: (doc) => tenant.validate(doc, document.format, TENANT_CONTEXT),
      service: undefined,
      complete: (doc, position) => tenant.complete(doc, document.format, TENANT_CONTEXT, position),
      hover: (doc, position) => tenant.hover(doc, document.format, TENANT_CONTEXT, position),
      remove: (uri) => tenant.onDocumentRemoved(uri),
    };
  }
  const mode = document.format === 'json' ? createJsonMode() : createYamlMode();
  return {
    validate: (doc) => validateDocument(doc, mode),
    service: (doc) => mode.doValidation(doc),
    complete: (doc, position) => mode.doComplete(doc, position),
    hover: (doc, position) => mode.doHover(doc, position),
    remove: (uri) => mode.onDocumentRemoved(uri),
  };
}

async function time(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export async function compareJson(document: BenchDocument): Promise<JsonComparison> {
  const runs = document.size === 'large' ? 30 : 60;
  const service = getLanguageService({ schemaRequestService: requestSchema });
  // The library alone, as its documentation shows, with the schema of the whole document: a tenant file's is the
  // connection schema for each item of its lists (bench/tenantSchema.ts).
  const schema = document.tenant ? tenantSchema() : CONNECTION_SCHEMA;
  service.configure({ validate: true, schemas: [{ uri: CONNECTION_SCHEMA_URI, fileMatch: ['*'], schema }] });
  const ours = oursFor(document);
  const samples = {
    ours: [] as number[],
    oursService: [] as number[],
    alone: [] as number[],
    oursCompletion: [] as number[],
    aloneCompletion: [] as number[],
    oursHover: [] as number[],
    aloneHover: [] as number[],
  };

  const runOurs = async (): Promise<void> => {
    let doc = fresh(document, document.text);
    samples.ours.push(await time(() => ours.validate(doc)));
    ours.remove(doc.uri);
    const service = ours.service;
    if (!service) return;
    doc = fresh(document, document.text);
    samples.oursService.push(await time(() => service(doc)));
    ours.remove(doc.uri);
  };
  // The library used as its own documentation shows: schema associated once, parse + validate per document.
  const runAlone = async (): Promise<void> => {
    const doc = fresh(document, document.text);
    samples.alone.push(await time(() => service.doValidation(doc, service.parseJSONDocument(doc))));
  };
  // Warm both (schema compilation, JIT), then alternate.
  await runOurs();
  await runAlone();
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await runOurs();
      await runAlone();
    } else {
      await runAlone();
      await runOurs();
    }
  }

  // Requests on a parsed document, as in a server: the parse is cached by uri + version on both sides. Both sides run
  // on the same JSONDocument instance: two parses of the same text differ by up to 40% in the time the library takes
  // to walk them (on large.json, 6.5 vs 10 ms per completion, whichever side holds the slower one, varying from run
  // to run: heap placement, not code), which made our completion and hover look 1.4x slower than the library's.
  const doc = fresh(document, document.completionText);
  await ours.validate(doc);
  const parsed: JSONDocument = service.parseJSONDocument(doc);
  const position = document.positions.optionsProperty;
  const hoverAt = document.positions.strategyKey;
  for (let i = 0; i <= runs; i++) {
    // Alternate who goes first, so that a collection caused by one side does not always land on the other.
    const oursFirst = i % 2 === 0;
    let oursCompletion = 0;
    let aloneCompletion = 0;
    let oursHover = 0;
    let aloneHover = 0;
    if (oursFirst) oursCompletion = await time(() => ours.complete(doc, position));
    aloneCompletion = await time(() => service.doComplete(doc, position, parsed));
    if (!oursFirst) oursCompletion = await time(() => ours.complete(doc, position));
    if (oursFirst) oursHover = await time(() => ours.hover(doc, hoverAt));
    aloneHover = await time(() => service.doHover(doc, hoverAt, parsed));
    if (!oursFirst) oursHover = await time(() => ours.hover(doc, hoverAt));
    if (i === 0) continue;
    samples.oursCompletion.push(oursCompletion);
    samples.aloneCompletion.push(aloneCompletion);
    samples.oursHover.push(oursHover);
    samples.aloneHover.push(aloneHover);
  }
  ours.remove(doc.uri);
  return {
    ours: {
      diagnostics: summarize(samples.ours),
      service: summarize(samples.oursService),
      completion: summarize(samples.oursCompletion),
      hover: summarize(samples.oursHover),
    },
    jsonLanguageService: {
      diagnostics: summarize(samples.alone),
      completion: summarize(samples.aloneCompletion),
      hover: summarize(samples.aloneHover),
    },
  };
}

export async function yamlWork(document: BenchDocument): Promise<YamlWork> {
  const runs = document.size === 'large' ? 5 : 60;
  const ours = oursFor(document);
  const samples: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const doc = fresh(document, document.text);
    const ms = await time(() => ours.validate(doc));
    ours.remove(doc.uri);
    if (i > 0) samples.push(ms);
  }
  return { ours: { diagnostics: summarize(samples) } };
}

export { duplicateKeyCheckStatus };
