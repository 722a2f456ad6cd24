/**
 * The language features of served documents: completion, hover, outline, folding, selection, formatting and quick
 * fixes. Each answers from the document's language mode, through runSafe, and answers nothing for documents we do
 * not serve.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { CompletionList } from 'vscode-languageserver-types';
import { quickFixCodeActions } from '../features/codeActions';
import { scaffoldCompletions } from '../features/scaffoldCompletion';
import type { ServerContext } from '../serverContext';
import { runSafe } from '../utils/runner';

const NO_COMPLETIONS: CompletionList = { isIncomplete: false, items: [] };

export function registerLanguageHandlers(context: ServerContext): void {
  const { connection, logger } = context;

  connection.onCompletion((params, token) =>
    runSafe<CompletionList>(logger, 'Completion', token, NO_COMPLETIONS, async () => {
      const served = context.servedFor(params.textDocument.uri);
      if (!served) return NO_COMPLETIONS;
      const scaffolds = scaffoldCompletions(served.document, served.mode.format, () => context.registry.parsed(served));
      return scaffolds ?? served.mode.doComplete(served.document, params.position);
    }),
  );

  connection.onHover((params, token) =>
    runSafe(logger, 'Hover', token, null, async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.mode.doHover(served.document, params.position) : null;
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
      return served ? served.mode.getSelectionRanges(served.document, params.positions) : [];
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(logger, 'Formatting', token, [], async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.mode.formatDocument(served.document, undefined, params.options) : [];
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(logger, 'Range formatting', token, [], async () => {
      const served = context.servedFor(params.textDocument.uri);
      return served ? served.mode.formatDocument(served.document, params.range, params.options) : [];
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(logger, 'Code actions', token, [], () => {
      const served = context.servedFor(params.textDocument.uri);
      const diagnostics = params.context.diagnostics as Diagnostic[];
      if (!served || diagnostics.length === 0) return [];
      // VS Code asks on every cursor move; the tree of this version is cached, never parsed again per request.
      const parsed = context.registry.parsed(served);
      return quickFixCodeActions(served.document, served.mode.format, diagnostics, parsed);
    }),
  );
}
