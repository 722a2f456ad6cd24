/**
 * "Auth0: Create Connection on Tenant": the active connection file (unsaved edits included) becomes a connection
 * on the active tenant, through the headless core (`createWithEnabledClients` in common/auth0/applyConnection.ts,
 * the CLI's path too): the POST, then the applications the file lists in `enabled_clients` are enabled. This file
 * orchestrates what the editor adds: the document check (connectionDocument.ts), the tenant and its credentials
 * (tenantSession.ts), the confirmations (confirm.ts), the progress notification (apiProgress.ts), and how each
 * outcome is shown (createOutcomeView.ts, applyOutcomeView.ts). The document is only read, never modified.
 */
import * as vscode from 'vscode';
import { createWithEnabledClients, type ApplyOutcome } from '../../../common/auth0/applyConnection';
import { enabledClientEntries } from '../../../common/auth0/applicationNames';
import { Commands } from '../../../common/protocol';
import { withApiProgress } from './apiProgress';
import { presentApiFailure, type AppliedDocument } from './applyOutcomeView';
import { modalConfirmation, typedConfirmation, type SendArgs } from './confirm';
import { checkedDocument, documentFor, fileName, type CheckedDocument } from './connectionDocument';
import { presentCreateOutcome, type CreateResult } from './createOutcomeView';
import type { Auth0Log } from './log';
import { isRefusal, openLifecycle, openTenantSession, refusal, rememberPlaceholderValues, refusedResult, showRefusal, type Refusal, type TenantSession, type WriteCommandDeps } from './tenantSession';
import { confirmationText, typedConfirmationPrompt, type CreateSummary } from './text';

export type { CreateResult } from './createOutcomeView';

export type CreateArgs = SendArgs;

export type CreateCommandDeps = WriteCommandDeps;

const refused = (refusal: Refusal): CreateResult => refusedResult(refusal);

export class CreateConnectionCommand {
  readonly #deps: CreateCommandDeps;

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
    return this.#deps.sending.run(
      document,
      () => refused(showRefusal(this.#log, refusal('busy', `${fileName(document)} is already being sent to Auth0; wait for that to finish.`))),
      () => this.#run(document, options),
    );
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
    if (outcome.kind !== 'refused') this.#deps.onDidWrite();
    const sent: AppliedDocument = {
      document,
      version: checked.version,
      format: checked.format,
      strategy: summary.strategy,
      tenant: summary.domain,
      again,
      compare: async () => {
        await vscode.commands.executeCommand(Commands.compareWithTenant, { uri: document.uri.toString() });
      },
    };
    return presentCreated(outcome, sent, this.#deps, enabledClientEntries(checked.body.body) !== undefined);
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

  async #send(checked: CheckedDocument, session: TenantSession): Promise<ApplyOutcome | Refusal> {
    const { settings, diagnostics } = this.#deps;
    const { tenant, endpoints } = session;
    diagnostics.clear(checked.document.uri);
    const { body } = checked;
    const outcome = await withApiProgress(this.#log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      if (isRefusal(lifecycle)) return lifecycle;
      const source = lifecycle.api.source;
      this.#log.info(
        `Create ${body.name ?? fileName(checked.document)} (${body.strategy ?? 'no strategy'}) from ${checked.document.uri.toString(true)} on ${tenant.domain}: ` +
          `POST ${endpoints.apiBaseUrl}/connections with a ${source.kind === 'client-credentials' ? `token for application ${source.clientId ?? ''}` : 'pasted token'}` +
          `${endpoints.overridden ? ` (token endpoint ${endpoints.tokenBaseUrl})` : ''}, timeout ${Math.round(settings.timeoutMs() / 1000)} s.`,
      );
      rememberPlaceholderValues(this.#log, body.body, lifecycle.env);
      return createWithEnabledClients(lifecycle, body.body);
    });
    if (isRefusal(outcome)) return outcome;
    const create = outcome.kind === 'created' || outcome.kind === 'failed' ? outcome.create : undefined;
    const how = create ? `${create.kind}${create.status !== undefined ? ` (HTTP ${create.status})` : ''} after ${create.attempts} request(s)` : outcome.kind;
    this.#log[outcome.kind === 'created' ? 'info' : 'error'](`Outcome ${how}: ${outcome.userMessage}`);
    return outcome;
  }

  async #confirm(summary: CreateSummary, options: CreateArgs): Promise<boolean> {
    if (summary.production) return typedConfirmation(this.#log, summary, typedConfirmationPrompt(summary), options.confirmText);
    if (options.skipConfirmation === true || !this.#deps.settings.confirm()) return true;
    const text = confirmationText(summary);
    return (await modalConfirmation(text)) === text.button;
  }

  /** Runs the command again on the same document (after credentials were replaced, or "Try Again"). */
  async #again(document: vscode.TextDocument, options: CreateArgs): Promise<void> {
    const { skipConfirmation: _skip, confirmText: _typed, ...rest } = options;
    await vscode.commands.executeCommand(Commands.createConnection, { ...rest, uri: document.uri.toString() });
  }
}

/**
 * What a create ended in, shown. The POST's own outcome is shown as before (createOutcomeView.ts); a file listing
 * `enabled_clients` gets the core's message, which names the applications enabled. A failure to read or enable
 * the applications is shown with its actions (applyOutcomeView.ts).
 */
function presentCreated(outcome: ApplyOutcome, sent: AppliedDocument, deps: CreateCommandDeps, listsApplications: boolean): CreateResult {
  switch (outcome.kind) {
    case 'created': {
      const result = presentCreateOutcome(outcome.create, sent, deps, listsApplications ? outcome.userMessage : outcome.create.userMessage);
      return listsApplications ? { ...result, enabledFor: outcome.enabledFor } : result;
    }
    case 'failed': {
      // The POST failed: shown as any create's outcome.
      if (outcome.failure === undefined && outcome.create !== undefined) return presentCreateOutcome(outcome.create, sent, deps);
      const failure = outcome.failure;
      if (failure === undefined) return unexpected(outcome.userMessage);
      presentApiFailure(failure, { again: sent.again, sent }, deps, {}, outcome.userMessage);
      // Reading the applications failed before the POST, or enabling them failed after it.
      const created = outcome.create?.kind === 'created' ? outcome.create : undefined;
      if (created === undefined) return { outcome: failure.kind, message: outcome.userMessage };
      return { outcome: 'created', id: created.id, message: outcome.userMessage, enabledClientsFailure: failure.kind };
    }
    case 'refused':
      showRefusal(deps.log, refusal('body', outcome.userMessage));
      return { outcome: 'refused', reason: outcome.reason, message: outcome.userMessage };
    case 'updated':
    case 'unchanged':
      // A create's plan has no live connection, so it neither updates nor finds one unchanged.
      return unexpected(outcome.userMessage);
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function unexpected(message: string): CreateResult {
  void vscode.window.showErrorMessage(message);
  return { outcome: 'unexpected', message };
}
