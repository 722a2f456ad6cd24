/**
 * The language server: LSP wiring only. Language logic lives in engine/ and languages/; each group of handlers is
 * in handlers/ (after yaml-language-server's languageserver/handlers), and every request goes through runSafe so
 * that a malformed, huge or half-typed document never kills or hangs the server.
 */
import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectIfLastClosed, createLanguageModes, DeployCliDocuments, noteDocumentClosed } from '../../languages/index';
import { ClampedEdits } from './clampedEdits';
import { DeployCliWorkspace } from './deployCli/deployCliWorkspace';
import { documentPath, type DeployCliServing } from './features/deployCliFeatures';
import { DocumentRegistry } from './documentRegistry';
import { DeployCliHandlers } from './handlers/deployCliHandlers';
import { registerLanguageHandlers } from './handlers/languageHandlers';
import { registerRequestHandlers } from './handlers/requestHandlers';
import { SettingsHandlers } from './handlers/settingsHandlers';
import { ValidationHandlers } from './handlers/validationHandlers';
import { consoleLogger, ServerContext } from './serverContext';

export function startServer(connection: Connection): void {
  const edits = new ClampedEdits((message) => connection.console.warn(message));
  const documents = new TextDocuments(edits);
  documents.onDidClose((event) => {
    edits.forget(event.document.uri);
    // Nothing open any more: give back the heap that the closed documents grew, when they were large in all (see
    // languages/memory.ts).
    noteDocumentClosed(event.document.getText().length);
    if (documents.all().length === 0) collectIfLastClosed();
  });
  const logger = consoleLogger(connection);
  const deployCli: DeployCliServing = {
    documents: new DeployCliDocuments(),
    workspace: new DeployCliWorkspace((path) => openTextAt(documents, path), logger),
    logger,
    canCreateFiles: () => context.canCreateFiles,
  };
  const context = new ServerContext(connection, documents, new DocumentRegistry(createLanguageModes(), deployCli));
  const validation = new ValidationHandlers(context, 0);
  const deployCliHandlers = new DeployCliHandlers(context, validation);
  const settings = new SettingsHandlers(context, (current) => {
    validation.delayMs = current.validationDelayMs;
    validation.refreshAll();
  });

  connection.onInitialize((params): InitializeResult => {
    settings.initialize(params);
    deployCliHandlers.initialize(params);
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    context.canCreateFiles = workspaceEdit?.documentChanges === true && workspaceEdit.resourceOperations?.includes('create') === true;
    return { capabilities: capabilities(settings.canRegisterFormatting), serverInfo: { name: 'auth0-connections-language-server' } };
  });
  settings.listen();
  validation.listen();
  registerLanguageHandlers(context);
  registerRequestHandlers(context, validation);
  deployCliHandlers.listen();
  settings.afterInitialized(() => deployCliHandlers.registerWatchers());

  documents.listen(connection);
  connection.listen();
}

/** The text of the open document at `path` (unsaved edits included), when one is open. */
function openTextAt(documents: TextDocuments<TextDocument>, path: string): string | undefined {
  return documents.all().find((document) => documentPath(document.uri) === path)?.getText();
}

function capabilities(formattingRegisteredLater: boolean): InitializeResult['capabilities'] {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: false },
    hoverProvider: true,
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    // Registered dynamically, per file pattern, when the client can (see SettingsHandlers).
    documentFormattingProvider: !formattingRegisteredLater,
    documentRangeFormattingProvider: !formattingRegisteredLater,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
