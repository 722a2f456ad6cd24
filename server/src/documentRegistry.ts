/**
 * Decides, per open document, whether we serve it and with which language mode, and caches the parsed tree by
 * uri + version so that validation, completion and code actions on one version share one parse.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ConnectionFileMatcher, formatFromPath, type ConnectionFileMatch } from '../../common/fileMatching';
import type { DocumentFormat, ParsedBody } from './engine/documentTree';
import { parsedBodyOf } from './engine/validateDocument';
import type { LanguageMode } from './modes/languageMode';

export interface ServedDocument {
  document: TextDocument;
  mode: LanguageMode;
  match: ConnectionFileMatch;
}

export class DocumentRegistry {
  #matcher = new ConnectionFileMatcher();
  readonly #modes: Record<DocumentFormat, LanguageMode>;
  readonly #parsed = new Map<string, { version: number; parsed: ParsedBody }>();

  constructor(modes: Record<DocumentFormat, LanguageMode>) {
    this.#modes = modes;
  }

  configure(extraPatterns: readonly string[], workspaceFolderUris: readonly string[]): void {
    const folders = workspaceFolderUris.map((uri) => URI.parse(uri).path);
    this.#matcher = new ConnectionFileMatcher(extraPatterns, folders);
  }

  /** The served view of a document, or undefined when it is not a connection file. */
  serve(document: TextDocument): ServedDocument | undefined {
    const format = formatOf(document);
    if (!format) return undefined;
    const match = this.#matcher.match(URI.parse(document.uri).path, document.getText(), format);
    return match.isConnectionFile ? { document, mode: this.#modes[format], match } : undefined;
  }

  parsed(document: TextDocument, format: DocumentFormat): ParsedBody {
    const hit = this.#parsed.get(document.uri);
    if (hit && hit.version === document.version) return hit.parsed;
    const parsed = parsedBodyOf(document, this.#modes[format]);
    this.#parsed.set(document.uri, { version: document.version, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.#parsed.delete(uri);
    for (const mode of Object.values(this.#modes)) mode.onDocumentRemoved(uri);
  }
}

function formatOf(document: TextDocument): DocumentFormat | undefined {
  switch (document.languageId) {
    case 'json':
    case 'jsonc':
      return 'json';
    case 'yaml':
      return 'yaml';
    default:
      // Editors without a YAML language id (or plain-text buffers) still get served by file extension.
      return formatFromPath(URI.parse(document.uri).path);
  }
}
