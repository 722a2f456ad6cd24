/**
 * The full check of one document: the language mode's syntax and schema diagnostics, then the engine's rules. The
 * server publishes this list; the CLI prints it. One function, so the editor and CI can never disagree.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  combineDiagnostics,
  SCHEMA_VALIDATION_LIMIT_CHARS,
  schemaSkippedDiagnostic,
  unreadableDocumentDiagnostics,
  type ParsedBody,
} from '../engine/index';
import type { LanguageMode } from './languageMode';

export async function validateDocument(
  document: TextDocument,
  mode: LanguageMode,
  parsed: ParsedBody = mode.parseBody(document),
): Promise<Diagnostic[]> {
  const unreadable = unreadableDocumentDiagnostics(document, parsed);
  if (unreadable) return unreadable;
  const schemaDiagnostics =
    document.getText().length > SCHEMA_VALIDATION_LIMIT_CHARS ? [schemaSkippedDiagnostic(document)] : await mode.doValidation(document);
  return combineDiagnostics(document, parsed, schemaDiagnostics);
}
