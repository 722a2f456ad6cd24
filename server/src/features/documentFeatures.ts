/**
 * What the handlers ask of a served document. A connection file answers from its language mode directly; a deploy-cli
 * file answers through its keyword view and items (deployCliFeatures.ts), which is where every position of such a
 * file is translated, in and out, for every request alike.
 */
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { CompletionList, FormattingOptions, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { DeployCliItemAt } from '../../../languages/index';

export interface DocumentFeatures {
  /** Every diagnostic of the document's current text. */
  validate(): Promise<Diagnostic[]>;
  complete(position: Position): Promise<CompletionList>;
  hover(position: Position): Promise<Hover | null>;
  /** Quick fixes for diagnostics the client sent back. */
  codeActions(diagnostics: Diagnostic[]): CodeAction[];
  format(range: Range | undefined, options: FormattingOptions): Promise<TextEdit[]>;
  /** What the language status item shows as the schema in use (the tree is parsed by then). */
  statusName(): string;
  /** In idle time after a publication: what the next requests on this version need (see LanguageMode). */
  prepareForRequests(): Promise<void>;
  /** deploy-cli files only: the connection item under a position, keywords substituted. */
  itemAt?(position: Position): Promise<DeployCliItemAt | undefined>;
}
