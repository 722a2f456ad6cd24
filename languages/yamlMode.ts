/** YAML connection files through yaml-language-server's language service, in-process (no second server). */
import { getLanguageService, type LanguageService } from 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
import { yamlDocumentsCache, type SingleYAMLDocument } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Position,
  type Range,
  type SelectionRange,
  type TextEdit,
} from 'vscode-languageserver-types';
import { LibraryDiagnosticCodes } from '../common/protocol';
import { bodyFromYamlDocuments, parseBody, tooDeepBody, type ParsedBody } from '../engine/index';
import { CONNECTION_MODE_SCHEMA, DEPRECATION_MESSAGES, requestSchema, type ModeSchema } from './schemaSource';
import { RESULT_LIMITS, type LanguageMode } from './languageMode';
import { installLinearDuplicateKeyCheck } from './linearDuplicateKeys';
import { installCompletionCopies, prepareCompletionCopy, withCompletionCopies } from './completionClone';
import { installMatchingSchemasMemory, prepareMatchingSchemas } from './completionMatchingSchemas';
import { aliasesNotFollowed, installAliasLimits } from './yamlAliases';
import { withDocumentAsWritten } from './yamlAsWritten';
import { installNullKeyNames } from './yamlNullKeys';

/**
 * The options the library's validation and completion parse with (customTags and version as configured below): the
 * library caches one parse per uri + version + tags, so asking with the same ones shares it.
 */
const LIBRARY_PARSER_OPTIONS = { customTags: [], yamlVersion: '1.2' } as Parameters<typeof yamlDocumentsCache.getYamlDocument>[1];

/** Documents from this size get their completion copy prepared after validation (about 1 ms to copy at 64 KB). */
const PREPARED_COPY_MIN_CHARS = 64 * 1024;

export class YamlMode implements LanguageMode {
  readonly format = 'yaml' as const;
  readonly #service: LanguageService;
  /**
   * The engine's tree per uri + version, built from yaml-language-server's own parse of that version (the `yaml`
   * library's Document it keeps), so the library and the rules share one parse, as in the JSON mode.
   */
  readonly #bodies = new Map<string, { version: number; body: ParsedBody }>();

  constructor(modeSchema: ModeSchema = CONNECTION_MODE_SCHEMA) {
    // Aliases are followed only within limits (an alias bomb, an alias inside its own anchor, thousands of aliases
    // each made the library work without bound; see yamlAliases.ts). First: completionClone.ts wraps what it decides.
    installAliasLimits();
    // The library's duplicate-key check is quadratic in the keys of one mapping; swap in a linear one that reports
    // the same errors (see linearDuplicateKeys.ts).
    installLinearDuplicateKeyCheck();
    // Completion deep-copies the whole document on every request; reuse an unchanged copy (see completionClone.ts).
    installCompletionCopies();
    // ...and on every request validates that copy against the schema again; keep the answer with the copy.
    installMatchingSchemasMemory();
    // A null mapping key made the schema validator throw (hover failed, validation said nothing; see yamlNullKeys.ts).
    installNullKeyNames();
    this.#service = getLanguageService({
      schemaRequestService: requestSchema,
      workspaceContext: { resolveRelativePath: (relativePath: string) => relativePath },
      clientCapabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    this.#service.configure({
      validate: true,
      hover: true,
      completion: true,
      format: true,
      isKubernetes: false,
      yamlVersion: '1.2',
      // Said explicitly, as the library's own parse options say it: left unset, validation caches its parse with no
      // tags, and every later reader (hover, outline, our tree) asks with [], which the cache takes for other options
      // and parses the whole document again (two parses per version where one does).
      customTags: [],
      // The schema's own source line in every hover is noise for our users: they know where it comes from.
      hoverSchemaSource: false,
      // Only connection files (or, for a mode built for them, deploy-cli items) reach a mode: every document gets the schema.
      schemas: [{ uri: modeSchema.uri, fileMatch: ['*'], schema: modeSchema.schema, name: modeSchema.name }],
    });
  }

  parseBody(document: TextDocument): ParsedBody {
    const hit = this.#bodies.get(document.uri);
    if (hit && hit.version === document.version) return hit.body;
    const text = document.getText();
    // The depth guard before any parser; and a blank text, which the library parses as `{}` to select a schema.
    const body = tooDeepBody(text, 'yaml') ?? (/\S/.test(text) ? this.#libraryBody(document) : parseBody(text, 'yaml'));
    this.#bodies.set(document.uri, { version: document.version, body });
    return body;
  }

  /** The tree of the library's parse of this version (parsed now if the library has not yet; it keeps it). */
  #libraryBody(document: TextDocument): ParsedBody {
    const parsed = yamlDocumentsCache.getYamlDocument(document, LIBRARY_PARSER_OPTIONS, true);
    return bodyFromYamlDocuments(parsed.documents.map((single) => single.internalDocument));
  }

  async doValidation(document: TextDocument): Promise<Diagnostic[]> {
    const diagnostics = (await this.#service.doValidation(document, false)).map(withYamlCodeAndSeverity);
    const reason = aliasesNotFollowed(document);
    // Read as written, an alias is a string where the schema wants its value: those schema findings would be wrong.
    return reason === undefined ? diagnostics : [...diagnostics.filter((d) => d.code !== 'schema'), schemaSkippedForAliases(reason)];
  }

  async doComplete(document: TextDocument, position: Position): Promise<CompletionList> {
    return withCompletionCopies(() => this.#service.doComplete(document, position, false));
  }

  async doHover(document: TextDocument, position: Position): Promise<Hover | null> {
    return this.#service.doHover(document, position);
  }

  findDocumentSymbols(document: TextDocument): DocumentSymbol[] {
    return withDocumentAsWritten(document, () => this.#service.findDocumentSymbols2(document, { resultLimit: RESULT_LIMITS.symbols }));
  }

  getFoldingRanges(document: TextDocument): FoldingRange[] {
    const context = { rangeLimit: RESULT_LIMITS.foldingRanges, lineFoldingOnly: false };
    return withDocumentAsWritten(document, () => this.#service.getFoldingRanges(document, context)) ?? [];
  }

  getSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[] {
    return withDocumentAsWritten(document, () => this.#service.getSelectionRanges(document, positions));
  }

  async formatDocument(document: TextDocument, _range: Range | undefined, options: FormattingOptions): Promise<TextEdit[]> {
    // yaml-language-server formats whole documents only (prettier); a range request formats the document.
    return this.#service.doFormat(document, { ...options, enable: true } as Parameters<LanguageService['doFormat']>[1]);
  }

  /**
   * The copy completion works on (see completionClone.ts) and the schemas matching its nodes
   * (completionMatchingSchemas.ts), made now from the library's parse of this version, which the validation left in
   * its cache (nothing is parsed here: another version is left alone); then one completion whose answer is dropped.
   */
  async prepareForRequests(document: TextDocument): Promise<void> {
    // A small document's copy is made in the time a request takes anyway; preparing it on every open would be waste.
    if (document.getText().length < PREPARED_COPY_MIN_CHARS || !this.#prepareCopies(document)) return;
    // With the copy and its schemas ready, a first completion still took about twice as long as the next ones in the
    // server (large.yaml: 35-60 ms against 17-36 ms), for work we could not name (not the copy, not the schemas: both
    // come from the pool); one completion on the first key, in idle time, pays it (then 32 ms against 25-29 ms). A
    // completion on a key leaves the copy as it was; should it ever change it, the copy is made again.
    const firstKey = this.#firstKeyPosition(document);
    if (!firstKey) return;
    await withCompletionCopies(() => this.#service.doComplete(document, firstKey, false));
    this.#prepareCopies(document);
    // No collection here: a full collection right before the first completion made that completion pay to fault the
    // heap back in (large.yaml in-process: 31-57 ms first against 12-15 ms later with one, 11-13 ms for both without).
  }

  /** Prepares each document's copy from the library's parse of this version; false when that parse is not cached. */
  #prepareCopies(document: TextDocument): boolean {
    const cached = (yamlDocumentsCache as unknown as { cache: Map<string, { version: number; document: { documents: SingleYAMLDocument[] } }> }).cache.get(
      document.uri,
    );
    if (cached?.version !== document.version) return false;
    for (const single of cached.document.documents) {
      const copy = prepareCompletionCopy(single);
      if (copy) prepareMatchingSchemas(single, copy);
    }
    return true;
  }

  #firstKeyPosition(document: TextDocument): Position | undefined {
    const root = this.parseBody(document).root;
    const first = root?.kind === 'object' ? root.properties[0] : undefined;
    return first ? document.positionAt(first.keyOffset) : undefined;
  }

  onDocumentRemoved(uri: string): void {
    // The library keeps every parsed document in a module-level cache and never evicts; do it on close.
    (yamlDocumentsCache as unknown as { cache: Map<string, unknown> }).cache.delete(uri);
    this.#bodies.delete(uri);
  }
}

export function createYamlMode(): YamlMode {
  return new YamlMode();
}

function schemaSkippedForAliases(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'too-large',
    message: `The YAML aliases in this file ${reason}: schema validation is skipped, and each alias is read as written.`,
  };
}

/**
 * yaml-language-server marks schema problems by their source ("yaml-schema: ...") and reports every one of them as
 * a warning, where JSON says error; the API rejects both alike, so schema problems become errors here, except the
 * schema's own deprecation notes. Duplicate keys come from the `yaml` library ("Map keys must be unique").
 */
function withYamlCodeAndSeverity(diagnostic: Diagnostic): Diagnostic {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
  if (/must be unique/i.test(message)) return { ...diagnostic, code: LibraryDiagnosticCodes.duplicateKey };
  if (!(diagnostic.source ?? '').toLowerCase().includes('schema')) return { ...diagnostic, code: LibraryDiagnosticCodes.syntax };
  const isDeprecation = DEPRECATION_MESSAGES.has(message.trim());
  const severity = diagnostic.severity === DiagnosticSeverity.Warning && !isDeprecation ? DiagnosticSeverity.Error : diagnostic.severity;
  return { ...diagnostic, code: LibraryDiagnosticCodes.schema, severity };
}
