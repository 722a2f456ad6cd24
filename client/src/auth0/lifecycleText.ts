/**
 * The words and shapes of the lifecycle UI (the Connections view, pull, compare, apply) as pure functions (no
 * `vscode` import), so that they are unit-tested: the view's groups and labels, the read-only document's path, the
 * diff's title, the comparison's summary, the apply confirmation and the pull report. Every value shown comes from
 * the core's comparison, already masked: nothing here sees a secret.
 */
import type { CompareResult } from '../../../common/auth0/applyConnection';
import type { ApplyPlan } from '../../../common/auth0/applyPlan';
import { changeLines } from '../../../common/auth0/comparisonText';
import type { PropertyChange } from '../../../common/auth0/connectionDiff';
import { connectionFileName, type FileFormat } from '../../../common/auth0/connectionFile';
import { formatPlaceholders, type Placeholder } from '../../../common/auth0/placeholders';
import { strategyInfo, type StrategyKind } from '../../../common/strategies';

/** What the view keeps of a connection: no option, so no secret. */
export interface ConnectionSummary {
  id: string;
  name: string;
  strategy: string;
  displayName?: string;
}

export type GroupKind = StrategyKind | 'other';

export interface ConnectionGroup {
  kind: GroupKind;
  /** `Database (2)`. */
  label: string;
  connections: ConnectionSummary[];
}

const GROUP_LABELS: Readonly<Record<GroupKind, string>> = {
  database: 'Database',
  social: 'Social',
  enterprise: 'Enterprise',
  passwordless: 'Passwordless',
  other: 'Other',
};

/** The view's groups: one per strategy family present, in the Dashboard's order, connections by name within each. */
export function groupConnections(connections: readonly ConnectionSummary[]): ConnectionGroup[] {
  const order: GroupKind[] = ['database', 'social', 'enterprise', 'passwordless', 'other'];
  return order.flatMap((kind) => {
    const members = connections
      .filter((c) => (strategyInfo(c.strategy)?.kind ?? 'other') === kind)
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.name.localeCompare(b.name));
    return members.length === 0 ? [] : [{ kind, label: `${GROUP_LABELS[kind]} (${members.length})`, connections: members }];
  });
}

/**
 * The view's title: the tenant it lists (VS Code shows it as "AUTH0: MY-TENANT.EU.AUTH0.COM" in the Auth0 side bar;
 * a description would not show there, since a container with one view shows only the view's title).
 */
export function viewTitle(tenant: { domain: string; production: boolean } | undefined): string {
  if (!tenant) return 'Connections';
  return tenant.production ? `${tenant.domain} (production)` : tenant.domain;
}

export function connectionDescription(connection: ConnectionSummary): string {
  const shown = connection.displayName !== undefined && connection.displayName !== connection.name ? ` · ${connection.displayName}` : '';
  return `${connection.strategy}${shown}`;
}

export function connectionTooltip(connection: ConnectionSummary, domain: string): string {
  const label = strategyInfo(connection.strategy)?.label;
  return [
    `${connection.name} on ${domain}`,
    `${connection.id} · strategy ${connection.strategy}${label ? ` (${label})` : ''}`,
    ...(connection.displayName !== undefined && connection.displayName !== connection.name ? [`Display name: ${connection.displayName}`] : []),
    'Click to open it read-only, as pull would write it (secrets as placeholders).',
  ].join('\n');
}

/** The path of a read-only live connection document: `/<tenant>/<name>.connection.<ext>`. */
export function livePath(domain: string, name: string, format: FileFormat): string {
  return `/${domain}/${connectionFileName(name, format)}`;
}

/** The tenant, connection name and format a live path names, or undefined for a path this extension did not make. */
export function parseLivePath(path: string): { domain: string; name: string; format: FileFormat } | undefined {
  const match = /^\/([^/]+)\/([^/]+)\.connection\.(yaml|json)$/.exec(path);
  if (!match) return undefined;
  return { domain: match[1]!, name: match[2]!, format: match[3] === 'json' ? 'json' : 'yaml' };
}

/** The diff editor's title: the tenant's side on the left, the file on the right. */
export function compareTitle(name: string, domain: string, file: string, isNew: boolean): string {
  return isNew ? `${name}: will be created on ${domain} ↔ ${file}` : `${name} on ${domain} ↔ ${file}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function listed(paths: readonly string[], max = 4): string {
  return paths.length <= max ? paths.join(', ') : `${paths.slice(0, max).join(', ')} and ${paths.length - max} more`;
}

/** What a comparison found, in one notification; `differs` tells whether Apply has anything to do. */
export function compareSummary(result: CompareResult, domain: string, file: string): { message: string; severity: 'info' | 'error'; differs: boolean } {
  switch (result.kind) {
    case 'failed':
      return { message: result.failure.userMessage, severity: 'error', differs: false };
    case 'new':
      return { message: `${result.name} does not exist on ${domain}: Apply to Tenant would create it from ${file}.`, severity: 'info', differs: true };
    case 'compared': {
      const { comparison, enabledClients } = result;
      const parts: string[] = [];
      if (comparison.changes.length > 0) parts.push(`${plural(comparison.changes.length, 'property', 'properties')} differ (${listed(comparison.changes.map((c) => c.path))})`);
      if (enabledClients && enabledClients.added.length > 0) parts.push(`to enable for ${enabledClients.added.join(', ')}`);
      if (enabledClients && enabledClients.removed.length > 0) parts.push(`to disable for ${enabledClients.removed.join(', ')}`);
      const hidden = comparison.changes.filter((c) => c.secret).map((c) => c.path);
      const notes = [
        ...(hidden.length > 0 ? [`secret values differ at ${hidden.join(', ')} (not shown)`] : []),
        ...(comparison.kept.length > 0 ? [`secrets kept from the tenant: ${formatPlaceholders(comparison.kept)}`] : []),
        ...(comparison.unresolved.length > 0 ? [`no value for ${formatPlaceholders(comparison.unresolved)}`] : []),
        ...(comparison.optionsUnreadable ? [`${domain} did not return the options (read:connections_options?), so they were not compared`] : []),
      ];
      const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
      const message = result.differs ? `${file} and ${result.name} on ${domain}: ${parts.join('; ')}.${tail}` : `${file} matches ${result.name} on ${domain}.${tail}`;
      return { message, severity: 'info', differs: result.differs };
    }
    default: {
      const never: never = result;
      return never;
    }
  }
}

/** What a plan that sends something will do, without the secrets it holds. */
export interface PlanSummary {
  action: 'create' | 'update';
  name: string;
  strategy: string | undefined;
  domain: string;
  changes: PropertyChange[];
  removedOptions: string[];
  kept: Placeholder[];
  fromEnv: Placeholder[];
  enable: string[];
  disable: string[];
}

export function summarizePlan(plan: Extract<ApplyPlan, { kind: 'create' | 'update' }>, domain: string): PlanSummary {
  const enable = plan.enabledClients?.enable ?? [];
  const disable = plan.enabledClients?.disable ?? [];
  if (plan.kind === 'create') {
    return { action: 'create', name: plan.name, strategy: plan.strategy, domain, changes: [], removedOptions: [], kept: [], fromEnv: plan.fromEnv, enable, disable };
  }
  const sends = plan.patch !== undefined;
  const { comparison } = plan;
  return {
    action: 'update',
    name: plan.name,
    strategy: plan.live.strategy,
    domain,
    changes: sends ? comparison.changes : [],
    removedOptions: sends ? comparison.removedOptions : [],
    kept: sends ? comparison.kept : [],
    fromEnv: sends ? comparison.fromEnv : [],
    enable,
    disable,
  };
}

/** Most change lines the confirmation lists; Compare with Tenant shows them all. */
const MAX_CHANGE_LINES = 16;

/** The modal asked before an apply: what changes, what an update deletes, which secrets are kept. */
export function applyConfirmationText(summary: PlanSummary, production: boolean): { message: string; detail: string; button: string } {
  const strategy = summary.strategy ? ` (${summary.strategy}${strategyInfo(summary.strategy) ? `, ${strategyInfo(summary.strategy)!.kind}` : ''})` : '';
  const message =
    summary.action === 'create'
      ? `Create connection "${summary.name}"${strategy} on tenant ${summary.domain}?`
      : `Update connection "${summary.name}"${strategy} on tenant ${summary.domain}?`;
  const lines = summary.action === 'create' ? [`${summary.name} is not on ${summary.domain} yet: it will be created (POST /api/v2/connections).`] : changeSection(summary);
  if (summary.enable.length > 0) lines.push(`${summary.action === 'create' ? 'Then enable' : 'Enable'} it for ${summary.enable.join(', ')}.`);
  if (summary.disable.length > 0) lines.push(`Disable it for ${summary.disable.join(', ')}.`);
  if (summary.action === 'create' && summary.enable.length === 0) lines.push('It will be enabled for no application (list them in enabled_clients).');
  if (summary.removedOptions.length > 0) {
    lines.push(`Deletes ${summary.removedOptions.join(', ')}: an update replaces options whole; add ${summary.removedOptions.length === 1 ? 'it' : 'them'} to the file to keep ${summary.removedOptions.length === 1 ? 'it' : 'them'}.`);
  }
  if (summary.kept.length > 0) lines.push(`Secrets kept from the tenant: ${formatPlaceholders(summary.kept)}.`);
  if (summary.fromEnv.length > 0) lines.push(`Secrets from environment variables: ${formatPlaceholders(summary.fromEnv)}.`);
  lines.push('The document is sent as it is in the editor (unsaved edits included, without $schema).');
  if (production) lines.push(`${summary.domain} is marked production: you will be asked to type its domain.`);
  return { message, detail: lines.join('\n'), button: production ? 'Continue...' : summary.action === 'create' ? 'Create' : 'Update' };
}

function changeSection(summary: PlanSummary): string[] {
  if (summary.changes.length === 0) return ['The properties match; only the enabled applications change.'];
  const lines = summary.changes.flatMap(changeLines);
  const shown = lines.slice(0, MAX_CHANGE_LINES);
  const more = lines.length > shown.length ? [`… ${lines.length - shown.length} more lines: Compare with Tenant shows them all.`] : [];
  return [`${plural(summary.changes.length, 'change')} (- ${summary.domain}, + the file):`, ...shown, ...more];
}

/** The production guard's input box for an apply. */
export function applyTypedPrompt(summary: PlanSummary): { title: string; prompt: string; placeholder: string } {
  const what =
    summary.action === 'create'
      ? `create "${summary.name}"`
      : `update "${summary.name}" (${plural(summary.changes.length, 'change')}${summary.removedOptions.length > 0 ? `, deletes ${summary.removedOptions.join(', ')}` : ''})`;
  return {
    title: `Apply to PRODUCTION tenant ${summary.domain}`,
    prompt: `${summary.domain} is marked production. To ${what} there, type "${summary.domain}" or "${summary.name}".`,
    placeholder: summary.domain,
  };
}

/** The notification after a pull. */
export function pullReportText(report: { domain: string; folder: string; written: string[]; skipped: string[]; missing: string[]; placeholders: number; withErrors: string[] }): string {
  const parts = [`Pulled ${plural(report.written.length, 'connection')} from ${report.domain} into ${report.folder}${report.written.length > 0 ? ` (${listed(report.written)})` : ''}.`];
  if (report.placeholders > 0) parts.push(`${plural(report.placeholders, 'secret')} written as ##KEY## placeholders: set the environment variable KEY to send a value; without it apply keeps the tenant's.`);
  if (report.skipped.length > 0) parts.push(`Not overwritten: ${listed(report.skipped)}.`);
  if (report.missing.length > 0) parts.push(`Not on ${report.domain}: ${report.missing.join(', ')}.`);
  if (report.withErrors.length > 0) parts.push(`The engine finds errors in ${listed(report.withErrors)} (as the tenant holds it): apply refuses it until they are fixed.`);
  return parts.join(' ');
}
