/**
 * The words of the tenant and create UI, as pure functions (no `vscode` import) so that they are unit-tested:
 * tenant labels, the confirmation texts, the typed-confirmation check, the success message and the dashboard link.
 * Messages follow style.md practice 7: what happened, what it means, what to do.
 */
import { dashboardUrl } from '../../../common/auth0/tenant';
import { strategyInfo } from '../../../common/strategies';

export type CredentialKind = 'client-credentials' | 'access-token';

/** A tenant as kept in global state: everything but the secrets (those live in SecretStorage, keyed by domain). */
export interface StoredTenant {
  domain: string;
  kind: CredentialKind;
  production: boolean;
  /** Loopback-only overrides (tests, local emulators); absent for a real tenant. */
  apiBaseUrl?: string;
  authBaseUrl?: string;
}

export function kindLabel(kind: CredentialKind): string {
  return kind === 'client-credentials' ? 'machine-to-machine application' : 'pasted Management API token';
}

/** Status bar text for the active tenant (codicons allowed). */
export function statusBarText(tenant: StoredTenant | undefined): string {
  if (!tenant) {
    return '$(cloud) Auth0: no tenant';
  }
  return tenant.production ? `$(shield) ${tenant.domain} (production)` : `$(cloud) ${tenant.domain}`;
}

export function statusBarTooltip(tenant: StoredTenant | undefined, count: number): string {
  if (!tenant) {
    return 'No Auth0 tenant selected for the Connections view, Create, Pull, Compare and Apply. Click to add or select one.';
  }
  const lines = [
    `Auth0 tenant of the Connections view, Create, Pull, Compare and Apply: ${tenant.domain}`,
    `Credentials: ${kindLabel(tenant.kind)}`,
  ];
  if (tenant.production) {
    lines.push('Production tenant: every create and apply asks you to type the tenant domain.');
  }
  if (tenant.apiBaseUrl || tenant.authBaseUrl) {
    lines.push(`Requests go to a local override: ${[tenant.apiBaseUrl, tenant.authBaseUrl].filter(Boolean).join(', ')}`);
  }
  lines.push(count > 1 ? `Click to switch between ${count} tenants.` : 'Click to switch or add a tenant.');
  return lines.join('\n');
}

export interface CreateSummary {
  name: string | undefined;
  strategy: string | undefined;
  domain: string;
  production: boolean;
  /** Set when requests go to a loopback override instead of the tenant's own address. */
  overrideBase?: string | undefined;
}

function connectionWords(summary: CreateSummary): string {
  const name = summary.name === undefined ? 'an unnamed connection' : `connection "${summary.name}"`;
  const info = strategyInfo(summary.strategy);
  const strategy =
    summary.strategy === undefined
      ? 'no strategy'
      : info
        ? `strategy ${summary.strategy}, ${info.kind}`
        : `strategy ${summary.strategy}`;
  return `${name} (${strategy})`;
}

/** The modal asked before a create on a non-production tenant. */
export function confirmationText(summary: CreateSummary): { message: string; detail: string; button: string } {
  const where = summary.overrideBase ? ` Requests go to the local override ${summary.overrideBase}.` : '';
  return {
    message: `Create ${connectionWords(summary)} on tenant ${summary.domain}?`,
    detail:
      `The document is sent as it is in the editor (unsaved edits included, without $schema) to POST /api/v2/connections.${where} ` +
      `The create cannot be undone from here; delete the connection in the Auth0 Dashboard if needed. ` +
      `Set auth0Connections.create.confirm to false to skip this question on non-production tenants.`,
    button: 'Create',
  };
}

/** The input box of a create on a production tenant: the user types the tenant domain (or the connection name). */
export function typedConfirmationPrompt(summary: CreateSummary): { title: string; prompt: string; placeholder: string } {
  const alternatives = summary.name === undefined ? `"${summary.domain}"` : `"${summary.domain}" or "${summary.name}"`;
  return {
    title: `Create on PRODUCTION tenant ${summary.domain}`,
    prompt: `${summary.domain} is marked production. To create ${connectionWords(summary)} there, type ${alternatives}.`,
    placeholder: summary.domain,
  };
}

/** Undefined when `typed` confirms the create (the tenant domain or the connection name, exactly), else why not. */
export function checkTypedConfirmation(typed: string, summary: Pick<CreateSummary, 'domain' | 'name'>): string | undefined {
  const text = typed.trim();
  if (text === summary.domain || (summary.name !== undefined && summary.name !== '' && text === summary.name)) {
    return undefined;
  }
  if (text === '') {
    return `Type "${summary.domain}"${summary.name ? ` or "${summary.name}"` : ''} to confirm.`;
  }
  if (text.toLowerCase() === summary.domain.toLowerCase()) {
    return `Type the domain exactly as shown: "${summary.domain}".`;
  }
  return `"${text}" is neither the tenant domain "${summary.domain}"${summary.name ? ` nor the connection name "${summary.name}"` : ''}.`;
}

export function createdText(name: string | undefined, id: string | undefined, domain: string): string {
  const label = name === undefined ? 'connection' : `connection ${name}`;
  return `Created ${label}${id ? ` (${id})` : ''} on ${domain}.`;
}

/** The progress message while waiting after a 429. */
export function rateLimitProgressText(secondsLeft: number, attempt?: number, maxAttempts?: number): string {
  const tries = attempt !== undefined && maxAttempts !== undefined ? ` (retry ${attempt} of ${maxAttempts})` : '';
  return `Auth0 is rate-limiting requests; retrying in ${secondsLeft} s${tries}. Cancel to stop.`;
}

const DASHBOARD_HOME = 'https://manage.auth0.com/';

/**
 * The Auth0 Dashboard page of a created connection, derived from a canonical `{tenant}[.{region}].auth0.com`
 * domain. Custom domains and unknown strategies fall back to the tenant's connection list or the Dashboard home,
 * where the user picks the tenant: a wrong deep link would be worse than a general one.
 */
export function connectionDashboardUrl(domain: string, id: string | undefined, strategy: string | undefined): string {
  const base = dashboardUrl(domain);
  if (base === undefined) {
    return DASHBOARD_HOME;
  }
  const kind = strategyInfo(strategy)?.kind;
  const validId = id !== undefined && /^con_[A-Za-z0-9]+$/.test(id) ? id : undefined;
  switch (kind) {
    case 'database':
    case 'social':
      return validId ? `${base}connections/${kind}/${validId}/settings` : `${base}connections/${kind}`;
    case 'enterprise':
      return validId ? `${base}connections/enterprise/${strategy}/${validId}/settings` : `${base}connections/enterprise`;
    case 'passwordless':
      return `${base}connections/passwordless`;
    default:
      return base;
  }
}
