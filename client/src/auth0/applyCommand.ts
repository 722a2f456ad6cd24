/**
 * "Auth0: Apply to Tenant": the connection file (unsaved edits included) made true on the active tenant, through the
 * core (`planWithTenant`, then `executePlan`): created when its name is new, else updated, then its enabled
 * applications made exact. The plan is read first and shown in the confirmation (what changes, the options an
 * update deletes since it replaces options whole, the secrets kept from the tenant); a production tenant also asks
 * for its domain to be typed, as create does. Placeholders take their values from the extension host's
 * environment (tenantSession.ts `placeholderValues`). The document is only read, never modified.
 *
 * Like compare, it acts on a connection file or on the item under the cursor of an auth0-deploy-cli file
 * (deployCliItem.ts: keywords replaced, scripts read; a 400 lands on the item's property).
 */
import * as vscode from 'vscode';
import { executePlan, planWithTenant, type TenantPlan } from '../../../common/auth0/applyConnection';
import { Commands } from '../../../common/protocol';
import { withApiProgress } from './apiProgress';
import { presentApiFailure, presentApplyOutcome, type AppliedDocument, type ApplyResult } from './applyOutcomeView';
import { modalConfirmation, typedConfirmation, type SendArgs } from './confirm';
import { documentFor, fileName, type CheckedDocument } from './connectionDocument';
import { checkedConnection, positionOf } from './deployCliItem';
import { showWithActions } from './createOutcomeView';
import { applyConfirmationText, applyTypedPrompt, summarizePlan, type PlanSummary } from './lifecycleText';
import type { Auth0Log } from './log';
import { isRefusal, openLifecycle, openTenantSession, refusal, rememberPlaceholderValues, refusedResult, showRefusal, type Refusal, type TenantSession, type WriteCommandDeps } from './tenantSession';

export type { ApplyResult } from './applyOutcomeView';

export type ApplyArgs = SendArgs;

export type ApplyCommandDeps = WriteCommandDeps;

const refused = (refusal: Refusal): ApplyResult => refusedResult(refusal);

export class ApplyCommand {
  readonly #deps: ApplyCommandDeps;

  constructor(deps: ApplyCommandDeps) {
    this.#deps = deps;
  }

  get #log(): Auth0Log {
    return this.#deps.log;
  }

  async run(args?: ApplyArgs | vscode.Uri): Promise<ApplyResult> {
    const options: ApplyArgs = args !== null && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {};
    const document = await documentFor(args instanceof vscode.Uri ? args : options.uri);
    if (!document) return refused(showRefusal(this.#log, refusal('no-document', 'Open a connection file to apply it to the Auth0 tenant.')));
    return this.#deps.sending.run(
      document,
      () => refused(showRefusal(this.#log, refusal('busy', `${fileName(document)} is already being sent to Auth0; wait for that to finish.`))),
      async () => {
        const checked = await checkedConnection(this.#deps, document, positionOf(options.position));
        if (isRefusal(checked)) return refused(checked);
        const again = () => this.#again(document, { ...options, ...(checked.position ? { position: checked.position } : {}) });
        const session = await openTenantSession(this.#deps, `${checked.what ?? fileName(document)} cannot be applied anywhere yet`, again);
        return isRefusal(session) ? refused(session) : this.applyDocument(checked, session, options);
      },
    );
  }

  /** Plans, confirms, sends and shows the outcome. */
  async applyDocument(checked: CheckedDocument, session: TenantSession, options: ApplyArgs): Promise<ApplyResult> {
    const domain = session.tenant.domain;
    const plan = await withApiProgress(this.#log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      if (isRefusal(lifecycle)) return lifecycle;
      rememberPlaceholderValues(this.#log, checked.body.body, lifecycle.env);
      return planWithTenant(lifecycle, checked.body.body);
    });
    if (isRefusal(plan)) return refused(plan);
    const sent = this.#sent(checked, session, options);
    const result: ApplyResult = { outcome: 'refused', message: '' };
    switch (plan.kind) {
      case 'failed':
        presentApiFailure(plan.failure, { again: sent.again, sent }, this.#deps, result);
        return { ...result, outcome: 'failed', step: 'read', message: plan.failure.userMessage };
      case 'refused':
        showRefusal(this.#log, refusal('body', plan.userMessage));
        return { outcome: 'refused', reason: plan.reason, message: plan.userMessage };
      case 'unchanged': {
        const message = `${plan.name} on ${domain} already matches ${checked.what ?? fileName(checked.document)}; nothing was sent.`;
        showWithActions('info', message, new Map(), this.#log);
        return { outcome: 'unchanged', message };
      }
      case 'create':
      case 'update':
        return this.#confirmAndSend(plan, summarizePlan(plan, domain), sent, session, options);
      default: {
        const never: never = plan;
        return never;
      }
    }
  }

  async #confirmAndSend(plan: TenantPlan, summary: PlanSummary, sent: AppliedDocument, session: TenantSession, options: ApplyArgs): Promise<ApplyResult> {
    const planned = { plan: summary.action, changes: summary.changes.map((c) => c.path), removedOptions: summary.removedOptions };
    if (!(await this.#confirm(summary, session, options))) {
      this.#log.info(`Apply of ${fileName(sent.document)} to ${summary.domain} not confirmed; nothing was sent.`);
      return { outcome: 'refused', reason: 'declined', message: 'Nothing was sent.', ...planned };
    }
    this.#deps.diagnostics.clear(sent.document.uri);
    this.#log.info(`Apply ${fileName(sent.document)} to ${summary.domain}: ${summary.action} ${summary.name} (${summary.changes.length} change(s)).`);
    const outcome = await withApiProgress(this.#log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      return isRefusal(lifecycle) ? lifecycle : executePlan(lifecycle, plan);
    });
    if (isRefusal(outcome)) return refused(outcome);
    this.#log[outcome.kind === 'failed' || outcome.kind === 'refused' ? 'error' : 'info'](`Outcome ${outcome.kind}: ${outcome.userMessage}`);
    if (outcome.kind !== 'refused') this.#deps.onDidWrite();
    return presentApplyOutcome(outcome, sent, this.#deps, { outcome: outcome.kind, message: outcome.userMessage, ...planned });
  }

  async #confirm(summary: PlanSummary, { tenant }: TenantSession, options: ApplyArgs): Promise<boolean> {
    const typedSummary = { name: summary.name, strategy: summary.strategy, domain: summary.domain, production: tenant.production };
    if (tenant.production) {
      // The plan first (unless a caller types the domain for the user), then the domain typed.
      if (typeof options.confirmText !== 'string') {
        const text = applyConfirmationText(summary, true);
        if ((await modalConfirmation(text)) !== text.button) return false;
      }
      return typedConfirmation(this.#log, typedSummary, applyTypedPrompt(summary), options.confirmText);
    }
    if (options.skipConfirmation === true) return true;
    const text = applyConfirmationText(summary, false);
    return (await modalConfirmation(text)) === text.button;
  }

  #sent(checked: CheckedDocument, session: TenantSession, given: ApplyArgs): AppliedDocument {
    const { document } = checked;
    const options = { ...given, ...(checked.position ? { position: checked.position } : {}) };
    return {
      document,
      version: checked.version,
      format: checked.format,
      ...(checked.pathPrefix ? { pathPrefix: checked.pathPrefix } : {}),
      strategy: checked.body.strategy,
      tenant: session.tenant.domain,
      again: () => this.#again(document, options),
      compare: async () => {
        await vscode.commands.executeCommand(Commands.compareWithTenant, { uri: document.uri.toString(), position: options.position });
      },
    };
  }

  /** Runs the command again on the same document (after credentials were replaced, or "Try Again"). */
  async #again(document: vscode.TextDocument, options: ApplyArgs): Promise<void> {
    const { skipConfirmation: _skip, confirmText: _typed, ...rest } = options;
    await vscode.commands.executeCommand(Commands.applyToTenant, { ...rest, uri: document.uri.toString() });
  }
}
