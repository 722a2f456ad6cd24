/**
 * What VS Code already shows for a file, we do not show twice. VS Code's built-in JSON support outlines, folds,
 * selects and syntax-checks every JSON file (ours included), and Red Hat's YAML extension, when installed, does the
 * same for every YAML file. For those documents the client drops our outline, folding ranges, selection ranges and
 * syntax diagnostics, and keeps everything only we know: schema, rules, completion, hover, quick fixes. Any other
 * LSP editor gets all of it from the server.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { LibraryDiagnosticCodes } from '../../common/protocol';

const BUILT_IN_JSON = 'vscode.json-language-features';
const RED_HAT_YAML = 'redhat.vscode-yaml';

/** True when another extension already provides structure and syntax checks for this document's language. */
export function coveredElsewhere(document: vscode.TextDocument): boolean {
  switch (document.languageId) {
    case 'json':
    case 'jsonc':
      return vscode.extensions.getExtension(BUILT_IN_JSON) !== undefined;
    case 'yaml':
      return vscode.extensions.getExtension(RED_HAT_YAML) !== undefined;
    default:
      return false;
  }
}

function documentFor(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

/**
 * Our diagnostics another extension already shows for this document (one that covers it: coveredElsewhere): syntax errors and duplicate keys (VS Code's
 * JSON language features and Red Hat YAML use the same parsers), and, in `json` documents only, comments and trailing
 * commas (VS Code flags them there; in `jsonc` it accepts them, so ours, which say the API refuses them, stay).
 */
function shownElsewhere(document: vscode.TextDocument, code: unknown): boolean {
  if (code === LibraryDiagnosticCodes.syntax || code === LibraryDiagnosticCodes.duplicateKey) return true;
  return code === LibraryDiagnosticCodes.strictJson && document.languageId === 'json';
}

export const overlapMiddleware: Middleware = {
  provideDocumentSymbols: (document, token, next) => (coveredElsewhere(document) ? [] : next(document, token)),
  provideFoldingRanges: (document, context, token, next) => (coveredElsewhere(document) ? [] : next(document, context, token)),
  provideSelectionRanges: (document, positions, token, next) =>
    coveredElsewhere(document) ? [] : next(document, positions, token),
  handleDiagnostics: (uri, diagnostics, next) => {
    // Asked once per publication, not per diagnostic: whether another extension covers the document.
    const document = documentFor(uri);
    const covered = document !== undefined && coveredElsewhere(document);
    next(uri, covered ? diagnostics.filter((diagnostic) => !shownElsewhere(document, diagnostic.code)) : diagnostics);
  },
};
