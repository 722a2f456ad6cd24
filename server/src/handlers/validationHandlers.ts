/**
 * Diagnostics and the document status: each open, edit and close decides once whether the document is served, then
 * a served one is validated (debounced after edits, at once on open) and, with its diagnostics, its status (which
 * names the strategy) is sent; a document that stops being served is cleared at once.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStatusNotification, type DocumentStatusParams } from '../../../common/protocol';
import type { ServedDocument } from '../documentRegistry';
import type { ServerContext } from '../serverContext';
import { describeError } from '../utils/runner';
import { ValidationScheduler } from '../validationScheduler';

export class ValidationHandlers {
  readonly #context: ServerContext;
  readonly #scheduler: ValidationScheduler;
  /** Last status sent per uri, so the client hears only of changes. */
  readonly #lastStatus = new Map<string, string>();
  /** Version validated by didOpen: TextDocuments reports the open as a content change too, which must not re-debounce it. */
  readonly #openedVersion = new Map<string, number>();

  constructor(context: ServerContext, delayMs: number) {
    this.#context = context;
    this.#scheduler = new ValidationScheduler(
      {
        validate: (served) => this.validate(served),
        publish: (served, diagnostics) => this.#publish(served, diagnostics),
        currentVersion: (uri) => context.documents.get(uri)?.version,
        reportError: (what, error) => context.logger.error(`${what} failed: ${describeError(error)}`),
      },
      delayMs,
    );
  }

  set delayMs(value: number) {
    this.#scheduler.delayMs = value;
  }

  /** Every diagnostic of a served document's current text. */
  validate(served: ServedDocument): Promise<Diagnostic[]> {
    return served.features.validate();
  }

  listen(): void {
    const { documents } = this.#context;
    documents.onDidOpen((event) => {
      this.#openedVersion.set(event.document.uri, event.document.version);
      this.refresh(event.document, true);
    });
    documents.onDidChangeContent((event) => {
      if (this.#openedVersion.get(event.document.uri) === event.document.version) return;
      this.#openedVersion.delete(event.document.uri);
      this.refresh(event.document, false);
    });
    documents.onDidClose((event) => this.#forget(event.document.uri));
  }

  /** Decides whether a document is served (once) and validates it, or clears it when it is not (any more). */
  refresh(document: TextDocument, immediately: boolean): void {
    const served = this.#context.registry.serve(document);
    if (served) {
      this.#scheduler.schedule(served, immediately);
      return;
    }
    this.#sendStatus({ uri: document.uri, isConnectionFile: false });
    this.#scheduler.cancel(document.uri);
    void this.#context.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }

  refreshAll(): void {
    for (const document of this.#context.documents.all()) this.refresh(document, true);
  }

  #publish(served: ServedDocument, diagnostics: Diagnostic[]): void {
    const { document } = served;
    void this.#context.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    // The status names the strategy, so it needs the parsed tree: sent here, where the tree exists anyway, and not on
    // every keystroke (which would parse ahead of the debounce).
    this.#sendStatus({
      uri: document.uri,
      isConnectionFile: true,
      reason: served.match.reason,
      schemaName: served.features.statusName(),
      ...(served.deployCli ? { deployCli: served.deployCli } : {}),
    });
    this.#prepareWhenIdle(served);
  }

  /**
   * What the next requests on this version need (the first completion's document copy, see languages/), prepared
   * once the messages already received are handled (setImmediate runs after pending I/O) and only if no edit came.
   */
  #prepareWhenIdle(served: ServedDocument): void {
    const { document } = served;
    setImmediate(() => {
      if (this.#context.documents.get(document.uri)?.version !== document.version) return;
      served.features.prepareForRequests().catch((error: unknown) => {
        this.#context.logger.error(`Preparing ${document.uri} for requests failed: ${describeError(error)}`);
      });
    });
  }

  #sendStatus(params: DocumentStatusParams): void {
    const key = JSON.stringify(params);
    if (this.#lastStatus.get(params.uri) === key) return;
    this.#lastStatus.set(params.uri, key);
    void this.#context.connection.sendNotification(DocumentStatusNotification, params);
  }

  #forget(uri: string): void {
    this.#scheduler.cancel(uri);
    this.#context.forget(uri);
    this.#lastStatus.delete(uri);
    this.#openedVersion.delete(uri);
    void this.#context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
