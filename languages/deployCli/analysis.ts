/**
 * One version of a deploy-cli document, read once: the keyword view (the text deploy-cli would parse, and the map
 * back to the text as written), the engine's tree of the view, the connection items, and each item's region (the
 * lines a caret in that item may be on, for completion and hover). Cached by the caller per uri, version and
 * mappings.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DeployCliLayout } from '../../common/deployCliFiles';
import {
  deployCliItems,
  getProperty,
  lineStartOf,
  parseBody,
  reparseEditedItem,
  scanKeywords,
  substituteKeywords,
  type BodyNode,
  type DeployCliItem,
  type DeployCliItemKind,
  type DocumentFormat,
  type KeywordMappings,
  type KeywordOccurrence,
  type ParsedBody,
  type Substitution,
} from '../../engine/index';

export interface DeployCliContext {
  layout: DeployCliLayout;
  /** The document's forward-slash absolute path, for the files it names; undefined for an untitled document. */
  path: string | undefined;
  /** The mappings a0deploy would use, or undefined when no deploy-cli config was found (keywords are placeholders). */
  mappings: KeywordMappings | undefined;
  fileExists(path: string): boolean;
}

/** The lines of one list item, in view offsets: where a caret belongs to that item. */
export interface ItemRegion {
  kind: DeployCliItemKind;
  /** The item's node (an object, or null/a scalar while a new item is being written). */
  node: BodyNode;
  /** The connection item, when the node is an object. */
  item: DeployCliItem | undefined;
  /** Where a caret starts belonging to the item: its first line's start (block YAML) or the node itself (JSON, flow). */
  start: number;
  /** Start of the item's first line; the item's text starts at node.offset on it. */
  lineStart: number;
  end: number;
}

export interface DeployCliAnalysis {
  source: TextDocument;
  format: DocumentFormat;
  layout: DeployCliLayout;
  substitution: Substitution;
  /** The view as a document (its positions, for the items' own documents). */
  view: TextDocument;
  parsed: ParsedBody;
  items: DeployCliItem[];
  regions: ItemRegion[];
  /** Keywords as written, in source offsets. */
  occurrences: KeywordOccurrence[];
}

/**
 * `previous`: the analysis of an earlier version in the same context; an edit inside one item of a tenant file then
 * re-reads only that item (engine reparseEditedItem).
 */
export function analyze(
  document: TextDocument,
  format: DocumentFormat,
  context: DeployCliContext,
  parse = parseBody,
  previous?: DeployCliAnalysis,
): DeployCliAnalysis {
  const text = document.getText();
  // A snapshot: an open document is updated in place by later edits, while this analysis describes this version.
  const source = TextDocument.create(document.uri, document.languageId, document.version, text);
  const substitution = substituteKeywords(text, context.mappings?.values);
  const view = substitution.map.isIdentity ? source : TextDocument.create(source.uri, source.languageId, source.version, substitution.text);
  const incremental =
    previous && context.layout === 'tenant' ? reparseEditedItem(previous.substitution.text, previous.parsed, substitution.text, format) : undefined;
  const parsed = incremental ?? parse(substitution.text, format);
  const items = deployCliItems(parsed, context.layout);
  return {
    source,
    format,
    layout: context.layout,
    substitution,
    view,
    parsed,
    items,
    regions: regionsOf(substitution.text, parsed, context.layout, items),
    occurrences: scanKeywords(text),
  };
}

function regionsOf(text: string, parsed: ParsedBody, layout: DeployCliLayout, items: readonly DeployCliItem[]): ItemRegion[] {
  const byNode = new Map(items.map((item) => [item.node, item]));
  const root = parsed.root;
  if (layout !== 'tenant') {
    const item = items[0];
    return item ? [{ kind: item.kind, node: item.node, item, start: 0, lineStart: 0, end: text.length }] : [];
  }
  const regions: ItemRegion[] = [];
  for (const [list, kind] of [['databases', 'database'], ['connections', 'connection']] as const) {
    const sequence = getProperty(root, list)?.value;
    if (sequence?.kind !== 'array') continue;
    const block = text[sequence.offset] !== '[';
    const listEnd = block ? blockEnd(text, sequence) : sequence.offset + sequence.length;
    sequence.items.forEach((node, index) => {
      const next = sequence.items[index + 1];
      const lineStart = lineStartOf(text, node.offset);
      const start = block ? lineStart : node.offset;
      const end = next ? (block ? lineStartOf(text, next.offset) : node.offset + node.length) : listEnd;
      const item = node.kind === 'object' ? byNode.get(node) : undefined;
      regions.push({ kind, node, item, start, lineStart, end: Math.max(end, node.offset + node.length) });
    });
  }
  return regions.sort((a, b) => a.start - b.start);
}

/**
 * Where a block sequence's last item stops taking lines: after its node, every following line that is blank or
 * indented deeper than the sequence's `-` still belongs to it (a caret on it is writing into that item).
 */
function blockEnd(text: string, sequence: BodyNode): number {
  const dashColumn = sequence.offset - lineStartOf(text, sequence.offset);
  let position = sequence.offset + sequence.length;
  if (position > 0 && text[position - 1] !== '\n') {
    const newline = text.indexOf('\n', position);
    position = newline < 0 ? text.length : newline + 1;
  }
  while (position < text.length) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(position, lineEnd);
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== '' && indent <= dashColumn) break;
    position = newline < 0 ? text.length : newline + 1;
  }
  return position;
}

/** The region holding a view offset (a caret at a region's end belongs to it). */
export function regionAt(analysis: DeployCliAnalysis, viewOffset: number): ItemRegion | undefined {
  return analysis.regions.find((region) => region.start <= viewOffset && viewOffset <= region.end);
}

/** The connection item whose node holds a view offset. */
export function itemAt(analysis: DeployCliAnalysis, viewOffset: number): DeployCliItem | undefined {
  return analysis.items.find((item) => item.node.offset <= viewOffset && viewOffset <= item.node.offset + item.node.length);
}
