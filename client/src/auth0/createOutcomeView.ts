/**
 * How each outcome of a create is shown: its message at its severity, the actions that help (buttons), and for a 400
 * naming a property, an "Auth0 API" diagnostic on it. One handler per outcome kind, in a record the compiler checks
 * is complete: a new outcome kind does not compile until it says what it offers.
 */
import * as vscode from 'vscode';
import type { ApiFailureKind } from '../../../common/auth0/apiResult';
import type { RefusalReason as PlanRefusalReason } from '../../../common/auth0/applyPlan';
import type { CreateConnectionOutcome, OutcomeAction, OutcomeKind } from '../../../common/auth0/outcomes';
import { errorMessage } from '../../../common/errors';
import { Commands } from '../../../common/protocol';
import type { DocumentFormat, PathSegment } from '../../../engine/index';
import type { ApiDiagnostics } from './apiDiagnostics';
import type { Auth0Log } from './log';
import type { RefusalReason } from './tenantSession';
import type { TenantCommands } from './tenantCommands';
import { connectionDashboardUrl } from './text';

/** What the command resolves to (for tests and callers); `refused` means the editor stopped before calling Auth0. */
export interface CreateResult {
  /** A create's outcome; a lifecycle failure's kind when reading the applications failed first; `refused`. */
  outcome: OutcomeKind | ApiFailureKind | 'refused';
  /** The text shown to the user. */
  message: string;
  /**
   * `refused`: why (`no-document`, `not-connection-file`, `syntax`, `errors`, `body`, `no-tenant`, `no-credentials`,
   * `endpoints`, `declined`, `busy`), or why the plan refused the file (`unresolved-placeholders`, `unknown-applications`).
   */
  reason?: RefusalReason | PlanRefusalReason;
  id?: string;
  /** `created` from a file listing `enabled_clients`: the applications it was enabled for, as the file names them. */
  enabledFor?: string[];
  /** `created`, but enabling the applications failed: the failure's kind (its message is `message`). */
  enabledClientsFailure?: ApiFailureKind;
  status?: number;
  attempts?: number;
  diagnostic?: PlacedDiagnostic;
}

/** An "Auth0 API" diagnostic placed for a 400, as a command's result reports it. */
export interface PlacedDiagnostic {
  message: string;
  line: number;
  character: number;
  propertyPath?: string;
}

export const ACTION_LABELS: Readonly<Record<OutcomeAction, string>> = {
  'copy-id': 'Copy ID',
  'open-dashboard': 'Open in Auth0 Dashboard',
  'show-response': 'Show Response',
  'show-problem': 'Show Problem',
  'replace-token': 'Replace Token',
  'edit-credentials': 'Update Credentials',
  'check-existing': 'Open Auth0 Dashboard',
  retry: 'Try Again',
};

/** The document as it was sent, and how to run the create again on it. */
export interface SentDocument {
  document: vscode.TextDocument;
  version: number;
  format: DocumentFormat;
  /** Where the connection sent stands in the document (a deploy-cli item); a 400's property is below it. */
  pathPrefix?: readonly PathSegment[];
  strategy: string | undefined;
  again(): Promise<void>;
}

export interface OutcomeViewDeps {
  diagnostics: ApiDiagnostics;
  tenants: TenantCommands;
  log: Auth0Log;
}

/**
 * A 400's property as an "Auth0 API" diagnostic on the document sent, below the item sent in a deploy-cli file
 * (`pathPrefix`); none when Auth0 named no property or the document changed while the request was in flight. Create
 * and Apply place theirs here (an Apply that creates included).
 */
export function placeRejection(
  sent: SentDocument,
  path: readonly PathSegment[] | undefined,
  auth0Message: string,
  deps: Pick<OutcomeViewDeps, 'diagnostics' | 'log'>,
): vscode.Diagnostic | undefined {
  if (!path || path.length === 0) return undefined;
  if (sent.document.version !== sent.version || sent.document.isClosed) {
    deps.log.info('The document changed while the request was in flight; no diagnostic was placed.');
    return undefined;
  }
  return deps.diagnostics.set(sent.document, sent.format, [...(sent.pathPrefix ?? []), ...path], `Auth0 rejected this: ${auth0Message}`);
}

/** "Show Problem": the diagnostic selected in its document. */
export async function revealDiagnostic(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<void> {
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.end);
  editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

type Actions = Map<string, () => unknown>;
type Handler<K extends OutcomeKind> = (
  outcome: Extract<CreateConnectionOutcome, { kind: K }>,
  sent: SentDocument,
  view: { deps: OutcomeViewDeps; result: CreateResult; add(action: OutcomeAction, run: () => unknown): void },
) => void;

const HANDLERS: { readonly [K in OutcomeKind]: Handler<K> } = {
  created: (outcome, _sent, { result, add }) => {
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
  },
  rejected: (outcome, sent, { deps, result, add }) => {
    const diagnostic = placeRejection(sent, outcome.path, outcome.message, deps);
    if (!diagnostic) return;
    result.diagnostic = {
      message: diagnostic.message,
      line: diagnostic.range.start.line,
      character: diagnostic.range.start.character,
      ...(outcome.propertyPath ? { propertyPath: outcome.propertyPath } : {}),
    };
    add('show-problem', () => revealDiagnostic(sent.document, diagnostic));
  },
  unauthorized: (outcome, sent, view) => offerCredentialFix(outcome, sent, view),
  forbidden: (outcome, sent, view) => offerCredentialFix(outcome, sent, view),
  uncertain: (outcome, sent, { add }) => {
    add('check-existing', () =>
      vscode.env.openExternal(vscode.Uri.parse(outcome.dashboardUrl ?? connectionDashboardUrl(outcome.tenant, undefined, sent.strategy))),
    );
  },
  'rate-limited': (outcome, sent, { add }) => {
    if (outcome.actions.includes('retry')) add('retry', () => sent.again());
  },
  'not-sent': (outcome, sent, { add }) => {
    if (outcome.actions.includes('retry')) add('retry', () => sent.again());
  },
  cancelled: () => undefined,
  conflict: () => undefined,
  unexpected: () => undefined,
};

/** Refused credentials: replace the token or update the application's credentials, then create again. */
function offerCredentialFix(
  outcome: Extract<CreateConnectionOutcome, { kind: 'unauthorized' | 'forbidden' }>,
  sent: SentDocument,
  { deps, add }: Parameters<Handler<'unauthorized'>>[2],
): void {
  const action = outcome.actions.includes('replace-token') ? 'replace-token' : outcome.actions.includes('edit-credentials') ? 'edit-credentials' : undefined;
  if (action) add(action, credentialFix(action, outcome.tenant, deps, () => sent.again()));
}

/** Replace Token / Update Credentials: the tenant's credentials fixed in their dialog, then the command again. */
export function credentialFix(
  action: 'replace-token' | 'edit-credentials',
  tenant: string,
  deps: Pick<OutcomeViewDeps, 'tenants'>,
  again: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    const fixed = action === 'replace-token' ? await deps.tenants.replaceToken(tenant) : await deps.tenants.editClientCredentials(tenant);
    if (fixed) await again();
  };
}

/**
 * Shows the outcome (not awaited: the command's result must not wait for a click) and returns what the command
 * resolves to. `message` replaces the outcome's own (an apply's, which also names the applications enabled).
 */
export function presentCreateOutcome(outcome: CreateConnectionOutcome, sent: SentDocument, deps: OutcomeViewDeps, message = outcome.userMessage): CreateResult {
  const result: CreateResult = { outcome: outcome.kind, message, attempts: outcome.attempts };
  if (outcome.status !== undefined) result.status = outcome.status;
  const actions: Actions = new Map();
  const add = (action: OutcomeAction, run: () => unknown) => actions.set(ACTION_LABELS[action], run);
  (HANDLERS[outcome.kind] as Handler<OutcomeKind>)(outcome, sent, { deps, result, add });
  if (actions.size === 0 && outcome.severity !== 'info') {
    actions.set('Show Output', () => vscode.commands.executeCommand(Commands.showOutput));
  }
  showWithActions(outcome.severity, message, actions, deps.log);
  return result;
}

/** A notification at `severity` with the actions as buttons; the chosen action runs, a failure is logged. */
export function showWithActions(severity: 'info' | 'warning' | 'error', message: string, actions: Actions, log: Auth0Log): void {
  const labels = [...actions.keys()];
  const shown =
    severity === 'info'
      ? vscode.window.showInformationMessage(message, ...labels)
      : severity === 'warning'
        ? vscode.window.showWarningMessage(message, ...labels)
        : vscode.window.showErrorMessage(message, ...labels);
  void shown.then(async (choice) => {
    const run = choice === undefined ? undefined : actions.get(choice);
    try {
      await run?.();
    } catch (error) {
      log.error(`Action "${choice ?? ''}" failed: ${errorMessage(error)}`);
    }
  });
}
