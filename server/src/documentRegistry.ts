/**
 * Decides, per open document, whether we serve it and with which language mode. The parsed tree is the mode's
 * (cached there by uri + version), so validation, completion and code actions on one version share one parse.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ConnectionFileMatcher, documentFormat, type ConnectionFileMatch } from '../../common/fileMatching';
import type { DocumentFormat, ParsedBody } from '../../engine/index';
import type { LanguageMode } from '../../languages/index';

export interface ServedDocument {
  document: TextDocument;
  mode: LanguageMode;
  match: ConnectionFileMatch;
}

export class DocumentRegistry {
  #matcher = new ConnectionFileMatcher();
  readonly #modes: Record<DocumentFormat, LanguageMode>;

  constructor(modes: Record<DocumentFormat, LanguageMode>) {
    this.#modes = modes;
  }

  configure(extraPatterns: readonly string[], workspaceFolderUris: readonly string[]): void {
    const folders = workspaceFolderUris.map((uri) => URI.parse(uri).path);
    this.#matcher = new ConnectionFileMatcher(extraPatterns, folders);
  }

  /** Path globs of the files served by name or setting (not those served for naming our schema inside). */
  get pathPatterns(): readonly string[] {
    return this.#matcher.pathPatterns;
  }

  /** The served view of a document, or undefined when it is not a connection file. */
  serve(document: TextDocument): ServedDocument | undefined {
    const format = documentFormat(URI.parse(document.uri).path, document.languageId);
    if (!format) return undefined;
    const match = this.#matcher.match(URI.parse(document.uri).path, document.getText(), format);
    return match.isConnectionFile ? { document, mode: this.#modes[format], match } : undefined;
  }

  /** The engine's tree for this version (each mode caches its own, by uri + version). */
  parsed(served: ServedDocument): ParsedBody {
    return served.mode.parseBody(served.document);
  }

  forget(uri: string): void {
    for (const mode of Object.values(this.#modes)) mode.onDocumentRemoved(uri);
  }
}
