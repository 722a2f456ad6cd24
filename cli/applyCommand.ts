/**
 * `auth0-connections apply`: creates or updates the connection each file describes, then makes its enabled
 * applications exact. Every file is planned first (reads only) and the plan shown; after a confirmation (or --yes)
 * each plan is sent. Options an update deletes are named before confirming. Exit 0 when every file was applied or
 * already up to date, 1 when any was refused, failed or may or may not have been applied, 2 for usage or I/O.
 */
import { executePlan, planWithTenant, type ApplyOutcome, type LifecycleSession, type TenantPlan } from '../common/auth0';
import { parseArgs, type OptionSpec } from './args';
import { ModeCache } from './checkFiles';
import { notSentReason, printDiagnostics, readConnectionInput, sendable } from './connectionInput';
import { planLines } from './diffReport';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { APPLY_HELP } from './help';
import type { CliIO } from './io';
import { openSession, preload, TENANT_OPTIONS, tenantTarget } from './tenantTarget';

const OPTIONS: OptionSpec[] = [...TENANT_OPTIONS, { name: 'yes', kind: 'flag', short: 'y' }, { name: 'dry-run', kind: 'flag' }, { name: 'help', kind: 'flag', short: 'h' }];

const SCOPES = 'read:connections, update:connections, create:connections (new connections) and read:clients (enabled_clients)';

interface Planned {
  path: string;
  plan: TenantPlan;
}

export async function applyCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const args = parseArgs(argv, OPTIONS, 'apply');
  if (args.flags.has('help')) {
    io.out(APPLY_HELP);
    return ExitCode.Ok;
  }
  if (args.positionals.length === 0) throw new UsageError('Name the connection files to apply, e.g. "auth0-connections apply google.connection.yaml --domain my-tenant.eu.auth0.com".');
  const target = tenantTarget(args, io, 'auth0-connections apply FILE');
  const { session, end } = openSession(target, io, SCOPES, false);
  io.catchInterrupts();
  try {
    return await planAndApply(args.positionals, session, { yes: args.flags.has('yes'), dryRun: args.flags.has('dry-run') }, io);
  } finally {
    end();
  }
}

async function planAndApply(paths: readonly string[], session: LifecycleSession, flags: { yes: boolean; dryRun: boolean }, io: CliIO): Promise<ExitCodeValue> {
  const tenant = session.tenant;
  const loaded = await preload(session, paths.length);
  if (loaded !== undefined) {
    io.err(`${loaded}\n`);
    return ExitCode.Failed;
  }
  const planned = await planAll(paths, session, io);
  if (typeof planned === 'number') return planned;
  for (const { path, plan } of planned) io.out(planLines(path, plan, tenant).join('\n') + '\n');
  const refusedCount = planned.filter(({ plan }) => plan.kind === 'refused' || plan.kind === 'failed').length;
  const pending = planned.filter(({ plan }) => plan.kind === 'create' || plan.kind === 'update');
  if (flags.dryRun) {
    io.err(`Dry run: nothing was sent to ${tenant} (the tenant was only read).\n`);
    return refusedCount > 0 ? ExitCode.Failed : ExitCode.Ok;
  }
  if (pending.length > 0 && !(await confirmed(pending, tenant, flags.yes, io))) {
    io.err('Not applied (not confirmed).\n');
    return ExitCode.Failed;
  }
  let ok = refusedCount === 0;
  for (const { path, plan } of pending) {
    const outcome = await executePlan(session, plan);
    ok = report(path, outcome, io) && ok;
  }
  return ok ? ExitCode.Ok : ExitCode.Failed;
}

/** Every file read, checked and planned; or the exit code when a file cannot be read (usage or I/O). */
async function planAll(paths: readonly string[], session: LifecycleSession, io: CliIO): Promise<Planned[] | ExitCodeValue> {
  const modes = new ModeCache();
  const planned: Planned[] = [];
  for (const path of paths) {
    const input = await readConnectionInput(path, io, modes);
    if ('problem' in input) {
      io.err(`${input.problem}\n`);
      return ExitCode.Usage;
    }
    printDiagnostics(input, io, ['error']);
    const prepared = sendable(input);
    if (!prepared.ok) {
      const reason = `Not applied: ${notSentReason(input, prepared)}; nothing was sent.`;
      planned.push({ path, plan: { kind: 'refused', name: path, reason: 'invalid-body', userMessage: reason } });
      continue;
    }
    planned.push({ path, plan: await planWithTenant(session, prepared.body) });
  }
  return planned;
}

async function confirmed(pending: readonly Planned[], tenant: string, yes: boolean, io: CliIO): Promise<boolean> {
  const deletions = pending.flatMap(({ plan }) => (plan.kind === 'update' && plan.patch !== undefined ? plan.comparison.removedOptions.map((path) => `${path} of ${plan.name}`) : []));
  if (deletions.length > 0) io.err(`This deletes ${deletions.join(', ')} (an update replaces options whole).\n`);
  if (yes) return true;
  const what = `${pending.length} change${pending.length === 1 ? '' : 's'} to ${tenant}`;
  if (!io.interactive) throw new UsageError(`Not sent: applying ${what} needs a confirmation, and there is no terminal to ask. Pass --yes to apply without asking.`);
  return /^y(es)?$/i.test((await io.ask(`Apply ${what}? [y/N] `)).trim());
}

/** Prints what happened to one file; true when it ended applied or up to date. */
function report(path: string, outcome: ApplyOutcome, io: CliIO): boolean {
  switch (outcome.kind) {
    case 'created':
    case 'updated':
    case 'unchanged':
      io.out(`${path}: ${outcome.userMessage}\n`);
      return true;
    case 'refused':
    case 'failed':
      io.err(`${path}: ${outcome.userMessage}\n`);
      return false;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
