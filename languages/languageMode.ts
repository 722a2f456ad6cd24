/**
 * One small interface per language (style.md: the json-language-features split). The server and the CLI talk to
 * this, never to vscode-json-languageservice or yaml-language-server directly, so each library stays behind one file.
 */
import type {
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Position,
  Range,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFormat, ParsedBody } from '../engine/index';

export interface LanguageMode {
  readonly format: DocumentFormat;
  /**
   * The engine's tree for this document version, cached by the mode until the version changes or the document is
   * removed (JSON builds it from the service's own parse, so one parse serves the service and the rules).
   */
  parseBody(document: TextDocument): ParsedBody;
  /**
   * Syntax and JSON-Schema diagnostics against the connection schema, each coded `syntax`, `schema` or
   * `duplicate-key`, with the severity the API would give it whatever the library's habits (a schema violation is an
   * error, a deprecation a warning), so that JSON and YAML say the same thing.
   */
  doValidation(document: TextDocument): Promise<Diagnostic[]>;
  doComplete(document: TextDocument, position: Position): Promise<CompletionList>;
  doHover(document: TextDocument, position: Position): Promise<Hover | null>;
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  getFoldingRanges(document: TextDocument): FoldingRange[];
  getSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  formatDocument(document: TextDocument, range: Range | undefined, options: FormattingOptions): Promise<TextEdit[]>;
  /**
   * Prepares, in idle time after a validation, what the next requests on this version need, so the first completion
   * after an open or an edit costs what later ones do. Does nothing when the mode keeps nothing worth preparing.
   */
  prepareForRequests(document: TextDocument): Promise<void>;
  /** Forget anything cached for a closed document (memory must not grow with every file opened). */
  onDocumentRemoved(uri: string): void;
}

/** Limits that keep a huge document from stalling the editor; the services stop listing past them. */
export const RESULT_LIMITS = {
  symbols: 5000,
  foldingRanges: 5000,
} as const;
