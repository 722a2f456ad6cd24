/**
 * How the outcome of an apply (and a failure of any lifecycle operation) is shown: its message at its severity, the
 * actions that help, and for a 400 naming a property, an "Auth0 API" diagnostic on it, as create does. One handler
 * per outcome kind and one runner per action, in records the compiler checks are complete. What the create step of
 * an apply ends in is shown by createOutcomeView.ts, so a create looks the same from either command.
 */
import * as vscode from 'vscode';
import type { ApiAction, ApiFailure, ApiFailureKind } from '../../../common/auth0/apiResult';
import type { ApplyOutcome } from '../../../common/auth0/applyConnection';
import type { RefusalReason as PlanRefusalReason } from '../../../common/auth0/applyPlan';
import type { OutcomeKind } from '../../../common/auth0/outcomes';
import { Commands } from '../../../common/protocol';
import { ACTION_LABELS, credentialFix, placeRejection, presentCreateOutcome, revealDiagnostic, showWithActions, type OutcomeViewDeps, type PlacedDiagnostic, type SentDocument } from './createOutcomeView';
import type { RefusalReason } from './tenantSession';
import { connectionDashboardUrl } from './text';

/** What Apply to Tenant resolves to (for tests and callers); `refused`: stopped before anything was sent. */
export interface ApplyResult {
  outcome: ApplyOutcome['kind'] | 'refused';
  /** The text shown to the user. */
  message: string;
  /** `refused`: the editor's reason (no document, errors, declined, ...) or the plan's (strategy differs, ...). */
  reason?: RefusalReason | PlanRefusalReason;
  /** What the plan was: create or update (set once planned). */
  plan?: 'create' | 'update';
  id?: string;
  /** Paths of the properties that differed (masked comparison), and the options an update deleted. */
  changes?: string[];
  removedOptions?: string[];
  /** `failed`: the step that failed, the failure's kind, and whether the tenant's state is unknown. */
  step?: Extract<ApplyOutcome, { kind: 'failed' }>['step'];
  failure?: ApiFailureKind | OutcomeKind;
  uncertain?: boolean;
  diagnostic?: PlacedDiagnostic;
}

/** The create outcome's labels, and Compare Again (a write with no answer). */
export const API_ACTION_LABELS: Readonly<Record<ApiAction, string>> = {
  'replace-token': ACTION_LABELS['replace-token'],
  'edit-credentials': ACTION_LABELS['edit-credentials'],
  'compare-again': 'Compare Again',
  retry: ACTION_LABELS.retry,
  'show-problem': ACTION_LABELS['show-problem'],
};

/** The document as it was sent: create's, plus how to compare it with the tenant again. */
export interface AppliedDocument extends SentDocument {
  /** The tenant's domain. */
  tenant: string;
  compare(): Promise<void>;
}

type Actions = Map<string, () => unknown>;

/** What a failure's actions act on: the command to run again, and the document sent, when there is one. */
export interface FailureTarget {
  again(): Promise<void>;
  sent?: AppliedDocument;
}

type ActionRunner = (failure: ApiFailure, target: FailureTarget, deps: OutcomeViewDeps, diagnostic: vscode.Diagnostic | undefined) => (() => unknown) | undefined;

const ACTIONS: { readonly [A in ApiAction]: ActionRunner } = {
  'replace-token': (failure, target, deps) => credentialFix('replace-token', failure.tenant, deps, () => target.again()),
  'edit-credentials': (failure, target, deps) => credentialFix('edit-credentials', failure.tenant, deps, () => target.again()),
  'compare-again': (_failure, target) => (target.sent ? () => target.sent?.compare() : undefined),
  retry: (_failure, target) => () => target.again(),
  'show-problem': (_failure, target, _deps, diagnostic) => (diagnostic && target.sent ? () => revealDiagnostic(target.sent!.document, diagnostic) : undefined),
};

/**
 * Shows a lifecycle failure with the actions it names (a 400 naming a property also becomes a diagnostic on the
 * document sent, unless it changed meanwhile); records its kind (and diagnostic) in `result`. `message` replaces
 * the failure's own.
 */
export function presentApiFailure(
  failure: ApiFailure,
  target: FailureTarget,
  deps: OutcomeViewDeps,
  result: Pick<ApplyResult, 'failure' | 'diagnostic'> = {},
  message = failure.userMessage,
): void {
  result.failure = failure.kind;
  const diagnostic = failure.kind === 'rejected' && target.sent ? placeDiagnostic(failure.property?.path, failure.message, target.sent, deps, result) : undefined;
  const actions: Actions = new Map();
  for (const action of failure.actions) {
    const run = ACTIONS[action](failure, target, deps, diagnostic);
    if (run) actions.set(API_ACTION_LABELS[action], run);
  }
  if (actions.size === 0) actions.set('Show Output', () => vscode.commands.executeCommand(Commands.showOutput));
  showWithActions(failure.severity, message, actions, deps.log);
}

function placeDiagnostic(
  path: ReadonlyArray<string | number> | undefined,
  auth0Message: string,
  sent: AppliedDocument,
  deps: OutcomeViewDeps,
  result: Pick<ApplyResult, 'diagnostic'>,
): vscode.Diagnostic | undefined {
  const diagnostic = placeRejection(sent, path, auth0Message, deps);
  if (diagnostic && path) {
    result.diagnostic = { message: diagnostic.message, line: diagnostic.range.start.line, character: diagnostic.range.start.character, propertyPath: path.join('.') };
  }
  return diagnostic;
}

type Handler<K extends ApplyOutcome['kind']> = (outcome: Extract<ApplyOutcome, { kind: K }>, sent: AppliedDocument, deps: OutcomeViewDeps, result: ApplyResult) => void;

const HANDLERS: { readonly [K in ApplyOutcome['kind']]: Handler<K> } = {
  created: (outcome, sent, deps, result) => {
    result.id = outcome.id;
    presentCreateOutcome(outcome.create, sent, deps, outcome.userMessage);
  },
  updated: (outcome, sent, deps, result) => {
    result.id = outcome.id;
    result.changes = outcome.changes.map((change) => change.path);
    result.removedOptions = outcome.removedOptions;
    const url = connectionDashboardUrl(sent.tenant, outcome.id, sent.strategy);
    showWithActions('info', outcome.userMessage, new Map([['Open in Auth0 Dashboard', () => vscode.env.openExternal(vscode.Uri.parse(url))]]), deps.log);
  },
  unchanged: (outcome, _sent, deps) => showWithActions('info', outcome.userMessage, new Map(), deps.log),
  refused: (outcome, _sent, deps, result) => {
    result.reason = outcome.reason;
    showWithActions('error', outcome.userMessage, new Map([['Show Output', () => vscode.commands.executeCommand(Commands.showOutput)]]), deps.log);
  },
  failed: (outcome, sent, deps, result) => {
    result.step = outcome.step;
    result.uncertain = outcome.uncertain;
    const create = outcome.create;
    if (create?.kind === 'created') result.id = create.id;
    if (outcome.failure !== undefined) {
      presentApiFailure(outcome.failure, { again: sent.again, sent }, deps, result, outcome.userMessage);
    } else if (create !== undefined && create.kind === 'uncertain') {
      // A POST that may have been processed: read the tenant before anything else.
      result.failure = create.kind;
      showWithActions('warning', outcome.userMessage, new Map([[API_ACTION_LABELS['compare-again'], () => sent.compare()]]), deps.log);
    } else if (create !== undefined) {
      result.failure = create.kind;
      const shown = presentCreateOutcome(create, sent, deps);
      if (shown.diagnostic) result.diagnostic = shown.diagnostic;
    }
  },
};

/** Shows the outcome (not awaited: the command's result must not wait for a click) and returns what the command resolves to. */
export function presentApplyOutcome(outcome: ApplyOutcome, sent: AppliedDocument, deps: OutcomeViewDeps, result: ApplyResult): ApplyResult {
  result.outcome = outcome.kind;
  result.message = outcome.userMessage;
  (HANDLERS[outcome.kind] as Handler<ApplyOutcome['kind']>)(outcome, sent, deps, result);
  return result;
}
