/**
 * Compare and apply a connection file against a tenant: read the tenant's side (lifecycleSession.ts), decide
 * (connectionDiff.ts, applyPlan.ts), and, for apply, send what the plan says: create or update, then the exact set of
 * enabled applications. A write that fails is never retried; an uncertain one says "compare again". Front ends show
 * a plan (to confirm) before `executePlan`, and every outcome's `userMessage` after.
 */

import { compareEnabledClients, enabledClientEntries, type ApplicationDirectory, type EnabledClientsDiff } from './applicationNames';
import { withContext, type ApiFailure } from './apiResult';
import { planApply, type ApplyPlan, type EnabledClientsPlan, type RefusalReason } from './applyPlan';
import { compareConnection, type Comparison, type PropertyChange } from './connectionDiff';
import { updateConnection } from './connectionsApi';
import { createConnection } from './createConnection';
import { setEnabledClients, type EnabledClientsChange } from './enabledClients';
import type { LifecycleSession, TenantSide } from './lifecycleSession';
import type { CreateConnectionOutcome } from './outcomes';
import type { PlaceholderValues } from './placeholders';

export type CompareResult =
  /** No connection has the file's name: apply would create it. */
  | { kind: 'new'; name: string }
  | {
      kind: 'compared';
      name: string;
      /** The live connection's id (the comparison holds no secret; the live connection is not kept). */
      id: string;
      comparison: Comparison;
      /** Undefined when the file has no `enabled_clients` (it does not manage them). */
      enabledClients: EnabledClientsDiff | undefined;
      /** True when anything differs (properties or enabled applications). */
      differs: boolean;
    }
  | { kind: 'failed'; name: string; failure: ApiFailure };

/** The file against the tenant; reads only. */
export async function compareWithTenant(session: LifecycleSession, file: Record<string, unknown>): Promise<CompareResult> {
  const side = await session.tenantSide(file);
  if (!side.ok) return { kind: 'failed', name: String(file.name ?? ''), failure: side };
  return compareTenantSide(file, side.value, session.env);
}

/** The file against a tenant side already read (`session.tenantSide`), for a front end that shows that side too. */
export function compareTenantSide(file: Record<string, unknown>, side: TenantSide, env: PlaceholderValues): CompareResult {
  const name = String(file.name ?? '');
  const { live, liveEnabled, directory } = side;
  if (live === undefined) return { kind: 'new', name };
  const comparison = compareConnection(file, live, env);
  const entries = enabledClientEntries(file);
  const enabledClients = entries !== undefined && directory !== undefined ? compareEnabledClients(entries, liveEnabled ?? [], directory) : undefined;
  const differs = comparison.changes.length > 0 || (enabledClients !== undefined && (enabledClients.added.length > 0 || enabledClients.removed.length > 0));
  return { kind: 'compared', name, id: live.id, comparison, enabledClients, differs };
}

/** A plan, or why the tenant could not be read to make one. */
export type TenantPlan = ApplyPlan | { kind: 'failed'; name: string; failure: ApiFailure };

/** What applying `file` would send (nothing is sent here), or why reading the tenant failed. */
export async function planWithTenant(session: LifecycleSession, file: Record<string, unknown>): Promise<TenantPlan> {
  const side = await session.tenantSide(file);
  if (!side.ok) return { kind: 'failed', name: String(file.name ?? ''), failure: side };
  return planApply({ file, ...side.value, env: session.env, tenant: session.tenant });
}

/**
 * Create only (the editor's and the CLI's `create`): the file's connection, then its `enabled_clients` through the
 * clients endpoint. Applications are resolved and placeholders filled before anything is sent; the name is not
 * looked up first (a taken name is Auth0's 409, as before).
 */
export async function createWithEnabledClients(session: LifecycleSession, file: Record<string, unknown>): Promise<ApplyOutcome> {
  const name = String(file.name ?? '');
  let directory: ApplicationDirectory | undefined;
  if (enabledClientEntries(file) !== undefined) {
    const read = await session.directory();
    if (!read.ok) return failed(name, 'read', read, read.userMessage);
    directory = read.value;
  }
  return executePlan(session, planApply({ file, live: undefined, liveEnabled: undefined, directory, env: session.env, tenant: session.tenant }));
}

export type ApplyOutcome =
  | {
      kind: 'created';
      name: string;
      id: string;
      enabledClients: EnabledClientsChange | undefined;
      /** The applications it was enabled for, as the file names them (empty: none, so no one can log in with it yet). */
      enabledFor: string[];
      create: CreateConnectionOutcome;
      userMessage: string;
    }
  | { kind: 'updated'; name: string; id: string; changes: PropertyChange[]; removedOptions: string[]; enabledClients: EnabledClientsChange | undefined; userMessage: string }
  | { kind: 'unchanged'; name: string; userMessage: string }
  | { kind: 'refused'; name: string; reason: RefusalReason; userMessage: string }
  | {
      kind: 'failed';
      name: string;
      /** The step that failed; the steps before it were applied. */
      step: 'read' | 'create' | 'update' | 'enabled-clients';
      /** True when the tenant's state is unknown (a write may or may not have been applied): compare again. */
      uncertain: boolean;
      failure: ApiFailure | undefined;
      create: CreateConnectionOutcome | undefined;
      userMessage: string;
    };

/** Sends what `plan` says. `refused` and `unchanged` plans send nothing. */
export async function executePlan(session: LifecycleSession, plan: TenantPlan): Promise<ApplyOutcome> {
  switch (plan.kind) {
    case 'failed':
      return failed(plan.name, 'read', plan.failure, plan.failure.userMessage);
    case 'refused':
      return { kind: 'refused', name: plan.name, reason: plan.reason, userMessage: plan.userMessage };
    case 'unchanged':
      return { kind: 'unchanged', name: plan.name, userMessage: `${plan.name} on ${session.tenant} already matches the file; nothing was sent.` };
    case 'create':
      return executeCreate(session, plan);
    case 'update':
      return executeUpdate(session, plan);
    default: {
      const never: never = plan;
      return never;
    }
  }
}

function failed(name: string, step: Extract<ApplyOutcome, { kind: 'failed' }>['step'], failure: ApiFailure | undefined, userMessage: string, create?: CreateConnectionOutcome): ApplyOutcome {
  const uncertain = failure?.kind === 'uncertain' || create?.kind === 'uncertain';
  return { kind: 'failed', name, step, uncertain, failure, create, userMessage };
}

async function executeCreate(session: LifecycleSession, plan: Extract<ApplyPlan, { kind: 'create' }>): Promise<ApplyOutcome> {
  const create = await createConnection({ ...session.settings, credentials: session.api.source, body: plan.body, secrets: plan.secrets });
  if (create.kind !== 'created') return failed(plan.name, 'create', undefined, create.userMessage, create);
  const done = `Created ${plan.name} (${create.id}) on ${session.tenant}`;
  const clients = await applyEnabledClients(session, { id: create.id, name: plan.name }, plan.enabledClients);
  if (clients !== undefined && !clients.ok) {
    const failure = withContext(clients.failure, `${done}, but its applications were not all enabled: `);
    return failed(plan.name, 'enabled-clients', failure, failure.userMessage, create);
  }
  const change = clients?.value;
  const enabledFor = plan.enabledClients?.enable ?? [];
  const noApplication = enabledFor.length === 0 ? ` It is enabled for no application yet: list them in enabled_clients and apply again, or enable it in the Auth0 Dashboard.` : '';
  const message = `${done}${enabledFor.length > 0 ? `, enabled for ${enabledFor.join(', ')}` : ''}.${noApplication}`;
  return { kind: 'created', name: plan.name, id: create.id, enabledClients: change, enabledFor, create, userMessage: message };
}

async function executeUpdate(session: LifecycleSession, plan: Extract<ApplyPlan, { kind: 'update' }>): Promise<ApplyOutcome> {
  const { live, comparison } = plan;
  if (plan.patch !== undefined) {
    const updated = await updateConnection(session.api, live, plan.patch, plan.secrets);
    if (!updated.ok) return failed(plan.name, 'update', updated, updated.userMessage);
  }
  const clients = await applyEnabledClients(session, live, plan.enabledClients);
  const changed = plan.patch !== undefined ? describeChanges(comparison) : '';
  if (clients !== undefined && !clients.ok) {
    const before = plan.patch !== undefined ? `Updated ${plan.name} on ${session.tenant} (${changed}), but ` : '';
    const failure = withContext(clients.failure, `${before}the enabled applications were not all set: `);
    return failed(plan.name, 'enabled-clients', failure, failure.userMessage);
  }
  const parts = [changed, describeClients(plan.enabledClients)].filter((p) => p !== '');
  return {
    kind: 'updated',
    name: plan.name,
    id: live.id,
    changes: plan.patch !== undefined ? comparison.changes : [],
    removedOptions: plan.patch !== undefined ? comparison.removedOptions : [],
    enabledClients: clients?.value,
    userMessage: `Updated ${plan.name} on ${session.tenant}: ${parts.join('; ')}.`,
  };
}

async function applyEnabledClients(
  session: LifecycleSession,
  connection: { id: string; name: string },
  plan: EnabledClientsPlan | undefined,
): Promise<{ ok: true; value: EnabledClientsChange } | { ok: false; failure: ApiFailure } | undefined> {
  if (plan === undefined || (plan.enable.length === 0 && plan.disable.length === 0)) return undefined;
  const set = await setEnabledClients(session.api, connection, plan.wanted, plan.current);
  return set.ok ? { ok: true, value: set.value } : { ok: false, failure: set };
}

/** `3 properties changed (options.scope, ...), removed options.x` for a message. */
export function describeChanges(comparison: Comparison): string {
  const count = comparison.changes.length;
  const paths = comparison.changes.slice(0, 5).map((c) => c.path);
  const more = count > 5 ? `, and ${count - 5} more` : '';
  const removed = comparison.removedOptions.length > 0 ? `; removed ${comparison.removedOptions.join(', ')}` : '';
  return `${count} ${count === 1 ? 'property' : 'properties'} changed (${paths.join(', ')}${more})${removed}`;
}

/** `enabled for A, B; disabled for C` (empty when the applications do not change). */
function describeClients(plan: EnabledClientsPlan | undefined): string {
  if (plan === undefined) return '';
  const parts: string[] = [];
  if (plan.enable.length > 0) parts.push(`enabled for ${plan.enable.join(', ')}`);
  if (plan.disable.length > 0) parts.push(`disabled for ${plan.disable.join(', ')}`);
  return parts.join('; ');
}
