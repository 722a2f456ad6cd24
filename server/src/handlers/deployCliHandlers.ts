/**
 * What deploy-cli files need beyond the other handlers: the item under a position (DeployCliItemRequest), and fresh
 * diagnostics when what they depend on changes outside them: a config.json edited in the editor (its unsaved text
 * counts), or scripts, templates and configs created, changed or deleted on disk (watched where the client lets the
 * server register watchers).
 */
import { DidChangeWatchedFilesNotification, type InitializeParams } from 'vscode-languageserver';
import { DeployCliItemRequest, type DeployCliItemParams, type DeployCliItemResult } from '../../../common/protocol';
import type { ServerContext } from '../serverContext';
import { describeError, runSafe } from '../utils/runner';
import type { ValidationHandlers } from './validationHandlers';

const WATCHED = ['**/*.js', '**/*.html', '**/config.json', '**/database-connections', '**/tenant.json'];

export class DeployCliHandlers {
  readonly #context: ServerContext;
  readonly #validation: ValidationHandlers;
  #canWatch = false;

  constructor(context: ServerContext, validation: ValidationHandlers) {
    this.#context = context;
    this.#validation = validation;
  }

  initialize(params: InitializeParams): void {
    this.#canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  listen(): void {
    const { connection, documents, logger } = this.#context;
    connection.onRequest(DeployCliItemRequest, (params: DeployCliItemParams, token) =>
      runSafe<DeployCliItemResult>(logger, 'deploy-cli item', token, {}, async () => {
        const item = await this.#context.servedFor(params.uri)?.features.itemAt?.(params.position);
        return item ? { item } : {};
      }),
    );
    // Typing in a config.json waits for the validation delay like any edit (each keystroke would otherwise re-check
    // every open deploy-cli file at once); a change on disk is taken at once.
    documents.onDidChangeContent((event) => {
      if (/(^|\/)config\.json$/.test(event.document.uri)) this.#refresh(false);
    });
    // Closed with unsaved edits, a config counts as written on disk again.
    documents.onDidClose((event) => {
      if (/(^|\/)config\.json$/.test(event.document.uri)) this.#refresh(true);
    });
    connection.onDidChangeWatchedFiles(() => this.#refresh(true));
  }

  /** Asks the client to report changes of the files deploy-cli documents depend on (once it is initialized). */
  registerWatchers(): void {
    if (!this.#canWatch) return;
    const { connection, logger } = this.#context;
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) })
      .catch((error: unknown) => logger.error(`Watching files for deploy-cli documents failed: ${describeError(error)}`));
  }

  /** Re-reads the disk and checks every open deploy-cli document again (at once, or after the validation delay). */
  #refresh(immediately: boolean): void {
    const { documents, registry } = this.#context;
    registry.filesChanged();
    for (const document of documents.all()) {
      if (registry.serve(document)?.deployCli) this.#validation.refresh(document, immediately);
    }
  }
}
