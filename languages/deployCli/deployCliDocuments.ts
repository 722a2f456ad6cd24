/**
 * deploy-cli documents (tenant.yaml, connections/<name>.json, database-connections/<name>/database.json) for the
 * server and the CLI alike: diagnostics, completion, hover, quick fixes and the connection item under the caret, all
 * on the text as written. One analysis per document version and mappings; item findings kept per item text, so an
 * edit re-checks only the item it touched; each item completed and hovered as a small document of its own.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import {
  computeQuickFixes,
  fileReferences,
  parseBodyPreferPlain,
  toPlainValue,
  type DeployCliItemKind,
  type DocumentFormat,
  type ParsedBody,
  type QuickFix,
  type QuickFixDiagnostic,
} from '../../engine/index';
import { JsonMode } from '../jsonMode';
import type { LanguageMode } from '../languageMode';
import { YamlMode } from '../yamlMode';
import { ItemSchemaValidator } from '../itemValidator';
import { CONNECTION_ITEM_SCHEMA, DATABASE_ITEM_SCHEMA } from '../itemSchemas';
import { analyze, itemAt, regionAt, type DeployCliAnalysis, type DeployCliContext } from './analysis';
import { deployCliDiagnostics, type ItemFindingsCache } from './diagnostics';
import { completeInItem, hoverInItem, ItemDocuments, ItemPositions, type ItemDocument } from './itemDocuments';
import { keywordCompletion, keywordHover } from './keywordFeatures';

const NO_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

/** The connection item under a caret, as deploy-cli reads it: what Compare and Apply on a tenant start from. */
export interface DeployCliItemAt {
  kind: DeployCliItemKind;
  /** `connections[1]`, `databases[0]`, or undefined for a directory-format file. */
  label: string | undefined;
  strategy: string | undefined;
  /** The item on the text as written. */
  range: Range;
  /** Its value with keywords substituted and the implied `strategy: auth0` of a database item filled in. */
  value: Record<string, unknown>;
  /** Values deploy-cli replaces with a file's text (custom scripts, the email body): where, and which file. */
  files: Array<{ path: Array<string | number>; file: string }>;
  /** Its error diagnostics (on the text as written): a caller sends nothing while there are any. */
  errors: Diagnostic[];
}

export class DeployCliDocuments {
  readonly #parse: (text: string, format: DocumentFormat) => ParsedBody;
  #validator: ItemSchemaValidator | undefined;
  #modes: Record<DeployCliItemKind, Record<DocumentFormat, LanguageMode>> | undefined;
  readonly #analyses = new Map<string, { version: number; context: string; analysis: DeployCliAnalysis }>();
  readonly #itemFindings = new Map<string, ItemFindingsCache>();
  readonly #itemDocuments = new ItemDocuments();

  constructor(parse: (text: string, format: DocumentFormat) => ParsedBody = parseBodyPreferPlain) {
    this.#parse = parse;
  }

  analysis(document: TextDocument, format: DocumentFormat, context: DeployCliContext): DeployCliAnalysis {
    const contextKey = `${format}\u0000${context.layout}\u0000${context.path ?? ''}\u0000${mappingsKey(context)}`;
    const hit = this.#analyses.get(document.uri);
    if (hit && hit.version === document.version && hit.context === contextKey) return hit.analysis;
    const previous = hit && hit.context === contextKey ? hit.analysis : undefined;
    const analysis = analyze(document, format, context, this.#parse, previous);
    this.#analyses.set(document.uri, { version: document.version, context: contextKey, analysis });
    return analysis;
  }

  async validate(document: TextDocument, format: DocumentFormat, context: DeployCliContext): Promise<Diagnostic[]> {
    const analysis = this.analysis(document, format, context);
    const next: ItemFindingsCache = new Map();
    const diagnostics = await deployCliDiagnostics(analysis, context, this.#itemValidator(), this.#itemFindings.get(document.uri) ?? new Map(), next);
    this.#itemFindings.set(document.uri, next);
    return diagnostics;
  }

  async complete(document: TextDocument, format: DocumentFormat, context: DeployCliContext, position: Position): Promise<CompletionList> {
    const analysis = this.analysis(document, format, context);
    return (
      keywordCompletion(analysis, context, position) ??
      (await this.#inItem(analysis, position, (mode, item, positions) => completeInItem(mode, item, positions, position))) ??
      NO_COMPLETIONS
    );
  }

  async hover(document: TextDocument, format: DocumentFormat, context: DeployCliContext, position: Position): Promise<Hover | null> {
    const analysis = this.analysis(document, format, context);
    return keywordHover(analysis, context, position) ?? (await this.#inItem(analysis, position, (mode, item, positions) => hoverInItem(mode, item, positions, position))) ?? null;
  }

  /** Runs a request on the item under `position`, as a document of its own; undefined outside every item. */
  #inItem<T>(analysis: DeployCliAnalysis, position: Position, run: (mode: LanguageMode, item: ItemDocument, positions: ItemPositions) => Promise<T>): Promise<T> | undefined {
    const region = regionAt(analysis, analysis.substitution.map.toView(analysis.source.offsetAt(position)));
    if (!region) return undefined;
    const item = this.#itemDocuments.of(analysis, region);
    return run(this.#mode(region.kind, analysis.format), item, new ItemPositions(analysis, item));
  }

  /** The fixes the engine's rules declare, computed on the view and carried back (a fix touching a replaced keyword is dropped). */
  quickFixes(document: TextDocument, format: DocumentFormat, context: DeployCliContext, diagnostics: QuickFixDiagnostic[]): QuickFix[] {
    const analysis = this.analysis(document, format, context);
    const map = analysis.substitution.map;
    const fixes = computeQuickFixes({
      text: analysis.substitution.text,
      format,
      parsed: analysis.parsed,
      diagnostics: diagnostics.map((diagnostic) => ({ ...diagnostic, ...map.spanToView(diagnostic.offset, diagnostic.length) })),
      bodyAt: (offset) => itemAt(analysis, offset)?.node,
    });
    return fixes.flatMap((fix) => {
      if (fix.edits.some((edit) => map.replacementAtView(edit.offset, edit.length))) return [];
      return [{ ...fix, edits: fix.edits.map((edit) => ({ ...edit, ...map.spanToSource(edit.offset, edit.length) })) }];
    });
  }

  /** The connection item under `position` with keywords substituted (see DeployCliItemAt). */
  async itemAt(document: TextDocument, format: DocumentFormat, context: DeployCliContext, position: Position): Promise<DeployCliItemAt | undefined> {
    const analysis = this.analysis(document, format, context);
    const item = itemAt(analysis, analysis.substitution.map.toView(document.offsetAt(position)));
    if (!item) return undefined;
    const span = analysis.substitution.map.spanToSource(item.node.offset, item.node.length);
    const range = { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
    const value = toPlainValue(item.node) as Record<string, unknown>;
    if (item.impliedStrategy) value['strategy'] = 'auth0';
    const files = context.path === undefined ? [] : fileReferences(item, analysis.layout, context.path).map((reference) => ({ path: reference.path, file: reference.resolved }));
    const errors = (await this.validate(document, format, context)).filter(
      (d) => d.severity === 1 && document.offsetAt(d.range.start) >= span.offset && document.offsetAt(d.range.end) <= span.offset + span.length,
    );
    return { kind: item.kind, label: item.label, strategy: item.strategy, range, value, files, errors };
  }

  onDocumentRemoved(uri: string): void {
    this.#analyses.delete(uri);
    this.#itemFindings.delete(uri);
    this.#itemDocuments.release(uri, (itemUri) => {
      for (const modes of Object.values(this.#modes ?? {})) for (const mode of Object.values(modes)) mode.onDocumentRemoved(itemUri);
    });
  }

  #itemValidator(): ItemSchemaValidator {
    return (this.#validator ??= new ItemSchemaValidator());
  }

  /** Built on first use: a server that never sees a deploy-cli file never compiles these schemas. */
  #mode(kind: DeployCliItemKind, format: DocumentFormat): LanguageMode {
    this.#modes ??= {
      connection: modesFor({ uri: 'auth0-connections:/schemas/deploy-cli-connection-item.schema.json', schema: CONNECTION_ITEM_SCHEMA, name: 'Auth0 connection (deploy-cli)' }),
      database: modesFor({ uri: 'auth0-connections:/schemas/deploy-cli-database-item.schema.json', schema: DATABASE_ITEM_SCHEMA, name: 'Auth0 database connection (deploy-cli)' }),
    };
    return this.#modes[kind][format];
  }
}

function modesFor(schema: { uri: string; schema: Record<string, unknown>; name: string }): Record<DocumentFormat, LanguageMode> {
  return { json: new JsonMode(schema), yaml: new YamlMode(schema) };
}

function mappingsKey(context: DeployCliContext): string {
  return context.mappings ? `${context.mappings.configPath}\u0000${JSON.stringify(context.mappings.values)}` : '';
}
