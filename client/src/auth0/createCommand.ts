/**
 * "Auth0: Create Connection on Tenant": the active connection file (unsaved edits included) becomes a connection
 * on the active tenant, through the headless core (`common/auth0/createConnection.ts`, the CLI's path too). This
 * file orchestrates what the editor adds: the document check (connectionDocument.ts), the tenant and its
 * credentials (tenantSession.ts), the confirmations, the progress notification (apiProgress.ts), and how each
 * outcome is shown (createOutcomeView.ts). The document is only read, never modified.
 */
import * as vscode from 'vscode';
import { createConnection } from '../../../common/auth0/createConnection';
import { Commands } from '../../../common/protocol';
import { withApiProgress } from './apiProgress';
import type { ApiDiagnostics } from './apiDiagnostics';
import { checkedDocument, documentFor, fileName, type CheckedDocument, type ConnectionDocumentDeps } from './connectionDocument';
import { presentCreateOutcome, type CreateResult } from './createOutcomeView';
import type { Auth0Log } from './log';
import type { Auth0Settings } from './settings';
import type { TenantCommands } from './tenantCommands';
import { isRefusal, openTenantSession, refusal, showRefusal, type Refusal, type TenantSession } from './tenantSession';
import type { TenantStore } from './tenantStore';
import { checkTypedConfirmation, confirmationText, typedConfirmationPrompt, type CreateSummary } from './text';

export type { CreateResult } from './createOutcomeView';

export interface CreateArgs {
  /** The document to send (default: the active editor's); an open document's unsaved text is what is sent. */
  uri?: string | vscode.Uri;
  /** Skips the modal confirmation on a non-production tenant (tests, other extensions). */
  skipConfirmation?: boolean;
  /** For a production tenant: the text that would be typed in the confirmation box (checked the same way). */
  confirmText?: string;
}

export interface CreateCommandDeps extends ConnectionDocumentDeps {
  store: TenantStore;
  tenants: TenantCommands;
  settings: Auth0Settings;
  diagnostics: ApiDiagnostics;
}

function refused(refusal: Refusal): CreateResult {
  return { outcome: 'refused', reason: refusal.reason, message: refusal.message };
}

export class CreateConnectionCommand {
  readonly #deps: CreateCommandDeps;
  /** Documents being sent right now: a second run on the same document is refused instead of racing the first. */
  readonly #inFlight = new Set<string>();

  constructor(deps: CreateCommandDeps) {
    this.#deps = deps;
  }

  get #log(): Auth0Log {
    return this.#deps.log;
  }

  async run(args?: CreateArgs): Promise<CreateResult> {
    const options: CreateArgs = args !== null && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {};
    // Menus pass the resource URI as the first argument.
    const document = await documentFor(args instanceof vscode.Uri ? args : options.uri);
    if (!document) {
      return refused(
        showRefusal(this.#log, refusal('no-document', 'Open a connection file (*.connection.json or *.connection.yaml) to create it on an Auth0 tenant.')),
      );
    }
    const key = document.uri.toString();
    if (this.#inFlight.has(key)) {
      return refused(showRefusal(this.#log, refusal('busy', `${fileName(document)} is already being sent to Auth0; wait for that to finish.`)));
    }
    this.#inFlight.add(key);
    try {
      return await this.#run(document, options);
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #run(document: vscode.TextDocument, options: CreateArgs): Promise<CreateResult> {
    const checked = await checkedDocument(this.#deps, document);
    if (isRefusal(checked)) return refused(checked);
    const again = () => this.#again(document, options);
    const session = await openTenantSession(this.#deps, `${fileName(document)} cannot be created anywhere yet`, again);
    if (isRefusal(session)) return refused(session);
    const summary = this.#summary(checked, session);
    if (!(await this.#confirm(summary, options))) {
      this.#log.info(`Create of ${fileName(document)} on ${summary.domain} not confirmed; nothing was sent.`);
      return { outcome: 'refused', reason: 'declined', message: 'Nothing was sent.' };
    }
    const outcome = await this.#send(checked, session);
    if (isRefusal(outcome)) return refused(outcome);
    return presentCreateOutcome(
      outcome,
      { document, version: checked.version, format: checked.format, strategy: summary.strategy, again },
      this.#deps,
    );
  }

  #summary(checked: CheckedDocument, { tenant, endpoints }: TenantSession): CreateSummary {
    return {
      name: checked.body.name,
      strategy: checked.body.strategy,
      domain: tenant.domain,
      production: tenant.production,
      overrideBase: endpoints.overridden ? endpoints.apiBaseUrl : undefined,
    };
  }

  async #send(checked: CheckedDocument, { tenant, endpoints }: TenantSession) {
    const { store, settings, diagnostics } = this.#deps;
    const source = await store.tokenSource(tenant, settings.timeoutMs());
    if (!source) {
      return showRefusal(this.#log, refusal('no-credentials', `No usable credentials are stored for ${tenant.domain}, so nothing was sent. Add the tenant again.`));
    }
    diagnostics.clear(checked.document.uri);
    const { body } = checked;
    this.#log.info(
      `Create ${body.name ?? fileName(checked.document)} (${body.strategy ?? 'no strategy'}) from ${checked.document.uri.toString(true)} on ${tenant.domain}: ` +
        `POST ${endpoints.apiBaseUrl}/connections with a ${source.kind === 'client-credentials' ? `token for application ${source.clientId ?? ''}` : 'pasted token'}` +
        `${endpoints.overridden ? ` (token endpoint ${endpoints.tokenBaseUrl})` : ''}, timeout ${Math.round(settings.timeoutMs() / 1000)} s.`,
    );
    const outcome = await withApiProgress(this.#log, (signal, onProgress) =>
      createConnection({ tenant: store.config(tenant), credentials: source, body: body.body, timeoutMs: settings.timeoutMs(), signal, onProgress }),
    );
    this.#log[outcome.severity === 'info' ? 'info' : outcome.severity === 'warning' ? 'warn' : 'error'](
      `Outcome ${outcome.kind}${outcome.status !== undefined ? ` (HTTP ${outcome.status})` : ''} after ${outcome.attempts} request(s): ${outcome.userMessage}`,
    );
    return outcome;
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
    if (options.skipConfirmation === true || !this.#deps.settings.confirm()) {
      return true;
    }
    const text = confirmationText(summary);
    const choice = await vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, text.button);
    return choice === text.button;
  }

  /** Runs the command again on the same document (after credentials were replaced, or "Try Again"). */
  async #again(document: vscode.TextDocument, options: CreateArgs): Promise<void> {
    const { skipConfirmation: _skip, confirmText: _typed, ...rest } = options;
    await vscode.commands.executeCommand(Commands.createConnection, { ...rest, uri: document.uri.toString() });
  }
}
