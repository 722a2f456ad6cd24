/**
 * "Auth0: Compare with Tenant": VS Code's diff editor with the tenant's connection on the left and the file (as it is
 * in the editor, unsaved edits included) on the right, and a notification summing up what differs (secrets that
 * differ are named, never shown). The left side is the tenant's connection written like the file
 * (common/auth0/tenantSideFile.ts), so the diff's lines are the comparison's differences; a name the tenant does
 * not have is compared with an empty left side titled "will be created". Reads only; the document is never edited.
 *
 * It acts on a connection document (a connection file holds one connection); `compareDocument` takes any
 * `CheckedDocument`, for a reader that finds one connection inside another kind of document (docs/ARCHITECTURE.md
 * says what such a reader would add).
 */
import * as vscode from 'vscode';
import type { ApiFailureKind } from '../../../common/auth0/apiResult';
import { compareTenantSide, type CompareResult } from '../../../common/auth0/applyConnection';
import { tenantSideText } from '../../../common/auth0/tenantSideFile';
import { Commands } from '../../../common/protocol';
import { parseBody, toPlainValue } from '../../../engine/index';
import { withApiProgress } from './apiProgress';
import { checkedDocument, documentFor, fileName, type CheckedDocument, type ConnectionDocumentDeps } from './connectionDocument';
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
  settings: Auth0Settings;
  live: LiveConnectionProvider;
}

export class CompareCommand {
  readonly #deps: CompareCommandDeps;

  constructor(deps: CompareCommandDeps) {
    this.#deps = deps;
  }

  async run(args?: CompareArgs | vscode.Uri): Promise<CompareCommandResult> {
    const uri = args instanceof vscode.Uri ? args : args !== null && typeof args === 'object' ? args.uri : undefined;
    const document = await documentFor(uri);
    if (!document) return refused(showRefusal(this.#deps.log, refusal('no-document', 'Open a connection file to compare it with the Auth0 tenant.')));
    const checked = await checkedDocument(this.#deps, document, { errors: 'allow', verb: 'compared' });
    if (isRefusal(checked)) return refused(checked);
    if (checked.body.name === undefined) {
      return refused(showRefusal(this.#deps.log, refusal('body', `${fileName(document)} has no "name", so there is no connection to compare it with.`)));
    }
    const again = async () => vscode.commands.executeCommand(Commands.compareWithTenant, { uri: document.uri.toString() });
    const session = await openTenantSession(this.#deps, `${fileName(document)} cannot be compared with anything yet`, again);
    if (isRefusal(session)) return refused(session);
    return this.compareDocument(checked, session);
  }

  /** Reads the tenant's side of `checked`, opens the diff and says what differs. */
  async compareDocument(checked: CheckedDocument, session: TenantSession): Promise<CompareCommandResult> {
    const { log, live } = this.#deps;
    const domain = session.tenant.domain;
    const file = fileName(checked.document);
    const read = await withApiProgress(log, async (signal, onProgress) => {
      const lifecycle = await openLifecycle(this.#deps, session, signal, onProgress);
      if (isRefusal(lifecycle)) return lifecycle;
      const side = await lifecycle.tenantSide(checked.body.body);
      if (!side.ok) return { result: { kind: 'failed', name: checked.body.name ?? '', failure: side } as CompareResult, left: '' };
      const result = compareTenantSide(checked.body.body, side.value, lifecycle.env);
      const plain = toPlainValue(parseBody(checked.text, checked.format).root!) as Record<string, unknown>;
      const liveSide = side.value.live;
      const left = liveSide === undefined ? '' : tenantSideText({ file: plain, ...side.value, live: liveSide, env: lifecycle.env }, checked.format, checked.text);
      return { result, left };
    });
    if (isRefusal(read)) return refused(read);
    const { result, left } = read;
    const summary = compareSummary(result, domain, file);
    if (checked.errorCount > 0) summary.message += ` ${file} has ${checked.errorCount === 1 ? 'an error' : `${checked.errorCount} errors`}: Apply refuses it until fixed.`;
    log[summary.severity === 'error' ? 'error' : 'info'](`Compare ${file} with ${domain}: ${summary.message}`);
    if (result.kind === 'failed') {
      showWithActions('error', summary.message, new Map([['Try Again', () => this.compareDocument(checked, session)]]), log);
      return { outcome: result.failure.kind, message: summary.message };
    }
    const leftUri = live.showSnapshot(domain, result.name, checked.format === 'json' ? 'json' : 'yaml', checked.document.uri, left);
    const title = compareTitle(result.name, domain, file, result.kind === 'new');
    await vscode.commands.executeCommand('vscode.diff', leftUri, checked.document.uri, title, { preview: false });
    const actions = new Map<string, () => unknown>();
    if (summary.differs) actions.set('Apply to Tenant...', () => vscode.commands.executeCommand(Commands.applyToTenant, { uri: checked.document.uri.toString() }));
    showWithActions('info', summary.message, actions, log);
    return {
      outcome: result.kind,
      message: summary.message,
      differs: summary.differs,
      changes: result.kind === 'compared' ? result.comparison.changes.map((c) => c.path) : [],
      left: leftUri.toString(),
      right: checked.document.uri.toString(),
      title,
    };
  }
}

const refused = (refusal: Refusal): CompareCommandResult => refusedResult(refusal);
