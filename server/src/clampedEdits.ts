/**
 * How incremental edits are applied to the open documents. An edit whose range lies outside the document is invalid,
 * but clients have bugs, and vscode-languageserver-textdocument does not check: a line past the end (or a character
 * past the end of its line) left its line table corrupt, and every later request on that document answered null
 * until a full resync. So each range is clamped to the document first, as VS Code's own text model does
 * (TextModel.validatePosition), and the first such edit of a document is reported once in the log.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export class ClampedEdits implements TextDocumentsConfiguration<TextDocument> {
  readonly #warn: (message: string) => void;
  /** Documents already warned about; forgotten when they close, so a reopened document is warned about again. */
  readonly #warned = new Set<string>();

  constructor(warn: (message: string) => void) {
    this.#warn = warn;
  }

  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    return TextDocument.create(uri, languageId, version, content);
  }

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    // One change at a time: each range is relative to the text the previous changes left.
    for (const change of changes) {
      const clamped = clampedChange(document, change);
      if (clamped !== change) this.#report(document.uri, change);
      TextDocument.update(document, [clamped], version);
    }
    return document;
  }

  forget(uri: string): void {
    this.#warned.delete(uri);
  }

  #report(uri: string, change: TextDocumentContentChangeEvent): void {
    if (this.#warned.has(uri)) return;
    this.#warned.add(uri);
    const range = 'range' in change ? JSON.stringify(change.range) : 'none';
    this.#warn(
      `An edit of ${uri} had a range outside the document (${range}); it was clamped to the document, as VS Code's ` +
        'own editor does. The client and the server may now see different text: closing and reopening the file ' +
        'resyncs it. Later edits of this document are clamped without this warning.',
    );
  }
}

/** The change itself when its range is inside the document, else a copy whose range is clamped to it. */
function clampedChange(document: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  const text = typeof change.text === 'string' ? change.text : '';
  if (!('range' in change) || change.range === undefined) return text === change.text ? change : { text };
  const start = clampedPosition(document, change.range.start);
  const end = clampedPosition(document, change.range.end);
  if (start === change.range.start && end === change.range.end && text === change.text) return change;
  return { range: { start, end }, text };
}

/** The position itself when it is inside the document, else the nearest position that is (never the same object). */
function clampedPosition(document: TextDocument, position: Position | undefined): Position {
  const line = wholeNumber(position?.line);
  const character = wholeNumber(position?.character);
  if (line === undefined || line < 0) return { line: 0, character: 0 };
  // One past the last line at character 0 is the end of the text, as many clients write it: inside.
  if (line === document.lineCount && character === 0 && position) return position;
  if (line >= document.lineCount) return document.positionAt(document.getText().length);
  const length = lineLength(document, line);
  if (character !== undefined && character >= 0 && character <= length && position?.line === line && position.character === character) {
    return position;
  }
  return { line, character: Math.min(Math.max(character ?? 0, 0), length) };
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : undefined;
}

/** Characters of `line` without its line break. */
function lineLength(document: TextDocument, line: number): number {
  const text = document.getText();
  const start = document.offsetAt({ line, character: 0 });
  let end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : text.length;
  while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end - start;
}
