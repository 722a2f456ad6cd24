/** JSON connection files through vscode-json-languageservice, in-process. */
import {
  getLanguageService,
  type JSONDocument,
  type LanguageService,
  type DocumentLanguageSettings,
} from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList } from 'vscode-languageserver-types';
import { declaredSchema, namesConnectionSchema } from '../../../common/fileMatching';
import { CONNECTION_SCHEMA_URI } from '../../../common/protocol';
import { collectGarbageSoon, LARGE_DOCUMENT_CHARS } from '../perf/memory';
import { CONNECTION_SCHEMA, requestSchema } from './schemaSource';
import { RESULT_LIMITS, type LanguageMode } from './languageMode';

// The Management API takes strict JSON: comments and trailing commas are errors, not style.
const VALIDATION_SETTINGS: DocumentLanguageSettings = {
  comments: 'error',
  trailingCommas: 'error',
  schemaValidation: 'error',
  schemaRequest: 'warning',
};

export function createJsonMode(): LanguageMode {
  const service: LanguageService = getLanguageService({ schemaRequestService: requestSchema });
  service.configure({
    validate: true,
    allowComments: false,
    // Only connection files reach this mode, so every document gets the schema.
    schemas: [{ uri: CONNECTION_SCHEMA_URI, fileMatch: ['*'], schema: CONNECTION_SCHEMA }],
  });

  // Parsed documents by uri + version: completion, hover and validation of one version share one parse.
  const cache = new Map<string, { version: number; length: number; parsed: JSONDocument }>();
  const parse = (document: TextDocument): JSONDocument => {
    const hit = cache.get(document.uri);
    if (hit && hit.version === document.version) return hit.parsed;
    const parsed = service.parseJSONDocument(document);
    cache.set(document.uri, { version: document.version, length: document.getText().length, parsed });
    return parsed;
  };

  return {
    format: 'json',
    async doValidation(document) {
      // The association above already gives every document our schema, resolved once. Passing the schema here would
      // re-resolve it on every validation (and keep each copy); only a document whose own `$schema` names another
      // schema needs it, so that it is still validated against ours.
      const declared = declaredSchema(document.getText(), 'json');
      const foreign = declared !== undefined && !namesConnectionSchema(declared);
      return service.doValidation(document, parse(document), VALIDATION_SETTINGS, foreign ? CONNECTION_SCHEMA : undefined);
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
