/** JSON connection files through vscode-json-languageservice, in-process. */
import {
  getLanguageService,
  type ASTNode,
  type DocumentLanguageSettings,
  type JSONDocument,
  type LanguageService,
} from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic, FormattingOptions, Hover, Position, Range } from 'vscode-languageserver-types';
import { LibraryDiagnosticCodes } from '../common/protocol';
import { bodyFromJsonTree, parseBody, tooDeepBody, type JsonTreeReader, type ParsedBody, type SyntaxProblem } from '../engine/index';
import { CONNECTION_MODE_SCHEMA, requestSchema, type ModeSchema } from './schemaSource';
import { RESULT_LIMITS, type LanguageMode } from './languageMode';

// The Management API takes strict JSON: comments and trailing commas are errors, not style.
const VALIDATION_SETTINGS: DocumentLanguageSettings = {
  comments: 'error',
  trailingCommas: 'error',
  schemaValidation: 'error',
  schemaRequest: 'warning',
};

/** vscode-json-languageservice's ErrorCode.DuplicateKey: a warning it keeps among the syntax errors; not a syntax problem to us. */
const DUPLICATE_KEY_CODE = 0x208;

interface ParsedVersion {
  version: number;
  parsed?: JSONDocument;
  body?: ParsedBody;
}

/** How the engine reads the service's AST (one converter for both JSON parsers, see engine/tree/jsonTree.ts). */
const SERVICE_AST_READER: JsonTreeReader<ASTNode> = {
  kind: (node) => (node.type === 'property' ? 'other' : node.type),
  offset: (node) => node.offset,
  length: (node) => node.length,
  scalar: (node) => (node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? node.value : null),
  *members(node) {
    if (node.type !== 'object') return;
    for (const pair of node.properties) {
      yield { key: pair.keyNode.value, keyOffset: pair.keyNode.offset, keyLength: pair.keyNode.length, value: pair.valueNode };
    }
  },
  items: (node) => (node.type === 'array' ? node.items : []),
};

export class JsonMode implements LanguageMode {
  readonly format = 'json' as const;
  readonly #service: LanguageService;
  /**
   * Parsed documents by uri + version: completion, hover, validation and the engine's tree of one version share one
   * parse. `body` is built from `parsed` the first time the engine asks for it.
   */
  readonly #cache = new Map<string, ParsedVersion>();

  constructor(modeSchema: ModeSchema = CONNECTION_MODE_SCHEMA) {
    this.#service = getLanguageService({ schemaRequestService: requestSchema });
    this.#service.configure({
      validate: true,
      allowComments: false,
      // Only connection files (or, for a mode built for them, deploy-cli items) reach a mode: every document gets the schema.
      schemas: [{ uri: modeSchema.uri, fileMatch: ['*'], schema: modeSchema.schema }],
    });
  }

  /** The service's parse of this document version, the one every request on it uses (the benchmark compares on it). */
  jsonDocument(document: TextDocument): JSONDocument {
    const entry = this.#entryFor(document);
    entry.parsed ??= this.#service.parseJSONDocument(document);
    return entry.parsed;
  }

  parseBody(document: TextDocument): ParsedBody {
    const entry = this.#entryFor(document);
    if (entry.body) return entry.body;
    const text = document.getText();
    // Checked before the service ever sees the text: the depth guard holds for its parser as for ours.
    const tooDeep = tooDeepBody(text, 'json');
    if (tooDeep) return (entry.body = tooDeep);
    const parsed = this.jsonDocument(document);
    const syntaxErrors = (parsed as JSONDocument & { syntaxErrors?: unknown }).syntaxErrors;
    // syntaxErrors is the library's own field, not in its typings; should a release rename it, parse a second time
    // rather than report a broken document as clean.
    entry.body = Array.isArray(syntaxErrors)
      ? bodyFromJsonTree(parsed.root, SERVICE_AST_READER, syntaxProblemsOf(document, syntaxErrors as Diagnostic[], parsed.root === undefined))
      : parseBody(text, 'json');
    return entry.body;
  }

  async doValidation(document: TextDocument): Promise<Diagnostic[]> {
    // No schema argument: the association above gives every document our schema, resolved once (passing it here
    // would re-resolve it on every validation). A document whose `$schema` names another URI is served ours too,
    // by requestSchema.
    const parsed = this.jsonDocument(document);
    return codeJsonDiagnostics(await this.#service.doValidation(document, parsed, VALIDATION_SETTINGS), parsed);
  }

  async doComplete(document: TextDocument, position: Position): Promise<CompletionList> {
    const list: CompletionList | null = await this.#service.doComplete(document, position, this.jsonDocument(document));
    return list ?? { isIncomplete: false, items: [] };
  }

  async doHover(document: TextDocument, position: Position): Promise<Hover | null> {
    return this.#service.doHover(document, position, this.jsonDocument(document));
  }

  findDocumentSymbols(document: TextDocument) {
    return this.#service.findDocumentSymbols2(document, this.jsonDocument(document), { resultLimit: RESULT_LIMITS.symbols });
  }

  getFoldingRanges(document: TextDocument) {
    return this.#service.getFoldingRanges(document, { rangeLimit: RESULT_LIMITS.foldingRanges });
  }

  getSelectionRanges(document: TextDocument, positions: Position[]) {
    return this.#service.getSelectionRanges(document, positions, this.jsonDocument(document));
  }

  async formatDocument(document: TextDocument, range: Range | undefined, options: FormattingOptions) {
    return this.#service.format(document, range, options);
  }

  prepareForRequests(): Promise<void> {
    // Requests share the version's parse, made by the validation: nothing else to prepare.
    return Promise.resolve();
  }

  onDocumentRemoved(uri: string): void {
    this.#cache.delete(uri);
  }

  #entryFor(document: TextDocument): ParsedVersion {
    const hit = this.#cache.get(document.uri);
    if (hit && hit.version === document.version) return hit;
    const entry: ParsedVersion = { version: document.version };
    this.#cache.set(document.uri, entry);
    return entry;
  }
}

export function createJsonMode(): JsonMode {
  return new JsonMode();
}

/**
 * The service's syntax errors as the engine's syntax problems. The messages and counts are the service's, but a
 * document has syntax problems exactly when parseBody (jsonc-parser) finds some, which is what their readers ask
 * (the CLI's "unparsable"): duplicate keys are not syntax problems (the tree lists them), and text holding no value
 * at all is one, as jsonc-parser says ("Value expected" at the end).
 */
function syntaxProblemsOf(document: TextDocument, syntaxErrors: readonly Diagnostic[], noValue: boolean): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  for (const error of syntaxErrors) {
    if (error.code === DUPLICATE_KEY_CODE) continue;
    const offset = document.offsetAt(error.range.start);
    problems.push({ message: error.message, offset, length: document.offsetAt(error.range.end) - offset });
  }
  if (noValue && problems.length === 0) {
    const end = document.getText().length;
    problems.push({ message: 'Value expected', offset: end, length: 0 });
  }
  return problems;
}

/** The library's codes for what a JSON-with-comments editor accepts and the Management API refuses. */
const COMMENT_NOT_PERMITTED = 0x209;
const TRAILING_COMMA = 0x207;

/**
 * Codes each diagnostic by what it is: a syntax error is one the parser reported (the library keeps them beside the
 * AST; some carry no syntax code, e.g. "End of file expected."), comments and trailing commas are the API's
 * strictness (VS Code accepts both in `jsonc` documents, so they get our own words), duplicate keys are their own
 * kind, and everything else is the schema's.
 */
function codeJsonDiagnostics(diagnostics: readonly Diagnostic[], parsed: JSONDocument): Diagnostic[] {
  const syntaxErrors = (parsed as JSONDocument & { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? [];
  const reportedByParser = new Set(syntaxErrors.map(diagnosticKey));
  return diagnostics.map((diagnostic) => {
    switch (diagnostic.code) {
      case DUPLICATE_KEY_CODE:
        return { ...diagnostic, code: LibraryDiagnosticCodes.duplicateKey };
      case COMMENT_NOT_PERMITTED:
        return { ...diagnostic, code: LibraryDiagnosticCodes.strictJson, message: 'Comments are not allowed: the Management API takes strict JSON.' };
      case TRAILING_COMMA:
        return { ...diagnostic, code: LibraryDiagnosticCodes.strictJson, message: 'Trailing comma: the Management API takes strict JSON, which has none.' };
      default:
        return { ...diagnostic, code: reportedByParser.has(diagnosticKey(diagnostic)) ? LibraryDiagnosticCodes.syntax : LibraryDiagnosticCodes.schema };
    }
  });
}

function diagnosticKey(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${start.line}:${start.character}:${end.line}:${end.character}:${diagnostic.message}`;
}
