/**
 * "Auth0: Create Connection on Tenant": the active connection file (unsaved edits included) becomes a connection
 * on the active tenant, through the headless core (`common/auth0/createConnection.ts`, the CLI's path too). This
 * file decides only what the editor adds: refusing documents that do not parse or have errors, the confirmations,
 * the progress notification, and how each outcome is shown (message, one set of actions, a diagnostic for a 400).
 * The document is only read, never modified.
 */
import * as vscode from 'vscode';
import { readAccessToken } from '../../../common/auth0/credentials';
import { createConnection } from '../../../common/auth0/createConnection';
import type { CreateConnectionOutcome, OutcomeAction, OutcomeKind } from '../../../common/auth0/outcomes';
import { connectionFileFormat } from '../../../common/connectionFiles';
import { formatFromPath } from '../../../common/fileMatching';
import { Commands } from '../../../common/protocol';
import { checkBeforeSending, parseBody, type DocumentFormat, type SendCheck } from '../../../engine/index';
import { SERIOUS_TOKEN_PROBLEMS } from './addTenantFlow';
import { API_DIAGNOSTIC_SOURCE, type ApiDiagnostics } from './apiDiagnostics';
import type { Auth0Log } from './log';
import type { Auth0Settings } from './settings';
import type { TenantCommands } from './tenantCommands';
import type { TenantStore } from './tenantStore';
import { checkTypedConfirmation, confirmationText, connectionDashboardUrl, typedConfirmationPrompt, type CreateSummary } from './text';
import { errorMessage } from '../../../common/errors';

export interface CreateArgs {
  /** The document to send (default: the active editor's); an open document's unsaved text is what is sent. */
  uri?: string | vscode.Uri;
  /** Skips the modal confirmation on a non-production tenant (tests, other extensions). */
  skipConfirmation?: boolean;
  /** For a production tenant: the text that would be typed in the confirmation box (checked the same way). */
  confirmText?: string;
}

/** What the command resolves to (for tests and callers); `refused` means the editor stopped before calling Auth0. */
export interface CreateResult {
  outcome: OutcomeKind | 'refused';
  /** The text shown to the user. */
  message: string;
  /** `refused`: why (`no-document`, `not-connection-file`, `syntax`, `errors`, `body`, `no-tenant`, `no-credentials`, `endpoints`, `declined`, `busy`). */
  reason?: string;
  id?: string;
  status?: number;
  attempts?: number;
  diagnostic?: { message: string; line: number; character: number; propertyPath?: string };
}

type IsConnectionFile = (document: vscode.TextDocument) => Promise<boolean> | boolean;

const ACTION_LABELS: Record<OutcomeAction, string> = {
  'copy-id': 'Copy ID',
  'open-dashboard': 'Open in Auth0 Dashboard',
  'show-response': 'Show Response',
  'show-problem': 'Show Problem',
  'replace-token': 'Replace Token',
  'edit-credentials': 'Update Credentials',
  'check-existing': 'Open Auth0 Dashboard',
  retry: 'Try Again',
};

export class CreateConnectionCommand {
  readonly #store: TenantStore;
  readonly #tenants: TenantCommands;
  readonly #settings: Auth0Settings;
  readonly #diagnostics: ApiDiagnostics;
  readonly #log: Auth0Log;
  readonly #isConnectionFile: IsConnectionFile;
  readonly #diagnosticsNow: (document: vscode.TextDocument) => Promise<vscode.Diagnostic[] | undefined>;
  /** Documents being sent right now: a second run on the same document is refused instead of racing the first. */
  readonly #inFlight = new Set<string>();

  constructor(deps: {
    store: TenantStore;
    tenants: TenantCommands;
    settings: Auth0Settings;
    diagnostics: ApiDiagnostics;
    log: Auth0Log;
    isConnectionFile: IsConnectionFile;
    diagnosticsNow: (document: vscode.TextDocument) => Promise<vscode.Diagnostic[] | undefined>;
  }) {
    this.#store = deps.store;
    this.#tenants = deps.tenants;
    this.#settings = deps.settings;
    this.#diagnostics = deps.diagnostics;
    this.#log = deps.log;
    this.#isConnectionFile = deps.isConnectionFile;
    this.#diagnosticsNow = deps.diagnosticsNow;
  }

  async run(args?: CreateArgs): Promise<CreateResult> {
    const options: CreateArgs = args !== null && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {};
    // Menus pass the resource URI as the first argument.
    const uriArg = args instanceof vscode.Uri ? args : options.uri;
    const document = await this.#document(uriArg);
    if (!document) {
      return this.#refuse('no-document', 'Open a connection file (*.connection.json or *.connection.yaml) to create it on an Auth0 tenant.');
    }
    const key = document.uri.toString();
    if (this.#inFlight.has(key)) {
      return this.#refuse('busy', `${fileName(document)} is already being sent to Auth0; wait for that to finish.`);
    }
    this.#inFlight.add(key);
    try {
      return await this.#run(document, options);
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #run(document: vscode.TextDocument, options: CreateArgs): Promise<CreateResult> {
    const file = fileName(document);
    if (!(await this.#safeIsConnectionFile(document))) {
      return this.#refuse(
        'not-connection-file',
        `${file} is not an Auth0 connection file, so it was not sent. Name it *.connection.json or *.connection.yaml, ` +
          `point its $schema at connection.schema.json, or add it to the auth0Connections.files setting.`,
      );
    }
    // Snapshot: what is parsed is what is sent, whatever happens to the editor meanwhile.
    const text = document.getText();
    const version = document.version;
    const format = documentFormat(document);
    const prepared = await this.#checkBeforeSending(document, text, format);
    if (!prepared.ok) return prepared.refused;

    const tenant = this.#store.active();
    if (!tenant) {
      const message = `No Auth0 tenant is configured, so ${file} cannot be created anywhere yet. Add a tenant (its domain and credentials), then run the command again.`;
      this.#log.warn(message);
      // Not awaited: the command resolves now; choosing the action adds a tenant and then runs the create again.
      void vscode.window.showWarningMessage(message, 'Add Tenant...').then(async (choice) => {
        if (choice !== 'Add Tenant...') return;
        const added = await this.#tenants.addTenant();
        if (added?.ok) await this.#again(document, options);
      });
      return { outcome: 'refused', reason: 'no-tenant', message };
    }
    const resolved = this.#store.endpoints(tenant);
    if (!resolved.ok) {
      return this.#refuse('endpoints', `${resolved.message} Nothing was sent.`, 'Open Settings');
    }
    const endpoints = resolved.endpoints;

    const credentials = await this.#store.credentials(tenant.domain);
    if (!credentials) {
      const message = `No credentials are stored for ${tenant.domain} (they may have been deleted), so nothing was sent. Add the tenant again.`;
      this.#log.warn(message);
      void vscode.window.showErrorMessage(message, 'Add Tenant...').then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.addTenant);
      });
      return { outcome: 'refused', reason: 'no-credentials', message };
    }
    if (credentials.kind === 'access-token') {
      const problem = readAccessToken(credentials.token, { domain: tenant.domain }).problems.find((p) => SERIOUS_TOKEN_PROBLEMS.has(p.code));
      if (problem) {
        this.#log.warn(`Stored token of ${tenant.domain}: ${problem.message}`);
        const buttons = problem.code === 'expired' ? ['Replace Token'] : ['Replace Token', 'Send Anyway'];
        const choice = await vscode.window.showWarningMessage(
          `The stored access token for ${tenant.domain} will probably be refused.`,
          { modal: true, detail: problem.message },
          ...buttons,
        );
        if (choice === 'Replace Token') {
          if (!(await this.#tenants.replaceToken(tenant.domain))) {
            return { outcome: 'refused', reason: 'declined', message: 'Token not replaced; nothing was sent.' };
          }
          // The token source below is rebuilt from the replaced token.
        } else if (choice !== 'Send Anyway') {
          return { outcome: 'refused', reason: 'declined', message: 'Nothing was sent.' };
        }
      }
    }

    const summary: CreateSummary = {
      name: prepared.name,
      strategy: prepared.strategy,
      domain: tenant.domain,
      production: tenant.production,
      overrideBase: endpoints.overridden ? endpoints.apiBaseUrl : undefined,
    };
    if (!(await this.#confirm(summary, options))) {
      this.#log.info(`Create of ${file} on ${tenant.domain} not confirmed; nothing was sent.`);
      return { outcome: 'refused', reason: 'declined', message: 'Nothing was sent.' };
    }

    const source = await this.#store.tokenSource(tenant, this.#settings.timeoutMs());
    if (!source) {
      return this.#refuse('no-credentials', `No usable credentials are stored for ${tenant.domain}, so nothing was sent. Add the tenant again.`);
    }
    this.#diagnostics.clear(document.uri);
    const label = prepared.name ?? file;
    this.#log.info(
      `Create ${label} (${prepared.strategy ?? 'no strategy'}) from ${document.uri.toString(true)} on ${tenant.domain}: ` +
        `POST ${endpoints.apiBaseUrl}/connections with a ${source.kind === 'client-credentials' ? `token for application ${source.clientId ?? ''}` : 'pasted token'}` +
        `${endpoints.overridden ? ` (token endpoint ${endpoints.tokenBaseUrl})` : ''}, timeout ${Math.round(this.#settings.timeoutMs() / 1000)} s.`,
    );
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Auth0', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => {
          this.#log.info('Cancel requested.');
          controller.abort();
        });
        const loggedWaits = new Set<number>();
        try {
          return await createConnection({
            tenant: this.#store.config(tenant),
            credentials: source,
            body: prepared.body,
            timeoutMs: this.#settings.timeoutMs(),
            signal: controller.signal,
            onProgress: (step) => {
              progress.report({ message: step.message });
              // One log line per rate-limit wait, not one per second of the countdown.
              if (step.stage !== 'rate-limited') this.#log.info(step.message);
              else if (!loggedWaits.has(step.retry)) {
                loggedWaits.add(step.retry);
                this.#log.warn(step.message);
              }
            },
          });
        } finally {
          subscription.dispose();
        }
      },
    );
    this.#log[outcome.severity === 'info' ? 'info' : outcome.severity === 'warning' ? 'warn' : 'error'](
      `Outcome ${outcome.kind}${outcome.status !== undefined ? ` (HTTP ${outcome.status})` : ''} after ${outcome.attempts} request(s): ${outcome.userMessage}`,
    );
    return this.#present(outcome, document, version, format, summary, options);
  }

  /**
   * The shared pre-check (engine/sendCheck.ts) on this very text and its diagnostics, asked of the server now: the
   * published diagnostics may lag an edit by the debounce. Auth0's own 400 diagnostics describe an earlier send and
   * do not count.
   */
  async #checkBeforeSending(
    document: vscode.TextDocument,
    text: string,
    format: DocumentFormat,
  ): Promise<Extract<SendCheck, { ok: true }> | { ok: false; refused: CreateResult }> {
    const file = fileName(document);
    const parsed = parseBody(text, format);
    const current = parsed.syntaxProblems.length > 0 ? [] : await this.#diagnosticsNow(document).catch(() => undefined);
    const errors = (current ?? vscode.languages.getDiagnostics(document.uri)).filter(
      (d) => d.severity === vscode.DiagnosticSeverity.Error && d.source !== API_DIAGNOSTIC_SOURCE,
    );
    const check = checkBeforeSending(parsed, errors);
    if (check.ok) return check;
    switch (check.reason) {
      case 'syntax': {
        const where = check.problem ? ` (line ${document.positionAt(check.problem.offset).line + 1}: ${check.problem.message})` : '';
        const message = `${file} is not valid ${format === 'json' ? 'JSON' : 'YAML'}${where}, so it was not sent to Auth0. Fix it and try again.`;
        return { ok: false, refused: this.#refuse('syntax', message, 'Show Problems') };
      }
      case 'errors': {
        const [first] = check.errors;
        const count = check.errors.length;
        const message =
          `${file} has ${count === 1 ? 'an error' : `${count} errors`} (line ${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? ''}), ` +
          `so it was not sent: Auth0 would reject it or create something other than the file says. Fix ${count === 1 ? 'it' : 'them'} and try again.`;
        return { ok: false, refused: this.#refuse('errors', message, 'Show Problems') };
      }
      case 'body':
        return { ok: false, refused: this.#refuse('body', `${check.message} ${file} was not sent.`) };
    }
  }

  async #confirm(summary: CreateSummary, options: CreateArgs): Promise<boolean> {
    if (summary.production) {
      if (typeof options.confirmText === 'string') {
        return checkTypedConfirmation(options.confirmText, summary) === undefined;
      }
      const prompt = typedConfirmationPrompt(summary);
      this.#log.info(`${summary.domain} is marked production: asking for its domain to be typed before sending.`);
      const typed = await vscode.window.showInputBox({
        title: prompt.title,
        prompt: prompt.prompt,
        placeHolder: prompt.placeholder,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() === '' ? undefined : checkTypedConfirmation(text, summary)),
      });
      return typed !== undefined && checkTypedConfirmation(typed, summary) === undefined;
    }
    if (options.skipConfirmation === true || !this.#settings.confirm()) {
      return true;
    }
    const text = confirmationText(summary);
    const choice = await vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, text.button);
    return choice === text.button;
  }

  #present(
    outcome: CreateConnectionOutcome,
    document: vscode.TextDocument,
    sentVersion: number,
    format: DocumentFormat,
    summary: CreateSummary,
    options: CreateArgs,
  ): CreateResult {
    const result: CreateResult = { outcome: outcome.kind, message: outcome.userMessage, attempts: outcome.attempts };
    if (outcome.status !== undefined) result.status = outcome.status;
    const actions = new Map<string, () => unknown>();
    const add = (action: OutcomeAction, run: () => unknown) => actions.set(ACTION_LABELS[action], run);

    switch (outcome.kind) {
      case 'created': {
        result.id = outcome.id;
        const url = connectionDashboardUrl(outcome.tenant, outcome.id, outcome.strategy);
        add('copy-id', async () => {
          await vscode.env.clipboard.writeText(outcome.id);
          void vscode.window.setStatusBarMessage(`Copied ${outcome.id}`, 3000);
        });
        add('open-dashboard', () => vscode.env.openExternal(vscode.Uri.parse(url)));
        add('show-response', async () => {
          const response = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(outcome.connection, null, 2)}\n` });
          await vscode.window.showTextDocument(response, { preview: false });
        });
        break;
      }
      case 'rejected': {
        if (outcome.path && outcome.path.length > 0) {
          if (document.version === sentVersion && !document.isClosed) {
            const diagnostic = this.#diagnostics.set(document, format, outcome.path, `Auth0 rejected this: ${outcome.message}`);
            result.diagnostic = {
              message: diagnostic.message,
              line: diagnostic.range.start.line,
              character: diagnostic.range.start.character,
              ...(outcome.propertyPath ? { propertyPath: outcome.propertyPath } : {}),
            };
            add('show-problem', async () => {
              const editor = await vscode.window.showTextDocument(document, { preview: false });
              editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.end);
              editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
            });
          } else {
            this.#log.info('The document changed while the request was in flight; no diagnostic was placed.');
          }
        }
        break;
      }
      case 'unauthorized':
      case 'forbidden':
        if (outcome.actions.includes('replace-token')) {
          add('replace-token', async () => {
            if (await this.#tenants.replaceToken(outcome.tenant)) await this.#again(document, options);
          });
        } else if (outcome.actions.includes('edit-credentials')) {
          add('edit-credentials', async () => {
            if (await this.#tenants.editClientCredentials(outcome.tenant)) await this.#again(document, options);
          });
        }
        break;
      case 'uncertain':
        add('check-existing', () => vscode.env.openExternal(vscode.Uri.parse(outcome.dashboardUrl ?? connectionDashboardUrl(outcome.tenant, undefined, summary.strategy))));
        break;
      case 'rate-limited':
      case 'not-sent':
        if (outcome.actions.includes('retry')) add('retry', () => this.#again(document, options));
        break;
      case 'cancelled':
      case 'conflict':
      case 'unexpected':
        break;
    }
    if (actions.size === 0 && outcome.severity !== 'info') {
      actions.set('Show Output', () => vscode.commands.executeCommand(Commands.showOutput));
    }
    const labels = [...actions.keys()];
    const shown =
      outcome.severity === 'info'
        ? vscode.window.showInformationMessage(outcome.userMessage, ...labels)
        : outcome.severity === 'warning'
          ? vscode.window.showWarningMessage(outcome.userMessage, ...labels)
          : vscode.window.showErrorMessage(outcome.userMessage, ...labels);
    // Not awaited: the command's result must not wait for the user to click (or dismiss) the notification.
    void shown.then(async (choice) => {
      const run = choice === undefined ? undefined : actions.get(choice);
      try {
        await run?.();
      } catch (error) {
        this.#log.error(`Action "${choice ?? ''}" failed: ${errorMessage(error)}`);
      }
    });
    return result;
  }

  /** Runs the command again on the same document (after credentials were replaced, or "Try Again"). */
  async #again(document: vscode.TextDocument, options: CreateArgs): Promise<void> {
    const { skipConfirmation: _skip, confirmText: _typed, ...rest } = options;
    await vscode.commands.executeCommand(Commands.createConnection, { ...rest, uri: document.uri.toString() });
  }

  #refuse(reason: string, message: string, action?: 'Show Problems' | 'Open Settings'): CreateResult {
    this.#log.warn(message);
    const buttons = action ? [action] : [];
    void vscode.window.showErrorMessage(message, ...buttons).then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'auth0Connections');
    });
    return { outcome: 'refused', reason, message };
  }

  async #document(uri: string | vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri === undefined) return vscode.window.activeTextEditor?.document;
    const parsed = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    // An open document (with its unsaved edits) is preferred; openTextDocument returns it when it is open.
    try {
      return vscode.workspace.textDocuments.find((d) => d.uri.toString() === parsed.toString()) ?? (await vscode.workspace.openTextDocument(parsed));
    } catch {
      return undefined;
    }
  }

  async #safeIsConnectionFile(document: vscode.TextDocument): Promise<boolean> {
    // The default file names are always served, whatever the settings; no need to ask a server that may be starting.
    if (connectionFileFormat(document.uri.path) !== undefined) return true;
    try {
      return await this.#isConnectionFile(document);
    } catch (error) {
      this.#log.warn(`Could not ask whether ${fileName(document)} is a connection file: ${errorMessage(error)}`);
      return false;
    }
  }
}

function fileName(document: vscode.TextDocument): string {
  return document.isUntitled ? document.uri.path : (document.uri.path.split('/').pop() ?? document.uri.path);
}

function documentFormat(document: vscode.TextDocument): DocumentFormat {
  if (document.languageId === 'yaml') return 'yaml';
  if (document.languageId === 'json' || document.languageId === 'jsonc') return 'json';
  return formatFromPath(document.uri.path) ?? 'json';
}
