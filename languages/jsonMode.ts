/** JSON connection files through vscode-json-languageservice, in-process. */
import {
  getLanguageService,
  type JSONDocument,
  type LanguageService,
  type DocumentLanguageSettings,
} from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { CONNECTION_SCHEMA_URI } from '../common/protocol';
import { jsonBodyFromAst, parseBody, tooDeepBody, type ParsedBody, type SyntaxProblem } from '../engine/documentTree';
import { collectGarbageSoon, LARGE_DOCUMENT_CHARS } from './memory';
import { CONNECTION_SCHEMA, requestSchema } from './schemaSource';
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
  length: number;
  parsed?: JSONDocument;
  body?: ParsedBody;
}

export interface JsonMode extends LanguageMode {
  /** The service's parse of this document version, the one every request on it uses (the benchmark compares on it). */
  jsonDocument(document: TextDocument): JSONDocument;
}

export function createJsonMode(): JsonMode {
  const service: LanguageService = getLanguageService({ schemaRequestService: requestSchema });
  service.configure({
    validate: true,
    allowComments: false,
    // Only connection files reach this mode, so every document gets the schema.
    schemas: [{ uri: CONNECTION_SCHEMA_URI, fileMatch: ['*'], schema: CONNECTION_SCHEMA }],
  });

  // Parsed documents by uri + version: completion, hover, validation and the engine's tree of one version share one
  // parse. `body` is built from `parsed` the first time the engine asks for it.
  const cache = new Map<string, ParsedVersion>();
  const entryFor = (document: TextDocument): ParsedVersion => {
    const hit = cache.get(document.uri);
    if (hit && hit.version === document.version) return hit;
    const entry: ParsedVersion = { version: document.version, length: document.getText().length };
    cache.set(document.uri, entry);
    return entry;
  };
  const parse = (document: TextDocument): JSONDocument => {
    const entry = entryFor(document);
    entry.parsed ??= service.parseJSONDocument(document);
    return entry.parsed;
  };

  return {
    format: 'json',
    jsonDocument: parse,
    parseBody(document) {
      const entry = entryFor(document);
      if (entry.body) return entry.body;
      const text = document.getText();
      // Checked before the service ever sees the text: the depth guard holds for its parser as for ours.
      const tooDeep = tooDeepBody(text, 'json');
      if (tooDeep) return (entry.body = tooDeep);
      const parsed = parse(document);
      const syntaxErrors = (parsed as JSONDocument & { syntaxErrors?: unknown }).syntaxErrors;
      // syntaxErrors is the library's own field, not in its typings; should a release rename it, parse a second time
      // rather than report a broken document as clean.
      entry.body = Array.isArray(syntaxErrors)
        ? jsonBodyFromAst(parsed.root, syntaxProblemsOf(document, syntaxErrors as Diagnostic[], parsed.root === undefined))
        : parseBody(text, 'json');
      return entry.body;
    },
    async doValidation(document) {
      // No schema argument: the association above gives every document our schema, resolved once (passing it here
      // would re-resolve it on every validation). A document whose `$schema` names another URI is served ours too,
      // by requestSchema.
      return (await service.doValidation(document, parse(document), VALIDATION_SETTINGS)).map(withJsonCode);
    },
    async doComplete(document, position) {
      const list: CompletionList | null = await service.doComplete(document, position, parse(document));
      return list ?? { isIncomplete: false, items: [] };
    },
    async doHover(document, position) {
      return service.doHover(document, position, parse(document));
    },
    findDocumentSymbols(document) {
      return service.findDocumentSymbols2(document, parse(document), { resultLimit: RESULT_LIMITS.symbols });
    },
    getFoldingRanges(document) {
      return service.getFoldingRanges(document, { rangeLimit: RESULT_LIMITS.foldingRanges });
    },
    getSelectionRanges(document, positions) {
      return service.getSelectionRanges(document, positions, parse(document));
    },
    async formatDocument(document, range, options) {
      return service.format(document, range, options);
    },
    onDocumentRemoved(uri) {
      const removed = cache.get(uri);
      cache.delete(uri);
      if (removed && removed.length >= LARGE_DOCUMENT_CHARS) collectGarbageSoon();
    },
  };
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

/** What vscode-json-languageservice says of a document with no value at all; it carries no syntax code. */
const EMPTY_JSON_MESSAGE = 'Expected a JSON object, array or literal.';

/** The library numbers syntax errors 0x101-0x2FF (duplicate keys among them); the rest are schema problems. */
function withJsonCode(diagnostic: Diagnostic): Diagnostic {
  const code = typeof diagnostic.code === 'number' ? diagnostic.code : undefined;
  if (code === DUPLICATE_KEY_CODE) return { ...diagnostic, code: 'duplicate-key' };
  const isSyntax = (code !== undefined && code >= 0x101 && code < 0x300) || diagnostic.message === EMPTY_JSON_MESSAGE;
  return { ...diagnostic, code: isSyntax ? 'syntax' : 'schema' };
}
