/**
 * The language server: LSP wiring only. Language logic lives in engine/ and modes/; every handler goes through
 * runSafe so that a malformed, huge or half-typed document never kills or hangs the server.
 */
import {
  CodeActionKind,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type Disposable,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import {
  DEFAULT_SERVER_SETTINGS,
  DocumentStatusNotification,
  IsConnectionFileRequest,
  ValidateDocumentRequest,
  SETTINGS_SECTION,
  type DocumentStatusParams,
  type IsConnectionFileParams,
  type IsConnectionFileResult,
  type ServerSettings,
  type ValidateDocumentParams,
  type ValidateDocumentResult,
} from '../../common/protocol';
import { DocumentRegistry, type ServedDocument } from './documentRegistry';
import { MAX_NESTING_DEPTH, nestingDepth } from './engine/documentTree';
import { validateDocument } from './engine/validateDocument';
import { quickFixCodeActions } from './codeActions';
import { scaffoldCompletions } from './scaffoldCompletion';
import { createJsonMode } from './modes/jsonMode';
import { createYamlMode } from './modes/yamlMode';
import { describeError, runSafe } from './utils/runner';
import { ValidationScheduler } from './validationScheduler';
import { mergeSettings } from './mergeSettings';
import { schemaNameFor } from './schemaName';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const registry = new DocumentRegistry({ json: createJsonMode(), yaml: createYamlMode() });
  const logger = { error: (message: string) => connection.console.error(message) };
  let settings: ServerSettings = { ...DEFAULT_SERVER_SETTINGS };
  let workspaceFolders: string[] = [];
  let canPullConfiguration = false;
  let canRegisterFormatting = false;
  let formattingRegistrations: Array<Promise<Disposable>> = [];
  /** Last status sent per uri, so the client hears only of changes. */
  const lastStatus = new Map<string, string>();

  const scheduler = new ValidationScheduler(
    {
      validate: async (document) => {
        const served = registry.serve(document);
        if (!served) return [];
        const diagnostics = await validateDocument(document, served.mode, registry.parsed(document, served.mode.format));
        // The status names the strategy, so it needs the parsed tree: sent here, where the tree exists anyway, and
        // not on every keystroke (which would parse ahead of the debounce).
        sendStatus(document, served);
        return diagnostics;
      },
      publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
      currentVersion: (uri) => documents.get(uri)?.version,
      reportError: (what, error) => logger.error(`${what} failed: ${describeError(error)}`),
    },
    settings.validationDelayMs,
  );

  /**
   * The document if we serve it and the language services can safely read it (see MAX_NESTING_DEPTH). The depth is
   * scanned, not parsed: a request right after an edit must not build the engine's tree ahead of the debounce
   * (~100 ms on a 1 MB YAML file, against under 1 ms for the scan).
   */
  const servedFor = (uri: string): ServedDocument | undefined => {
    const document = documents.get(uri);
    const served = document ? registry.serve(document) : undefined;
    if (!served || nestingDepth(served.document.getText()) > MAX_NESTING_DEPTH) return undefined;
    return served;
  };

  const sendStatus = (document: TextDocument, served: ServedDocument | undefined): void => {
    const params: DocumentStatusParams = served
      ? {
          uri: document.uri,
          isConnectionFile: true,
          reason: served.match.reason,
          schemaName: schemaNameFor(registry.parsed(document, served.mode.format)),
        }
      : { uri: document.uri, isConnectionFile: false };
    const key = JSON.stringify(params);
    if (lastStatus.get(document.uri) === key) return;
    lastStatus.set(document.uri, key);
    void connection.sendNotification(DocumentStatusNotification, params);
  };

  /**
   * Re-decides whether a document is served; a document that stops being served has its diagnostics cleared and
   * its status sent now (a served one's status follows its validation).
   */
  const refresh = (document: TextDocument, immediately: boolean): void => {
    const served = registry.serve(document);
    if (served) {
      scheduler.schedule(document, immediately);
    } else {
      sendStatus(document, undefined);
      scheduler.cancel(document.uri);
      void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    }
  };

  /** Applies our settings section as received (see mergeSettings: what it lacks keeps its previous value). */
  const applySettings = (section: unknown): void => {
    settings = mergeSettings(settings, section);
    registry.configure(settings.files, workspaceFolders);
    scheduler.delayMs = settings.validationDelayMs;
    registerFormatting();
    for (const document of documents.all()) refresh(document, true);
  };

  const pullSettings = async (): Promise<void> => {
    if (!canPullConfiguration) return;
    try {
      applySettings(await connection.workspace.getConfiguration(SETTINGS_SECTION));
    } catch (error) {
      logger.error(`Reading settings failed: ${describeError(error)}`);
    }
  };

  /**
   * Formatting is offered only for files that are connection files by name or setting. A static registration would
   * make VS Code ask users of every package.json to choose between us and its own JSON formatter.
   */
  const registerFormatting = (): void => {
    if (!canRegisterFormatting || !initialized) return;
    const previous = formattingRegistrations;
    formattingRegistrations = [];
    for (const registration of previous) void registration.then((d) => d.dispose(), () => undefined);
    const documentSelector = registry.pathPatterns.map((pattern) => ({ pattern }));
    formattingRegistrations = [
      connection.client.register(DocumentFormattingRequest.type, { documentSelector }),
      connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }),
    ];
    for (const registration of formattingRegistrations) {
      registration.catch((error: unknown) => logger.error(`Registering formatting failed: ${describeError(error)}`));
    }
  };
  let initialized = false;

  connection.onInitialize((params): InitializeResult => {
    workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterFormatting =
      params.capabilities.textDocument?.formatting?.dynamicRegistration === true &&
      params.capabilities.textDocument?.rangeFormatting?.dynamicRegistration === true;
    applySettings((params.initializationOptions as { settings?: unknown } | null | undefined)?.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', ' '], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        // Registered dynamically, per file pattern, when the client can (see registerFormatting).
        documentFormattingProvider: !canRegisterFormatting,
        documentRangeFormattingProvider: !canRegisterFormatting,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'auth0-connections-language-server' },
    };
  });

  connection.onInitialized(() => {
    initialized = true;
    registerFormatting();
    void pullSettings();
    if (workspaceFolders.length) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((f) => f.uri)];
        applySettings(settings);
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (canPullConfiguration) {
      void pullSettings();
    } else {
      applySettings((change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION]);
    }
  });

  /** Version validated by didOpen: TextDocuments reports the open as a content change too, which must not re-debounce it. */
  const openedVersion = new Map<string, number>();
  documents.onDidOpen((event) => {
    openedVersion.set(event.document.uri, event.document.version);
    refresh(event.document, true);
  });
  documents.onDidChangeContent((event) => {
    if (openedVersion.get(event.document.uri) === event.document.version) return;
    openedVersion.delete(event.document.uri);
    refresh(event.document, false);
  });
  documents.onDidClose((event) => {
    scheduler.cancel(event.document.uri);
    registry.forget(event.document.uri);
    lastStatus.delete(event.document.uri);
    openedVersion.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCompletion((params, token) =>
    runSafe<CompletionList>(logger, 'Completion', token, { isIncomplete: false, items: [] }, async () => {
      const served = servedFor(params.textDocument.uri);
      if (!served) return { isIncomplete: false, items: [] };
      const scaffolds = scaffoldCompletions(served.document, served.mode.format);
      if (scaffolds) return scaffolds;
      return served.mode.doComplete(served.document, params.position);
    }),
  );

  connection.onHover((params, token) =>
    runSafe(logger, 'Hover', token, null, async () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.doHover(served.document, params.position) : null;
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(logger, 'Document symbols', token, [], () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.findDocumentSymbols(served.document) : [];
    }),
  );

  connection.onFoldingRanges((params, token) =>
    runSafe(logger, 'Folding ranges', token, [], () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.getFoldingRanges(served.document) : [];
    }),
  );

  connection.onSelectionRanges((params, token) =>
    runSafe(logger, 'Selection ranges', token, [], () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.getSelectionRanges(served.document, params.positions) : [];
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(logger, 'Formatting', token, [], async () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.formatDocument(served.document, undefined, params.options) : [];
    }),
  );

  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(logger, 'Range formatting', token, [], async () => {
      const served = servedFor(params.textDocument.uri);
      return served ? served.mode.formatDocument(served.document, params.range, params.options) : [];
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe<CodeAction[]>(logger, 'Code actions', token, [], () => {
      const served = servedFor(params.textDocument.uri);
      if (!served) return [];
      const diagnostics = params.context.diagnostics as Diagnostic[];
      if (diagnostics.length === 0) return [];
      // VS Code asks on every cursor move; the tree of this version is cached, never parsed again per request.
      const parsed = registry.parsed(served.document, served.mode.format);
      return quickFixCodeActions(served.document, served.mode.format, diagnostics, parsed);
    }),
  );

  connection.onRequest(IsConnectionFileRequest, (params: IsConnectionFileParams): IsConnectionFileResult => {
    try {
      const document = documents.get(params.uri);
      return { isConnectionFile: document !== undefined && registry.serve(document) !== undefined };
    } catch (error) {
      logger.error(`Classifying ${params.uri} failed: ${describeError(error)}`);
      return { isConnectionFile: false };
    }
  });

  connection.onRequest(ValidateDocumentRequest, async (params: ValidateDocumentParams): Promise<ValidateDocumentResult> => {
    const document = documents.get(params.uri);
    const served = document ? registry.serve(document) : undefined;
    if (!document || !served) return { served: false, diagnostics: [] };
    try {
      const diagnostics = await validateDocument(document, served.mode, registry.parsed(document, served.mode.format));
      return { served: true, version: document.version, diagnostics };
    } catch (error) {
      logger.error(`Validating ${params.uri} on request failed: ${describeError(error)}`);
      return { served: true, version: document.version, diagnostics: [] };
    }
  });

  documents.listen(connection);
  connection.listen();
}

