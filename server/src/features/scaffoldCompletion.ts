/**
 * On an empty connection file, completion offers a whole body per common strategy (the same scaffolds as the
 * snippets and the New Connection File command), so a user who opens `x.connection.yaml` and presses Ctrl+Space
 * starts from a body the API accepts.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionList } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { renderScaffold, SCAFFOLDS } from '../../../common/scaffolds';
import type { DocumentFormat } from '../../../engine/index';

/**
 * Comments and blank lines only: what a new YAML file (perhaps with a modeline) looks like. Line by line, in linear
 * time: it was the regular expression `^(\s*(#[^\n]*)?\n?)*$`, which backtracks exponentially on a run of spaces
 * (28 of them at the start of a file held the server for 11 s; found by the fuzz suite).
 */
function onlyBlankLinesAndComments(text: string): boolean {
  return text.split('\n').every((line) => {
    const content = line.trimStart();
    return content === '' || content.startsWith('#');
  });
}

export function scaffoldCompletions(document: TextDocument, format: DocumentFormat): CompletionList | undefined {
  const text = document.getText();
  if (text.length > 10_000 || !onlyBlankLinesAndComments(text)) return undefined;
  // In JSON a comment line is an error anyway, so only a blank document counts.
  if (format === 'json' && text.trim() !== '') return undefined;
  const end = document.positionAt(text.length);
  // Insert after any modeline/comments, so a `# yaml-language-server: $schema=` line stays on top.
  const start = text.trim() === '' ? { line: 0, character: 0 } : { line: end.line, character: 0 };
  return {
    isIncomplete: false,
    items: SCAFFOLDS.map((scaffold, index) => ({
      label: `Auth0 connection: ${scaffold.title} (${scaffold.strategy})`,
      kind: CompletionItemKind.Snippet,
      detail: scaffold.detail,
      documentation: { kind: 'markdown', value: '```' + format + '\n' + renderScaffold(scaffold.strategy, format) + '```' },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: { start, end }, newText: renderScaffold(scaffold.strategy, format, { snippet: true }) },
      sortText: String(index).padStart(3, '0'),
      filterText: `${scaffold.strategy} ${scaffold.title}`,
    })),
  };
}
