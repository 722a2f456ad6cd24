/**
 * What applying a connection file would send, decided before anything is sent. Pure: the tenant's side (the live
 * connection, its enabled clients, the applications) is read beforehand and passed in.
 *
 *   - no connection has the file's name: create (POST without `enabled_clients`), then enable the applications it
 *     lists; refused while a placeholder has no value (there is no tenant value to keep);
 *   - one does: refused when `strategy` differs (it cannot change); otherwise PATCH every updatable property the
 *     file has, `display_name` always (Auth0 resets an omitted one to the name), and the whole `options` when they
 *     differ, each unresolved placeholder carrying the tenant's current value; then make the enabled set exact;
 *   - nothing differs: nothing is sent.
 */

import { describeUnresolved, enabledClientEntries, type ApplicationDirectory } from './applicationNames';
import { diffConnection, type Comparison } from './connectionDiff';
import { UPDATABLE_FIELDS } from './connectionFields';
import type { LiveConnection } from './connectionsApi';
import { formatPlaceholders, resolvePlaceholders, type Placeholder, type PlaceholderValues } from './placeholders';

export type RefusalReason =
  | 'strategy-differs'
  | 'unresolved-placeholders'
  | 'options-unreadable'
  | 'encrypted-configuration'
  | 'unknown-applications'
  | 'invalid-body';

export interface EnabledClientsPlan {
  /** Client ids the connection must be enabled for, exactly. */
  wanted: string[];
  /** Client ids enabled now (empty for a new connection). */
  current: string[];
  /** For messages: entries enabled / disabled, by name. */
  enable: string[];
  disable: string[];
}

export type ApplyPlan =
  | { kind: 'create'; name: string; strategy: string; body: Record<string, unknown>; enabledClients: EnabledClientsPlan | undefined; fromEnv: Placeholder[]; secrets: string[] }
  | {
      kind: 'update';
      name: string;
      live: LiveConnection;
      /** The PATCH body (it holds secrets: never show it; show `comparison`), or undefined when only the enabled applications change. */
      patch: Record<string, unknown> | undefined;
      comparison: Comparison;
      enabledClients: EnabledClientsPlan | undefined;
      /** The patch's placeholder values, masked in every message (see createConnection's `secrets`). */
      secrets: string[];
    }
  | { kind: 'unchanged'; name: string; live: LiveConnection; comparison: Comparison }
  | { kind: 'refused'; name: string; reason: RefusalReason; userMessage: string };

export interface PlanInput {
  /** The file's body (checked by the engine, `$schema` removed). */
  file: Record<string, unknown>;
  /** The connection of that name on the tenant, if any. */
  live: LiveConnection | undefined;
  /** Client ids enabled on the tenant now (needed when the file lists `enabled_clients` and the connection exists). */
  liveEnabled: readonly string[] | undefined;
  /** Needed when the file lists `enabled_clients`. */
  directory: ApplicationDirectory | undefined;
  env: PlaceholderValues;
  tenant: string;
}

function refused(name: string, reason: RefusalReason, userMessage: string): ApplyPlan {
  return { kind: 'refused', name, reason, userMessage: `${userMessage} Nothing was sent.` };
}

export function planApply(input: PlanInput): ApplyPlan {
  const name = typeof input.file.name === 'string' ? input.file.name : '';
  const strategy = typeof input.file.strategy === 'string' ? input.file.strategy : '';
  if (name === '' || strategy === '') return refused(name || '(unnamed)', 'invalid-body', 'The file needs a "name" and a "strategy".');
  const clients = planEnabledClients(input, name);
  if (typeof clients === 'string') return refused(name, 'unknown-applications', `Not applied to ${input.tenant}: ${clients}.`);
  return input.live === undefined ? planCreate(input, name, strategy, clients) : planUpdate(input, input.live, name, clients);
}

function planEnabledClients(input: PlanInput, name: string): EnabledClientsPlan | undefined | string {
  const entries = enabledClientEntries(input.file);
  if (entries === undefined) return undefined;
  if (input.directory === undefined) return `the applications of ${input.tenant} are needed to resolve enabled_clients of ${name}`;
  const resolved = input.directory.resolve(entries);
  if (!resolved.ok) return describeUnresolved(resolved, input.tenant);
  const current = input.live === undefined ? [] : [...(input.liveEnabled ?? [])];
  const directory = input.directory;
  return {
    wanted: resolved.ids,
    current,
    enable: resolved.ids.filter((id) => !current.includes(id)).map((id) => directory.entryFor(id)),
    disable: current.filter((id) => !resolved.ids.includes(id)).map((id) => directory.entryFor(id)),
  };
}

/**
 * What a create sends: the file's body with its placeholders given their values from `env`, without
 * `enabled_clients` (refused in the body by migrated tenants: set through the clients endpoint); or, when a
 * placeholder has no value (a new connection has no current value to keep), why it cannot be sent. The CLI's
 * `create --dry-run` asks this too, so it refuses what the real run refuses.
 */
export function createBody(
  file: Record<string, unknown>,
  env: PlaceholderValues,
  tenant: string,
): { ok: true; body: Record<string, unknown>; fromEnv: Placeholder[]; values: string[] } | { ok: false; reason: RefusalReason; message: string } {
  const resolution = resolvePlaceholders(file, env);
  if (resolution.unresolved.length > 0) {
    const keys = resolution.unresolved.map((p) => p.key).join(', ');
    const one = resolution.unresolved.length === 1;
    return {
      ok: false,
      reason: 'unresolved-placeholders',
      message: `Not created on ${tenant}: ${formatPlaceholders(resolution.unresolved)} ${one ? 'has' : 'have'} no value, and a new connection has no current value to keep. Set the environment variable${one ? '' : 's'} ${keys} and try again.`,
    };
  }
  const body = resolution.body;
  delete body.enabled_clients;
  return { ok: true, body, fromEnv: resolution.fromEnv, values: resolution.values };
}

function planCreate(input: PlanInput, name: string, strategy: string, clients: EnabledClientsPlan | undefined): ApplyPlan {
  const created = createBody(input.file, input.env, input.tenant);
  if (!created.ok) return refused(name, created.reason, created.message);
  return { kind: 'create', name, strategy, body: created.body, enabledClients: clients, fromEnv: created.fromEnv, secrets: created.values };
}

function planUpdate(input: PlanInput, live: LiveConnection, name: string, clients: EnabledClientsPlan | undefined): ApplyPlan {
  const strategy = input.file.strategy;
  if (strategy !== live.strategy) {
    return refused(
      name,
      'strategy-differs',
      `Not applied: ${name} on ${input.tenant} is a "${live.strategy}" connection and the file says "${String(strategy)}"; a connection's strategy cannot change. Create a connection under another name instead.`,
    );
  }
  const { comparison, desired, placeholderValues } = diffConnection(input.file, live, input.env);
  const clientsChange = clients !== undefined && (clients.enable.length > 0 || clients.disable.length > 0) ? clients : undefined;
  if (comparison.changes.length === 0) {
    return clientsChange === undefined ? { kind: 'unchanged', name, live, comparison } : { kind: 'update', name, live, patch: undefined, comparison, enabledClients: clientsChange, secrets: [] };
  }
  const problem = updateProblem(comparison, input.tenant, name);
  if (problem !== undefined) return refused(name, problem.reason, problem.message);
  return { kind: 'update', name, live, patch: buildPatch(comparison, desired), comparison, enabledClients: clientsChange, secrets: placeholderValues };
}

/** The PATCH body: every updatable property the file has, `display_name` always, `options` whole when they change. */
function buildPatch(comparison: Comparison, desired: Record<string, unknown>): Record<string, unknown> {
  const optionsChange = comparison.changes.some((c) => c.segments[0] === 'options');
  const patch: Record<string, unknown> = {};
  for (const field of UPDATABLE_FIELDS) {
    if (field === 'options' && !optionsChange) continue;
    if (field === 'display_name') patch.display_name = desired.display_name ?? desired.name;
    else if (desired[field] !== undefined) patch[field] = desired[field];
  }
  return patch;
}

function updateProblem(comparison: Comparison, tenant: string, name: string): { reason: RefusalReason; message: string } | undefined {
  const sendsOptions = comparison.changes.some((c) => c.segments[0] === 'options');
  if (sendsOptions && comparison.optionsUnreadable) {
    return {
      reason: 'options-unreadable',
      message: `Not applied: ${tenant} did not return the options of ${name} (the credentials may lack read:connections_options), and an update replaces options whole, so the ones not in the file would be lost. Use credentials that can read the options.`,
    };
  }
  if (comparison.unresolved.length > 0) {
    const keys = comparison.unresolved.map((p) => p.key).join(', ');
    return {
      reason: 'unresolved-placeholders',
      message: `Not applied to ${tenant}: ${formatPlaceholders(comparison.unresolved)} ${comparison.unresolved.length === 1 ? 'has' : 'have'} no value and ${name} has no current value there to keep. Set ${keys} and try again.`,
    };
  }
  // Auth0 returns options.configuration values encrypted: sending them back would store the ciphertext as the value.
  const encrypted = comparison.kept.filter((p) => p.path[0] === 'options' && p.path[1] === 'configuration');
  if (sendsOptions && encrypted.length > 0) {
    const keys = encrypted.map((p) => p.key).join(', ');
    return {
      reason: 'encrypted-configuration',
      message: `Not applied: the options of ${name} change, and Auth0 returns the values of options.configuration encrypted, so ${formatPlaceholders(encrypted)} cannot be kept as they are. Set ${keys} to the values to keep and try again.`,
    };
  }
  return undefined;
}
