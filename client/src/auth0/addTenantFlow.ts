/**
 * The steps of "Add Tenant..." (domain, credential kind, credentials, production flag, optional loopback overrides)
 * over an injected prompt interface, without `vscode`: the command passes VS Code's input boxes and quick picks,
 * the unit tests a scripted user. Secrets typed here are returned to the caller, which puts them in SecretStorage.
 */
import { readAccessToken, type Credentials } from '../../../common/auth0/credentials';
import { normalizeDomain, resolveEndpoints } from '../../../common/auth0/tenant';
import type { CredentialKind, StoredTenant } from './text';

export type ValidationSeverity = 'error' | 'warning' | 'info';

/** What a live validation says: an error blocks accepting; a warning or info is only shown. */
export interface Validation {
  message: string;
  severity: ValidationSeverity;
}

export interface InputOptions {
  title: string;
  prompt: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  validate?: (text: string) => Validation | undefined;
}

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
}

export interface PickOptions {
  title: string;
  placeHolder: string;
}

export interface Prompts {
  /** Undefined when the user cancels. */
  input(options: InputOptions): Promise<string | undefined>;
  pick<T extends PickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
}

export type AddTenantFlowResult =
  | { ok: true; tenant: StoredTenant; credentials: Credentials }
  | { ok: false; message: string }
  /** Cancelled at some step. */
  | undefined;

/** Token problems worth a warning before use (the rest, e.g. "expires soon", are only logged). */
export const SERIOUS_TOKEN_PROBLEMS: ReadonlySet<string> = new Set(['not-jwt', 'expired', 'wrong-audience', 'missing-scope']);

const STEPS = 5;
const error = (message: string): Validation => ({ message, severity: 'error' });

/** The base URLs the settings give every tenant without its own (`auth0Connections.apiBaseUrl` / `authBaseUrl`). */
export interface SettingsOverrides {
  apiBaseUrl?: string | undefined;
  authBaseUrl?: string | undefined;
}

export async function addTenantFlow(
  prompts: Prompts,
  existing: (domain: string) => StoredTenant | undefined,
  settingsOverrides: SettingsOverrides = {},
): Promise<AddTenantFlowResult> {
  const title = (step: number) => `Add Auth0 Tenant (${step}/${STEPS})`;
  const domain = await promptDomain(prompts, existing, title(1));
  if (domain === undefined || typeof domain !== 'string') return domain;
  const credentials = await promptCredentials(prompts, domain, title(2), title(3));
  if (!credentials) return undefined;
  const production = await promptProduction(prompts, domain, title(4));
  if (production === undefined) return undefined;
  const tenant: StoredTenant = { domain, kind: credentials.kind, production };
  const endpoints = await promptEndpoints(prompts, domain, existing(domain), title(5), settingsOverrides);
  if (endpoints === undefined || !endpoints.ok) return endpoints;
  Object.assign(tenant, endpoints.overrides);
  return { ok: true, tenant, credentials };
}

/** Step 1: the domain, validated as it is typed; undefined when cancelled or left empty. */
async function promptDomain(
  prompts: Prompts,
  existing: (domain: string) => StoredTenant | undefined,
  title: string,
): Promise<string | { ok: false; message: string } | undefined> {
  const domainInput = await prompts.input({
    title,
    prompt: "The tenant's domain: the host name of its Management API (Auth0 Dashboard > Settings > Domain)",
    placeHolder: 'my-tenant.eu.auth0.com',
    validate: (text) => {
      if (text.trim() === '') return undefined;
      const result = normalizeDomain(text);
      if (!result.ok) return error(result.message);
      if (existing(result.domain)) {
        return { message: `${result.domain} is already configured; continuing replaces its credentials.`, severity: 'info' };
      }
      return result.domain === text.trim() ? undefined : { message: `Saved as ${result.domain}`, severity: 'info' };
    },
  });
  if (domainInput === undefined || domainInput.trim() === '') return undefined;
  const normalized = normalizeDomain(domainInput);
  return normalized.ok ? normalized.domain : normalized;
}

/** Steps 2 and 3: the kind of credentials, then the credentials themselves. */
async function promptCredentials(prompts: Prompts, domain: string, kindTitle: string, credentialsTitle: string): Promise<Credentials | undefined> {
  const kind = await prompts.pick<PickItem & { credentialKind: CredentialKind }>(
    [
      {
        credentialKind: 'client-credentials',
        label: 'Machine-to-machine application',
        description: 'client ID + client secret (recommended)',
        detail: 'Tokens are obtained and renewed automatically. The application needs the create:connections scope on the Auth0 Management API.',
      },
      {
        credentialKind: 'access-token',
        label: 'Management API access token',
        description: 'pasted from the Auth0 Dashboard',
        detail: 'Expires (24 hours by default) and is not renewed; you paste a new one when it does. Needs create:connections.',
      },
    ],
    { title: kindTitle, placeHolder: `How should the extension authenticate to ${domain}?` },
  );
  if (!kind) return undefined;
  if (kind.credentialKind === 'client-credentials') return promptClientCredentials(prompts, domain, credentialsTitle);
  const token = await promptToken(prompts, domain, credentialsTitle);
  return token === undefined ? undefined : { kind: 'access-token', token };
}

/** Step 4: whether the tenant is production (every create then asks for its domain to be typed). */
async function promptProduction(prompts: Prompts, domain: string, title: string): Promise<boolean | undefined> {
  const production = await prompts.pick<PickItem & { production: boolean }>(
    [
      {
        production: false,
        label: 'No',
        description: 'development, test or staging tenant',
        detail: 'Creates ask for a confirmation (unless auth0Connections.create.confirm is false).',
      },
      { production: true, label: 'Yes, production', description: 'real users sign in through it', detail: 'Every create asks you to type the tenant domain first.' },
    ],
    { title, placeHolder: `Is ${domain} a production tenant?` },
  );
  return production?.production;
}

type EndpointChoice = { ok: true; overrides: Pick<StoredTenant, 'apiBaseUrl' | 'authBaseUrl'> } | { ok: false; message: string };

/**
 * Step 5: where requests go: the tenant itself, or (tests, emulators) a loopback address for each base URL. When the
 * settings already override the base URLs for every tenant, the first choice says so: that is where requests go.
 */
async function promptEndpoints(
  prompts: Prompts,
  domain: string,
  previous: StoredTenant | undefined,
  title: string,
  settingsOverrides: SettingsOverrides,
): Promise<EndpointChoice | undefined> {
  const fromSettings = resolveEndpoints(domain, settingsOverrides);
  const overridden = fromSettings.ok && fromSettings.endpoints.overridden ? fromSettings.endpoints : undefined;
  const first: PickItem & { local: boolean } = overridden
    ? {
        local: false,
        label: `Use the settings' overrides: ${overridden.apiBaseUrl}`,
        description: 'auth0Connections.apiBaseUrl / authBaseUrl',
        detail: `Requests for ${domain} go to ${overridden.apiBaseUrl} (tokens from ${overridden.tokenBaseUrl}), not to https://${domain}, while those settings are set.`,
      }
    : { local: false, label: `Connect to https://${domain}`, description: 'recommended' };
  const where = await prompts.pick<PickItem & { local: boolean }>(
    [
      first,
      {
        local: true,
        label: 'Use a local emulator or test server on this machine...',
        description: 'advanced',
        detail: 'Overrides the Management API and token endpoint base URLs; only 127.0.0.1, ::1 or localhost are accepted.',
      },
    ],
    { title, placeHolder: 'Where should requests for this tenant go?' },
  );
  if (!where) return undefined;
  if (!where.local) return { ok: true, overrides: {} };
  const apiBaseUrl = await prompts.input({
    title: `${title}: Management API base URL`,
    prompt: `Replaces https://${domain}/api/v2 (loopback addresses only)`,
    placeHolder: 'http://127.0.0.1:3000/api/v2',
    value: previous?.apiBaseUrl ?? '',
    validate: (text) => {
      const result = resolveEndpoints(domain, { apiBaseUrl: text });
      return result.ok ? undefined : error(result.message);
    },
  });
  if (apiBaseUrl === undefined) return undefined;
  const authBaseUrl = await prompts.input({
    title: `${title}: token endpoint base URL`,
    prompt: `Replaces https://${domain} for /oauth/token (loopback addresses only; empty keeps the default)`,
    placeHolder: 'http://127.0.0.1:3000',
    value: previous?.authBaseUrl ?? originOf(apiBaseUrl),
    validate: (text) => {
      const result = resolveEndpoints(domain, { authBaseUrl: text });
      return result.ok ? undefined : error(result.message);
    },
  });
  if (authBaseUrl === undefined) return undefined;
  const resolved = resolveEndpoints(domain, { apiBaseUrl, authBaseUrl });
  if (!resolved.ok) return resolved;
  const overrides: Pick<StoredTenant, 'apiBaseUrl' | 'authBaseUrl'> = {};
  if (resolved.endpoints.apiBaseUrl !== `https://${domain}/api/v2`) overrides.apiBaseUrl = resolved.endpoints.apiBaseUrl;
  if (resolved.endpoints.tokenBaseUrl !== `https://${domain}`) overrides.authBaseUrl = resolved.endpoints.tokenBaseUrl;
  return { ok: true, overrides };
}

function originOf(url: string): string {
  try {
    return url.trim() === '' ? '' : new URL(url.trim()).origin;
  } catch {
    return '';
  }
}

export async function promptClientCredentials(prompts: Prompts, domain: string, title: string): Promise<Credentials | undefined> {
  const clientId = await prompts.input({
    title,
    prompt: `Client ID of the machine-to-machine application authorized for the Auth0 Management API of ${domain}`,
    placeHolder: 'Applications > the application > Settings > Client ID',
    validate: (text) => (text.trim() === '' ? error('Enter the client ID.') : /\s/.test(text.trim()) ? error('A client ID contains no spaces.') : undefined),
  });
  if (clientId === undefined || clientId.trim() === '') return undefined;
  const clientSecret = await prompts.input({
    title,
    prompt: `Client secret of ${clientId.trim()} (kept in VS Code's secret storage, never in settings or files)`,
    password: true,
    validate: (text) => (text === '' ? error('Enter the client secret.') : undefined),
  });
  if (clientSecret === undefined || clientSecret === '') return undefined;
  return { kind: 'client-credentials', clientId: clientId.trim(), clientSecret };
}

/** Asks for a pasted access token; warns live (without blocking) when it is expired or lacks create:connections. */
export async function promptToken(prompts: Prompts, domain: string, title: string): Promise<string | undefined> {
  const token = await prompts.input({
    title,
    prompt: `A Management API access token for ${domain} with the create:connections scope (kept in VS Code's secret storage)`,
    placeHolder: 'Auth0 Dashboard > Applications > APIs > Auth0 Management API > API Explorer',
    password: true,
    validate: (text) => {
      if (text.trim() === '') return error('Paste the access token.');
      const problem = tokenProblem(text, domain);
      return problem ? { message: problem, severity: 'warning' } : undefined;
    },
  });
  const cleaned = token === undefined ? undefined : cleanToken(token);
  return cleaned === '' ? undefined : cleaned;
}

export function cleanToken(text: string): string {
  return text.trim().replace(/^Bearer\s+/i, '');
}

/** The most serious reason a pasted token will be refused, or undefined when it looks usable. */
export function tokenProblem(token: string, domain: string, now?: number): string | undefined {
  const options = now === undefined ? { domain } : { domain, now };
  return readAccessToken(cleanToken(token), options).problems.find((p) => SERIOUS_TOKEN_PROBLEMS.has(p.code))?.message;
}
