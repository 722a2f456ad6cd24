/**
 * How `diff` shows a comparison: text for people (one line per property, `-` the tenant's side, `+` the file's, as
 * `git diff` does) and JSON for scripts. Values come from the comparison already masked; nothing here sees a secret.
 */
import { changeLines, formatPlaceholders, type CompareResult, type TenantPlan } from '../common/auth0';

export type FileComparison =
  | { path: string; status: 'same' | 'different'; result: Extract<CompareResult, { kind: 'compared' }> }
  | { path: string; status: 'new'; name: string }
  | { path: string; status: 'error'; message: string };

function comparedLines(entry: Extract<FileComparison, { status: 'same' | 'different' }>, tenant: string): string[] {
  const { result } = entry;
  if (entry.status === 'same') {
    const kept = result.comparison.kept.length > 0 ? ` (secrets kept from the tenant: ${formatPlaceholders(result.comparison.kept)})` : '';
    return [`${entry.path}: no differences with ${result.name} on ${tenant}${kept}`];
  }
  const lines = [`--- ${tenant}: ${result.name} (${result.id})`, `+++ ${entry.path}`];
  for (const change of result.comparison.changes) lines.push(...changeLines(change));
  const clients = result.enabledClients;
  for (const name of clients?.removed ?? []) lines.push(`- enabled_clients: ${name}`);
  for (const name of clients?.added ?? []) lines.push(`+ enabled_clients: ${name}${clients?.unresolved.includes(name) ? '   (no such application on the tenant)' : ''}`);
  const { kept, unresolved } = result.comparison;
  if (kept.length > 0) lines.push(`  secrets kept from the tenant: ${formatPlaceholders(kept)}`);
  if (unresolved.length > 0) lines.push(`  no value for ${formatPlaceholders(unresolved)}: set the environment variable${unresolved.length === 1 ? '' : 's'} before applying`);
  if (result.comparison.optionsUnreadable) lines.push(`  ${tenant} did not return the options (read:connections_options?): they cannot be compared`);
  return lines;
}

export function formatDiffText(entries: readonly FileComparison[], tenant: string): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.status === 'new') lines.push(`${entry.path}: ${entry.name} does not exist on ${tenant}; apply would create it`);
    else if (entry.status === 'error') lines.push(`${entry.path}: not compared: ${entry.message}`);
    else lines.push(...comparedLines(entry, tenant));
  }
  const count = (status: FileComparison['status']) => entries.filter((e) => e.status === status).length;
  lines.push(
    `${entries.length} file${entries.length === 1 ? '' : 's'} compared with ${tenant}: ${count('different')} with differences, ${count('new')} to create, ${count('same')} the same` +
      (count('error') > 0 ? `, ${count('error')} not compared` : ''),
  );
  return lines.join('\n') + '\n';
}

export function formatDiffJson(entries: readonly FileComparison[], tenant: string, version: string): string {
  const files = entries.map((entry) => {
    if (entry.status === 'new') return { path: entry.path, name: entry.name, status: entry.status };
    if (entry.status === 'error') return { path: entry.path, status: entry.status, message: entry.message };
    const { result } = entry;
    return {
      path: entry.path,
      name: result.name,
      id: result.id,
      status: entry.status,
      changes: result.comparison.changes.map(({ kind, path, file, live, secret }) => ({ kind, path, ...(kind !== 'removed' ? { file } : {}), ...(kind !== 'added' ? { live } : {}), secret })),
      ...(result.enabledClients ? { enabledClients: { added: result.enabledClients.added, removed: result.enabledClients.removed } } : {}),
      removedOptions: result.comparison.removedOptions,
      keptSecrets: result.comparison.kept.map((p) => p.key),
      secretsFromEnvironment: result.comparison.fromEnv.map((p) => p.key),
      unresolved: result.comparison.unresolved.map((p) => p.key),
    };
  });
  return JSON.stringify({ tool: { name: 'auth0-connections', version }, tenant, files }, null, 2) + '\n';
}

/** What apply is about to do for one file, as the lines shown before confirming (or for --dry-run). */
export function planLines(path: string, plan: TenantPlan, tenant: string): string[] {
  switch (plan.kind) {
    case 'failed':
      return [`${path}: not applied: ${plan.failure.userMessage}`];
    case 'refused':
      return [`${path}: ${plan.userMessage}`];
    case 'unchanged':
      return [`${path}: ${plan.name} on ${tenant} is up to date; nothing to send`];
    case 'create': {
      const lines = [`${path}: create ${plan.name} (strategy ${plan.strategy}) on ${tenant}`];
      if (plan.enabledClients && plan.enabledClients.enable.length > 0) lines.push(`  then enable it for ${plan.enabledClients.enable.join(', ')}`);
      if (plan.fromEnv.length > 0) lines.push(`  secrets from the environment: ${formatPlaceholders(plan.fromEnv)}`);
      return lines;
    }
    case 'update': {
      const lines = [`${path}: update ${plan.name} (${plan.live.id}) on ${tenant}`];
      if (plan.patch !== undefined) lines.push(...plan.comparison.changes.flatMap(changeLines).map((line) => `  ${line}`));
      if (plan.enabledClients?.enable.length) lines.push(`  + enable for ${plan.enabledClients.enable.join(', ')}`);
      if (plan.enabledClients?.disable.length) lines.push(`  - disable for ${plan.enabledClients.disable.join(', ')}`);
      if (plan.patch !== undefined && plan.comparison.kept.length > 0) lines.push(`  secrets kept from the tenant: ${formatPlaceholders(plan.comparison.kept)}`);
      return lines;
    }
    default: {
      const never: never = plan;
      return never;
    }
  }
}
