/**
 * "Auth0: Compare with Tenant": VS Code's diff editor with the tenant's connection on the left and the file (as it is
 * in the editor, unsaved edits included) on the right, and a notification summing up what differs (secrets that
 * differ are named, never shown). The left side is the tenant's connection written like the file
 * (common/auth0/tenantSideFile.ts), so the diff's lines are the comparison's differences; a name the tenant does
 * not have is compared with an empty left side titled "will be created". Reads only; the document is never edited.
 *
 * It acts on a connection file, or on the connection item under the cursor of an auth0-deploy-cli file (read as
 * deploy-cli sends it, deployCliItem.ts): then the right side is that item written as a connection file, and
 * secrets are masked on both sides (they come from the keyword mappings, not from the text on screen).
 */
import * as vscode from 'vscode';
import type { ApiFailureKind } from '../../../common/auth0/apiResult';
import { compareTenantSide, type CompareResult } from '../../../common/auth0/applyConnection';
import { collectSecrets, redactor } from '../../../common/auth0/redact';
import { tenantSideText } from '../../../common/auth0/tenantSideFile';
import { Commands } from '../../../common/protocol';
import { parseBody, toPlainValue } from '../../../engine/index';
import { withApiProgress } from './apiProgress';
import { documentFor, fileName, type CheckedDocument, type ConnectionDocumentDeps } from './connectionDocument';
import { checkedConnection, positionOf } from './deployCliItem';
import type { ApiDiagnostics } from './apiDiagnostics';
import { presentApiFailure } from './applyOutcomeView';
import { showWithActions } from './createOutcomeView';
import { compareSummary, compareTitle } from './lifecycleText';
import type { LiveConnectionProvider } from './liveConnectionProvider';
import type { Auth0Settings } from './settings';
import type { TenantCommands } from './tenantCommands';
import { isRefusal, openLifecycle, openTenantSession, refusal, refusedResult, showRefusal, type Refusal, type RefusalReason, type TenantSession } from './tenantSession';
import type { TenantStore } from './tenantStore';

export interface CompareArgs {
  /** The document to compare (default: the active editor's). */
  uri?: string | vscode.Uri;
  /** In a deploy-cli file: a position inside the item to compare (default: the cursor of the editor showing it). */
  position?: { line: number; character: number };
}

/** What the command resolves to (for tests and callers). */
export interface CompareCommandResult {
  outcome: 'compared' | 'new' | 'refused' | ApiFailureKind;
  message: string;
  reason?: RefusalReason;
  differs?: boolean;
  /** Paths of the properties that differ. */
  changes?: string[];
  /** The diff editor's sides and title. */
  left?: string;
  right?: string;
  title?: string;
}

export interface CompareCommandDeps extends ConnectionDocumentDeps {
  store: TenantStore;
  tenants: TenantCommands;
  diagnostics: ApiDiagnostics;
  settings: Auth0Settings;
  live: LiveConnectionProvider;
}

export class CompareCommand {
  readonly #deps: CompareCommandDeps;

  constructor(deps: CompareCommandDeps) {
    this.#deps = deps;
  }

  async run(args?: CompareArgs | vscode.Uri): Promise<CompareCommandResult> {
    const options: CompareArgs = args instanceof vscode.Uri ? { uri: args } : args !== null && typeof args === 'object' ? args : {};
    const document = await documentFor(options.uri);
    if (!document) return refused(showRefusal(this.#deps.log, refusal('no-document', 'Open a connection file to compare it with the Auth0 tenant.')));
    const checked = await checkedConnection(this.#deps, document, positionOf(options.position), { errors: 'allow', verb: 'compared' });
    if (isRefusal(checked)) return refused(checked);
    const what = checked.what ?? fileName(document);
    if (checked.body.name === undefined) {
      return refused(showRefusal(this.#deps.log, refusal('body', `${what} has no "name", so there is no connection to compare it with.`)));
    }
    const again = async () => vscode.commands.executeCommand(Commands.compareWithTenant, { ...options, uri: document.uri.toString() });
    const session = await openTenantSession(this.#deps, `${what} cannot be compared with anything yet`, again);
    if (isRefusal(session)) return refused(session);
    return this.compareDocument(checked, session);
  }

  /** Reads the tenant's side of `checked`, opens the diff and says what differs. */
  async compareDocument(checked: CheckedDocument, session: TenantSession): Promise<CompareCommandResult> {
    const { log, live } = this.#deps;
    const domain = session.tenant.domain;
    const file = checked.what ?? fileName(checked.document);
    // A deploy-cli item's secrets come from the keyword mappings: masked on both sides (a secret that differs is
    // named by the summary), as hovers mask them.
    const shown = checked.rightSide ? redactor(collectSecrets(checked.body.body)) : (text: string) => text;
    const read = await withApiProgress(log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      if (isRefusal(lifecycle)) return lifecycle;
      const side = await lifecycle.tenantSide(checked.body.body);
      if (!side.ok) return { result: { kind: 'failed', name: checked.body.name ?? '', failure: side } as CompareResult, left: '' };
      const result = compareTenantSide(checked.body.body, side.value, lifecycle.env);
      const plain = toPlainValue(parseBody(checked.text, checked.format).root!) as Record<string, unknown>;
      const liveSide = side.value.live;
      const left = liveSide === undefined ? '' : shown(tenantSideText({ file: plain, ...side.value, live: liveSide, env: lifecycle.env }, checked.format, checked.text));
      return { result, left };
    });
    if (isRefusal(read)) return refused(read);
    const { result, left } = read;
    const summary = compareSummary(result, domain, file);
    if (checked.errorCount > 0) summary.message += ` ${file} has ${checked.errorCount === 1 ? 'an error' : `${checked.errorCount} errors`}: Apply refuses it until fixed.`;
    log[summary.severity === 'error' ? 'error' : 'info'](`Compare ${file} with ${domain}: ${summary.message}`);
    if (result.kind === 'failed') {
      // Shown as every lifecycle failure is: its own actions (Replace Token, Update Credentials, Try Again...).
      presentApiFailure(result.failure, { again: async () => void (await this.compareDocument(checked, session)) }, this.#deps, {}, summary.message);
      return { outcome: result.failure.kind, message: summary.message };
    }
    const leftUri = live.showSnapshot(domain, result.name, checked.format, checked.document.uri, left);
    const rightUri = checked.rightSide ? live.showSnapshot(DEPLOY_CLI_SIDE, checked.rightSide.name, checked.format, checked.document.uri, shown(checked.rightSide.text)) : checked.document.uri;
    const title = compareTitle(result.name, domain, file, result.kind === 'new');
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, title, { preview: false });
    const actions = new Map<string, () => unknown>();
    const applyArgs = { uri: checked.document.uri.toString(), ...(checked.position ? { position: checked.position } : {}) };
    if (summary.differs) actions.set('Apply to Tenant...', () => vscode.commands.executeCommand(Commands.applyToTenant, applyArgs));
    showWithActions('info', summary.message, actions, log);
    return {
      outcome: result.kind,
      message: summary.message,
      differs: summary.differs,
      changes: result.kind === 'compared' ? result.comparison.changes.map((c) => c.path) : [],
      left: leftUri.toString(),
      right: rightUri.toString(),
      title,
    };
  }
}

const refused = (refusal: Refusal): CompareCommandResult => refusedResult(refusal);

/** Where the snapshots of deploy-cli items live (in place of a tenant's domain in the read-only address). */
const DEPLOY_CLI_SIDE = 'deploy-cli';
