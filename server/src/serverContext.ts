/**
 * What every group of handlers shares: the connection, the open documents, which of them are served (and by which
 * language mode), and the logger. Built once by startServer and passed to each group, instead of one closure holding
 * every handler.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_NESTING_DEPTH, nestingDepth } from '../../engine/index';
import type { DocumentRegistry, ServedDocument } from './documentRegistry';
import type { Logger } from './utils/runner';

/** The log of the client (its output channel in VS Code). */
export function consoleLogger(connection: Connection): Logger {
  return {
    error: (message) => connection.console.error(message),
    warn: (message) => connection.console.warn(message),
    info: (message) => connection.console.log(message),
  };
}

export class ServerContext {
  readonly logger: Logger;
  /** The client applies workspace edits that create files (set from its capabilities on initialize). */
  canCreateFiles = false;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly registry: DocumentRegistry,
  ) {
    this.logger = consoleLogger(connection);
  }

  /**
   * The document if we serve it and the language services can safely read it (see MAX_NESTING_DEPTH). The depth is
   * scanned, not parsed: a request right after an edit must not build the engine's tree ahead of the debounce
   * (~100 ms on a 1 MB YAML file, against under 1 ms for the scan).
   */
  servedFor(uri: string): ServedDocument | undefined {
    const document = this.documents.get(uri);
    const served = document ? this.registry.serve(document) : undefined;
    if (!served || !this.#shallowEnough(served.document)) return undefined;
    return served;
  }

  /** The depth scan's answer per uri and version (a scan of the whole text; every request asks). */
  readonly #depthChecked = new Map<string, { version: number; ok: boolean }>();

  #shallowEnough(document: TextDocument): boolean {
    const known = this.#depthChecked.get(document.uri);
    if (known?.version === document.version) return known.ok;
    const ok = nestingDepth(document.getText()) <= MAX_NESTING_DEPTH;
    this.#depthChecked.set(document.uri, { version: document.version, ok });
    return ok;
  }

  /** A closed document's answers are dropped (a reopened one starts again at version 1 or any other). */
  forget(uri: string): void {
    this.#depthChecked.delete(uri);
    this.registry.forget(uri);
  }
}
