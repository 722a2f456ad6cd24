/**
 * Completion and hover in a deploy-cli document are asked of the language mode on the item under the caret alone,
 * as a document of its own: the item's lines of the view, with everything before the item on its first line (`  - `)
 * blanked, so that every line and column is the view's, shifted by whole lines. A small document per item means the
 * language service parses a few hundred bytes per request, not the whole tenant file, and completes by the item's
 * own schema (a `databases:` item is an auth0 connection). Results come back to the text as written through the
 * line shift and the keyword map; an edit that would fall inside a replaced keyword is dropped.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { LanguageMode } from '../languageMode';
import type { DeployCliAnalysis, ItemRegion } from './analysis';

export interface ItemDocument {
  document: TextDocument;
  /** View line of the item document's first line. */
  firstLine: number;
}

/** The item documents made so far, by uri, so that one unchanged item keeps its parse between requests. */
export class ItemDocuments {
  readonly #documents = new Map<string, TextDocument>();

  of(analysis: DeployCliAnalysis, region: ItemRegion): ItemDocument {
    const text = analysis.substitution.text;
    const blank = ' '.repeat(region.node.offset - region.lineStart);
    const itemText = blank + text.slice(region.node.offset, region.end);
    const uri = `${analysis.source.uri}#deploy-cli-item-${analysis.regions.indexOf(region)}.${analysis.format}`;
    let document = this.#documents.get(uri);
    if (!document || document.getText() !== itemText) {
      document = TextDocument.create(uri, analysis.format, (document?.version ?? 0) + 1, itemText);
      this.#documents.set(uri, document);
    }
    return { document, firstLine: analysis.view.positionAt(region.lineStart).line };
  }

  /** Forgets the item documents of a closed document; `forget` removes each from the modes' caches. */
  release(sourceUri: string, forget: (uri: string) => void): void {
    for (const uri of [...this.#documents.keys()]) {
      if (!uri.startsWith(`${sourceUri}#deploy-cli-item-`)) continue;
      this.#documents.delete(uri);
      forget(uri);
    }
  }
}

/** Positions between the item document and the text as written. */
export class ItemPositions {
  constructor(
    private readonly analysis: DeployCliAnalysis,
    private readonly item: ItemDocument,
  ) {}

  /** The item document's position of a source position, or undefined when it is inside a replaced keyword. */
  toItem(position: Position): Position | undefined {
    const { source, view, substitution } = this.analysis;
    const viewOffset = substitution.map.toView(source.offsetAt(position));
    if (substitution.map.replacementAtView(viewOffset, 0)) return undefined;
    const viewPosition = view.positionAt(viewOffset);
    return { line: viewPosition.line - this.item.firstLine, character: viewPosition.character };
  }

  /** A range of the item document on the text as written, or undefined when it touches a replaced keyword. */
  toSource(range: Range): Range | undefined {
    const { source, view, substitution } = this.analysis;
    const start = view.offsetAt({ line: range.start.line + this.item.firstLine, character: range.start.character });
    const end = view.offsetAt({ line: range.end.line + this.item.firstLine, character: range.end.character });
    if (substitution.map.replacementAtView(start, end - start)) return undefined;
    return { start: source.positionAt(substitution.map.toSource(start)), end: source.positionAt(substitution.map.toSource(end)) };
  }
}

export async function completeInItem(mode: LanguageMode, item: ItemDocument, positions: ItemPositions, position: Position): Promise<CompletionList> {
  const at = positions.toItem(position);
  if (!at) return { isIncomplete: false, items: [] };
  const list = await mode.doComplete(item.document, at);
  const items: CompletionItem[] = [];
  for (const completion of list.items) {
    const mapped = mapCompletion(completion, positions);
    if (mapped) items.push(mapped);
  }
  return { isIncomplete: list.isIncomplete, items };
}

function mapCompletion(completion: CompletionItem, positions: ItemPositions): CompletionItem | undefined {
  const result: CompletionItem = { ...completion };
  const edit = completion.textEdit;
  if (edit) {
    if ('range' in edit) {
      const range = positions.toSource(edit.range);
      if (!range) return undefined;
      result.textEdit = { ...edit, range };
    } else {
      const insert = positions.toSource(edit.insert);
      const replace = positions.toSource(edit.replace);
      if (!insert || !replace) return undefined;
      result.textEdit = { ...edit, insert, replace };
    }
  }
  if (completion.additionalTextEdits) {
    const additional: TextEdit[] = [];
    for (const extra of completion.additionalTextEdits) {
      const range = positions.toSource(extra.range);
      if (!range) return undefined;
      additional.push({ ...extra, range });
    }
    result.additionalTextEdits = additional;
  }
  return result;
}

export async function hoverInItem(mode: LanguageMode, item: ItemDocument, positions: ItemPositions, position: Position): Promise<Hover | null> {
  const at = positions.toItem(position);
  if (!at) return null;
  const hover = await mode.doHover(item.document, at);
  if (!hover?.range) return hover;
  const range = positions.toSource(hover.range);
  return range ? { ...hover, range } : { contents: hover.contents };
}
