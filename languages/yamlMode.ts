/** YAML connection files through yaml-language-server's language service, in-process (no second server). */
import { getLanguageService, type LanguageService } from 'yaml-language-server/lib/esm/languageservice/yamlLanguageService';
import { yamlDocumentsCache } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
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
import { parseBody, type ParsedBody } from '../engine/index';
import { CONNECTION_MODE_SCHEMA, DEPRECATION_MESSAGES, requestSchema, type ModeSchema } from './schemaSource';
import { RESULT_LIMITS, type LanguageMode } from './languageMode';
import { installLinearDuplicateKeyCheck } from './linearDuplicateKeys';
import { installCompletionCopies, withCompletionCopies } from './completionClone';
import { collectGarbageSoon, LARGE_DOCUMENT_CHARS } from './memory';

export class YamlMode implements LanguageMode {
  readonly format = 'yaml' as const;
  readonly #service: LanguageService;
  /** Open documents large enough that closing one is worth a garbage collection (see memory.ts). */
  readonly #large = new Set<string>();
  /**
   * The engine's tree per uri + version. yaml-language-server's own AST does not keep what the rules need (plain
   * values with exact key ranges), so the engine parses once more, but only once per version.
   */
  readonly #bodies = new Map<string, { version: number; body: ParsedBody }>();

  constructor(modeSchema: ModeSchema = CONNECTION_MODE_SCHEMA) {
    // The library's duplicate-key check is quadratic in the keys of one mapping; swap in a linear one that reports
    // the same errors (see linearDuplicateKeys.ts).
    installLinearDuplicateKeyCheck();
    // Completion deep-copies the whole document on every request; reuse an unchanged copy (see completionClone.ts).
    installCompletionCopies();
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
      // The schema's own source line in every hover is noise for our users: they know where it comes from.
      hoverSchemaSource: false,
      // Only connection files (or, for a mode built for them, deploy-cli items) reach a mode: every document gets the schema.
      schemas: [{ uri: modeSchema.uri, fileMatch: ['*'], schema: modeSchema.schema, name: modeSchema.name }],
    });
  }

  parseBody(document: TextDocument): ParsedBody {
    const hit = this.#bodies.get(document.uri);
    if (hit && hit.version === document.version) return hit.body;
    const body = parseBody(document.getText(), 'yaml');
    this.#bodies.set(document.uri, { version: document.version, body });
    return body;
  }

  async doValidation(document: TextDocument): Promise<Diagnostic[]> {
    this.#note(document);
    return (await this.#service.doValidation(document, false)).map(withYamlCodeAndSeverity);
  }

  async doComplete(document: TextDocument, position: Position): Promise<CompletionList> {
    this.#note(document);
    return withCompletionCopies(() => this.#service.doComplete(document, position, false));
  }

  async doHover(document: TextDocument, position: Position): Promise<Hover | null> {
    this.#note(document);
    return this.#service.doHover(document, position);
  }

  findDocumentSymbols(document: TextDocument): DocumentSymbol[] {
    return this.#service.findDocumentSymbols2(document, { resultLimit: RESULT_LIMITS.symbols });
  }

  getFoldingRanges(document: TextDocument): FoldingRange[] {
    return this.#service.getFoldingRanges(document, { rangeLimit: RESULT_LIMITS.foldingRanges, lineFoldingOnly: false }) ?? [];
  }

  getSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[] {
    return this.#service.getSelectionRanges(document, positions);
  }

  async formatDocument(document: TextDocument, _range: Range | undefined, options: FormattingOptions): Promise<TextEdit[]> {
    // yaml-language-server formats whole documents only (prettier); a range request formats the document.
    return this.#service.doFormat(document, { ...options, enable: true } as Parameters<LanguageService['doFormat']>[1]);
  }

  onDocumentRemoved(uri: string): void {
    // The library keeps every parsed document in a module-level cache and never evicts; do it on close.
    (yamlDocumentsCache as unknown as { cache: Map<string, unknown> }).cache.delete(uri);
    this.#bodies.delete(uri);
    if (this.#large.delete(uri)) collectGarbageSoon();
  }

  #note(document: TextDocument): void {
    if (document.getText().length >= LARGE_DOCUMENT_CHARS) this.#large.add(document.uri);
  }
}

export function createYamlMode(): YamlMode {
  return new YamlMode();
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
