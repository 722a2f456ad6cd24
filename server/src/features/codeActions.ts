/** Quick fixes as LSP code actions: the engine computes text edits by offset, this file speaks LSP. */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFormat, ParsedBody, QuickFix, QuickFixDiagnostic } from '../../../engine/index';
import { computeQuickFixes } from '../../../engine/index';

export function quickFixCodeActions(
  document: TextDocument,
  format: DocumentFormat,
  diagnostics: Diagnostic[],
  parsed: ParsedBody,
): CodeAction[] {
  if (diagnostics.length === 0) return [];
  const fixes = computeQuickFixes({ text: document.getText(), format, parsed, diagnostics: offsetDiagnostics(document, diagnostics) });
  return toCodeActions(document, diagnostics, fixes);
}

/** The diagnostics a client sent back, by offset in the document, as the engine's quick fixes take them. */
export function offsetDiagnostics(document: TextDocument, diagnostics: readonly Diagnostic[]): QuickFixDiagnostic[] {
  return diagnostics.map((diagnostic) => {
    const offset = document.offsetAt(diagnostic.range.start);
    return {
      code: String(diagnostic.code ?? ''),
      message: diagnostic.message,
      offset,
      length: document.offsetAt(diagnostic.range.end) - offset,
      data: (diagnostic.data as Record<string, unknown> | undefined) ?? undefined,
    };
  });
}

/** The engine's fixes (edits by offset) as code actions on `document`, each attached to its diagnostic. */
export function toCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], fixes: readonly QuickFix[]): CodeAction[] {
  return fixes.map((fix) => {
    const action: CodeAction = {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      edit: {
        changes: {
          [document.uri]: fix.edits.map((edit) => ({
            range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
            newText: edit.newText,
          })),
        },
      },
    };
    const diagnostic = diagnostics[fix.diagnosticIndex];
    if (diagnostic) action.diagnostics = [diagnostic];
    if (fix.isPreferred) action.isPreferred = true;
    return action;
  });
}
