/** A connection file: every feature from its language mode, on the document as it is. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateDocument, type LanguageMode } from '../../../languages/index';
import { quickFixCodeActions } from './codeActions';
import type { DocumentFeatures } from './documentFeatures';
import { scaffoldCompletions } from './scaffoldCompletion';
import { schemaNameFor } from './schemaName';

export function connectionFileFeatures(document: TextDocument, mode: LanguageMode): DocumentFeatures {
  const parsed = () => mode.parseBody(document);
  return {
    validate: () => validateDocument(document, mode, parsed()),
    complete: async (position) => scaffoldCompletions(document, mode.format, parsed) ?? mode.doComplete(document, position),
    hover: (position) => mode.doHover(document, position),
    // VS Code asks on every cursor move; the tree of this version is cached by the mode, never parsed again per request.
    codeActions: (diagnostics) => (diagnostics.length === 0 ? [] : quickFixCodeActions(document, mode.format, diagnostics, parsed())),
    format: (range, options) => mode.formatDocument(document, range, options),
    statusName: () => schemaNameFor(parsed()),
    prepareForRequests: () => mode.prepareForRequests(document),
  };
}
