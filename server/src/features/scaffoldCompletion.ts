/**
 * Where a whole body fits, completion offers one per common strategy (the same scaffolds as `snippets/` and the New
 * Connection File command), so a user who opens `x.connection.yaml` and presses Ctrl+Space starts from a body the API
 * accepts. A whole body fits only in a connection file that holds none yet: empty, comments only, `{}`, or nothing but
 * the `$schema` that made it a connection file (kept, on top). Nowhere else: not on a value, not inside `options`, and
 * never in files that are not connection files (the extension contributes no snippets to plain JSON or YAML).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionList, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { escapeSnippetText, renderScaffold, SCAFFOLDS } from '../../../common/scaffolds';
import { getProperty, stringValue, type DocumentFormat, type ParsedBody } from '../../../engine/index';

/** Comments and blank lines only: what a new YAML file (perhaps with a modeline) looks like. */
const EMPTY_DOCUMENT = /^(\s*(#[^\n]*)?\n?)*$/;
/** A body is a few KB; past this a document is not "nearly empty" whatever it holds. */
const MAX_SCAFFOLD_DOCUMENT_CHARS = 10_000;

interface Placement {
  range: Range;
  /** The `$schema` value to keep as the body's first property. */
  schema: string | undefined;
}

export function scaffoldCompletions(document: TextDocument, format: DocumentFormat, parse: () => ParsedBody): CompletionList | undefined {
  const text = document.getText();
  if (text.length > MAX_SCAFFOLD_DOCUMENT_CHARS) return undefined;
  const placement = EMPTY_DOCUMENT.test(text) ? emptyPlacement(document, format) : nearlyEmptyPlacement(document, parse());
  if (!placement) return undefined;
  return {
    isIncomplete: false,
    items: SCAFFOLDS.map((scaffold, index) => ({
      label: `Auth0 connection: ${scaffold.title} (${scaffold.strategy})`,
      kind: CompletionItemKind.Snippet,
      detail: scaffold.detail,
      documentation: { kind: 'markdown', value: '```' + format + '\n' + renderScaffold(scaffold.strategy, format) + '```' },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: placement.range, newText: withSchema(renderScaffold(scaffold.strategy, format, { snippet: true }), format, placement.schema) },
      sortText: String(index).padStart(3, '0'),
      filterText: `${scaffold.strategy} ${scaffold.title}`,
    })),
  };
}

/** An empty document (or, in YAML, comments only): the body goes after the comments, so a modeline stays on top. */
function emptyPlacement(document: TextDocument, format: DocumentFormat): Placement | undefined {
  const text = document.getText();
  // In JSON a comment line is an error anyway, so only a blank document counts.
  if (format === 'json' && text.trim() !== '') return undefined;
  const end = document.positionAt(text.length);
  const start = text.trim() === '' ? { line: 0, character: 0 } : { line: end.line, character: 0 };
  return { range: { start, end }, schema: undefined };
}

/** `{}` or an object holding only `$schema`, with no syntax problem: the body replaces the object, `$schema` kept. */
function nearlyEmptyPlacement(document: TextDocument, parsed: ParsedBody): Placement | undefined {
  const root = parsed.root;
  if (parsed.syntaxProblems.length > 0 || root?.kind !== 'object') return undefined;
  if (!root.properties.every((property) => property.key === '$schema')) return undefined;
  const schemaProperty = getProperty(root, '$schema');
  if (schemaProperty && stringValue(schemaProperty.value) === undefined) return undefined;
  // A YAML block mapping ends where its last value does; the body replaces everything from its start to the end.
  const end = parsed.format === 'yaml' ? document.getText().length : root.offset + root.length;
  return {
    range: { start: document.positionAt(root.offset), end: document.positionAt(end) },
    schema: stringValue(schemaProperty?.value),
  };
}

/** The scaffold snippet with `"$schema": value` (or `$schema: value`) as its first property. */
function withSchema(snippet: string, format: DocumentFormat, schema: string | undefined): string {
  if (schema === undefined) return snippet;
  if (format === 'yaml') return `${escapeSnippetText('$schema')}: ${escapeSnippetText(schema)}\n${snippet}`;
  return snippet.replace(/^\{\n/, `{\n  ${escapeSnippetText(JSON.stringify('$schema'))}: ${escapeSnippetText(JSON.stringify(schema))},\n`);
}
