/**
 * The language features of served documents: completion, hover, outline, folding, selection, formatting and quick
 * fixes. Each answers from the document's language mode, through runSafe, and answers nothing for documents we do
 * not serve.
 */
import type { CodeAction, Diagnostic, Position, SelectionRange } from 'vscode-languageserver';
import type { CompletionList } from 'vscode-languageserver-types';
import { saneFormattingOptions } from '../features/formattingOptions';
import { selectionRangesWithinBudget } from '../features/selectionBudget';
import type { ServerContext } from '../serverContext';
import { runSafe } from '../utils/runner';

const NO_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

export function registerLanguageHandlers(context: ServerContext): void {
  const { connection, logger } = context;

  connection.onCompletion((params, token) =>
    runSafe<CompletionList>(logger, 'Completion', token, NO_COMPLETIONS, async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.features.complete(params.position) : NO_COMPLETIONS;
    }),
  );

  connection.onHover((params, token) =>
    runSafe(logger, 'Hover', token, null, async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.features.hover(params.position) : null;
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(logger, 'Document symbols', token, [], () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.mode.findDocumentSymbols(served.document) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(logger, 'Folding ranges', token, [], () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.mode.getFoldingRanges(served.document) : [];
    }),
  );

  connection.onSelectionRanges((params, token) =>
    runSafe(logger, 'Selection ranges', token, [], () => {
      const served = context.servedFor(params.textDocument.uri);
      if (!served) return [];
      const compute = (positions: Position[]): SelectionRange[] => served.mode.getSelectionRanges(served.document, positions);
      return selectionRangesWithinBudget(served.document, params.positions, logger, compute);
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(logger, 'Formatting', token, [], async () => {
      const served = context.servedFor(params.textDocument.uri);
      // Options clamped before any formatter sees them (a huge tabSize ran the server out of memory).
      return served ? served.features.format(undefined, saneFormattingOptions(params.options)) : [];
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(logger, 'Range formatting', token, [], async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.features.format(params.range, saneFormattingOptions(params.options)) : [];
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(logger, 'Code actions', token, [], () => {
      const served = context.servedFor(params.textDocument.uri);
      const diagnostics = params.context.diagnostics as Diagnostic[];
      return served ? served.features.codeActions(diagnostics) : [];
    }),
  );
}
