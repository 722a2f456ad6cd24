/**
 * "Auth0: Add Tenant...", "Auth0: Select Tenant" and "Auth0: Sign Out of Tenant". Each command also takes an
 * optional argument object so that tests and other extensions can skip the prompts; nothing secret is ever put in a
 * setting, a file or a log line.
 */
import * as vscode from 'vscode';
import { readAccessToken, type Credentials } from '../../../common/auth0/credentials';
import { normalizeDomain, resolveEndpoints } from '../../../common/auth0/tenant';
import type { Auth0Log } from './log';
import type { TenantStore } from './tenantStore';
import { kindLabel, type CredentialKind, type StoredTenant } from './text';

export interface AddTenantArgs {
  domain: string;
  clientId?: string;
  clientSecret?: string;
  /** A pasted Management API access token (instead of clientId + clientSecret). */
  token?: string;
  production?: boolean;
  apiBaseUrl?: string;
  authBaseUrl?: string;
}

export type AddTenantResult = { ok: true; domain: string; warnings: string[] } | { ok: false; message: string };

export interface TenantArgs {
  domain?: string;
}

const SERIOUS_TOKEN_PROBLEMS = new Set(['not-jwt', 'expired', 'wrong-audience', 'missing-scope']);

export class TenantCommands {
  readonly #store: TenantStore;
  readonly #log: Auth0Log;

  constructor(store: TenantStore, log: Auth0Log) {
    this.#store = store;
    this.#log = log;
  }

  /** Add Tenant...: prompts unless `args` says everything; resolves to undefined when the user cancels. */
  async addTenant(args?: AddTenantArgs): Promise<AddTenantResult | undefined> {
    const result = isAddTenantArgs(args) ? await this.#addFromArgs(args) : await this.#addInteractively();
    if (result && !result.ok) {
      this.#log.warn(`Add Tenant refused: ${result.message}`);
      if (isAddTenantArgs(args)) return result; // programmatic callers get the reason, no popup
      void vscode.window.showErrorMessage(result.message);
    }
    return result;
  }

  async selectTenant(args?: TenantArgs): Promise<string | undefined> {
    const tenants = this.#store.list();
    if (typeof args?.domain === 'string') {
      const wanted = normalizeDomain(args.domain);
      const tenant = wanted.ok ? this.#store.get(wanted.domain) : undefined;
      if (!tenant) return undefined;
      await this.#store.setActive(tenant.domain);
      this.#log.info(`Active tenant: ${tenant.domain}`);
      return tenant.domain;
    }
    const active = this.#store.active()?.domain;
    type Item = vscode.QuickPickItem & { domain?: string };
    const items: Item[] = tenants.map((tenant) => ({
      label: `${tenant.domain === active ? '$(check) ' : ''}${tenant.domain}`,
      description: [tenant.production ? 'production' : undefined, kindLabel(tenant.kind)].filter(Boolean).join(' · '),
      detail: tenant.apiBaseUrl || tenant.authBaseUrl ? `local override: ${[tenant.apiBaseUrl, tenant.authBaseUrl].filter(Boolean).join(', ')}` : undefined,
      domain: tenant.domain,
    }));
    items.push({ label: '$(add) Add Tenant...', alwaysShow: true });
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Auth0 tenant for "Create Connection on Tenant"',
      placeHolder: tenants.length === 0 ? 'No tenant is configured yet' : 'Select the tenant new connections are created on',
    });
    if (!picked) return undefined;
    if (picked.domain === undefined) {
      const added = await this.addTenant();
      return added?.ok ? added.domain : undefined;
    }
    await this.#store.setActive(picked.domain);
    this.#log.info(`Active tenant: ${picked.domain}`);
    return picked.domain;
  }

  async signOutOfTenant(args?: TenantArgs): Promise<string | undefined> {
    let domain: string | undefined;
    if (typeof args?.domain === 'string') {
      const wanted = normalizeDomain(args.domain);
      domain = wanted.ok && this.#store.get(wanted.domain) ? wanted.domain : undefined;
      if (domain === undefined) return undefined;
    } else {
      const tenants = this.#store.list();
      if (tenants.length === 0) {
        void vscode.window.showInformationMessage('No Auth0 tenant is configured, so there is nothing to sign out of.');
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(
        tenants.map((tenant) => ({
          label: tenant.domain,
          description: [tenant.production ? 'production' : undefined, kindLabel(tenant.kind)].filter(Boolean).join(' · '),
          domain: tenant.domain,
        })),
        { title: 'Sign Out of Auth0 Tenant', placeHolder: 'Its stored credentials are deleted from this machine' },
      );
      if (!picked) return undefined;
      domain = picked.domain;
    }
    await this.#store.remove(domain);
    this.#log.info(`Signed out of ${domain}: its credentials were deleted from SecretStorage.`);
    if (args?.domain === undefined) {
      void vscode.window.showInformationMessage(`Signed out of ${domain}; its credentials were deleted from this machine.`);
    }
    return domain;
  }

  /** Asks for a new access token for a tenant and stores it ("Replace Token"). True when replaced. */
  async replaceToken(domain: string): Promise<boolean> {
    const token = await promptToken(domain, 'Replace Management API Token');
    if (token === undefined) return false;
    await this.#store.replaceCredentials(domain, { kind: 'access-token', token });
    this.#log.info(`Replaced the access token of ${domain}.`);
    return true;
  }

  /** Asks for the machine-to-machine application's credentials again (client ID and secret refused). */
  async editClientCredentials(domain: string): Promise<boolean> {
    const credentials = await promptClientCredentials(domain, 'Update Application Credentials');
    if (!credentials) return false;
    await this.#store.replaceCredentials(domain, credentials);
    this.#log.info(`Updated the application credentials of ${domain}.`);
    return true;
  }

  async #addFromArgs(args: AddTenantArgs): Promise<AddTenantResult> {
    const normalized = normalizeDomain(args.domain);
    if (!normalized.ok) return normalized;
    const domain = normalized.domain;
    let credentials: Credentials;
    if (args.token !== undefined) {
      credentials = { kind: 'access-token', token: args.token.trim() };
    } else if (args.clientId !== undefined && args.clientSecret !== undefined) {
      credentials = { kind: 'client-credentials', clientId: args.clientId.trim(), clientSecret: args.clientSecret };
    } else {
      return { ok: false, message: `Give either clientId and clientSecret, or token, to add ${domain}.` };
    }
    if ((credentials.kind === 'access-token' ? credentials.token : credentials.clientSecret) === '') {
      return { ok: false, message: `The ${credentials.kind === 'access-token' ? 'token' : 'client secret'} for ${domain} is empty.` };
    }
    const endpoints = resolveEndpoints(domain, { apiBaseUrl: args.apiBaseUrl, authBaseUrl: args.authBaseUrl });
    if (!endpoints.ok) return endpoints;
    const tenant: StoredTenant = { domain, kind: credentials.kind, production: args.production === true };
    if (endpoints.endpoints.apiBaseUrl !== `https://${domain}/api/v2`) tenant.apiBaseUrl = endpoints.endpoints.apiBaseUrl;
    if (endpoints.endpoints.tokenBaseUrl !== `https://${domain}`) tenant.authBaseUrl = endpoints.endpoints.tokenBaseUrl;
    return this.#save(tenant, credentials);
  }

  async #save(tenant: StoredTenant, credentials: Credentials): Promise<AddTenantResult> {
    this.#log.addSecrets(credentials.kind === 'access-token' ? credentials.token : credentials.clientSecret);
    await this.#store.save(tenant, credentials);
    const warnings =
      credentials.kind === 'access-token'
        ? readAccessToken(credentials.token, { domain: tenant.domain }).problems.filter((p) => SERIOUS_TOKEN_PROBLEMS.has(p.code)).map((p) => p.message)
        : [];
    const where = tenant.apiBaseUrl || tenant.authBaseUrl ? ` (local override ${[tenant.apiBaseUrl, tenant.authBaseUrl].filter(Boolean).join(', ')})` : '';
    this.#log.info(
      `Added tenant ${tenant.domain}${where}: ${kindLabel(credentials.kind)}${credentials.kind === 'client-credentials' ? ` ${credentials.clientId}` : ''}` +
        `${tenant.production ? ', production' : ''}; credentials stored in SecretStorage; now the active tenant.`,
    );
    for (const warning of warnings) this.#log.warn(warning);
    return { ok: true, domain: tenant.domain, warnings };
  }

  async #addInteractively(): Promise<AddTenantResult | undefined> {
    const title = (step: number) => `Add Auth0 Tenant (${step}/5)`;
    const domainInput = await vscode.window.showInputBox({
      title: title(1),
      prompt: "The tenant's domain: the host name of its Management API (Auth0 Dashboard > Settings > Domain)",
      placeHolder: 'my-tenant.eu.auth0.com',
      ignoreFocusOut: true,
      validateInput: (text) => {
        const result = normalizeDomain(text);
        if (!result.ok) return text.trim() === '' ? undefined : result.message;
        const existing = this.#store.get(result.domain);
        if (existing) {
          return { message: `${result.domain} is already configured; continuing replaces its credentials.`, severity: vscode.InputBoxValidationSeverity.Info };
        }
        return result.domain === text.trim() ? undefined : { message: `Saved as ${result.domain}`, severity: vscode.InputBoxValidationSeverity.Info };
      },
    });
    if (domainInput === undefined || domainInput.trim() === '') return undefined;
    const normalized = normalizeDomain(domainInput);
    if (!normalized.ok) return normalized;
    const domain = normalized.domain;
    const existing = this.#store.get(domain);

    type KindItem = vscode.QuickPickItem & { credentialKind: CredentialKind };
    const kindItems: KindItem[] = [
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
    ];
    const kind = await vscode.window.showQuickPick(kindItems, {
      title: title(2),
      placeHolder: `How should the extension authenticate to ${domain}?`,
      ignoreFocusOut: true,
    });
    if (!kind) return undefined;
    const credentials: Credentials | undefined =
      kind.credentialKind === 'client-credentials'
        ? await promptClientCredentials(domain, title(3))
        : await promptToken(domain, title(3)).then((token) => (token === undefined ? undefined : { kind: 'access-token' as const, token }));
    if (!credentials) return undefined;

    type ProdItem = vscode.QuickPickItem & { production: boolean };
    const production = await vscode.window.showQuickPick<ProdItem>(
      [
        { production: false, label: 'No', description: 'development, test or staging tenant', detail: 'Creates ask for a confirmation (unless auth0Connections.create.confirm is false).' },
        { production: true, label: 'Yes, production', description: 'real users sign in through it', detail: 'Every create asks you to type the tenant domain first.' },
      ],
      { title: title(4), placeHolder: `Is ${domain} a production tenant?`, ignoreFocusOut: true },
    );
    if (!production) return undefined;

    const tenant: StoredTenant = { domain, kind: credentials.kind, production: production.production };
    type WhereItem = vscode.QuickPickItem & { local: boolean };
    const where = await vscode.window.showQuickPick<WhereItem>(
      [
        { local: false, label: `Connect to https://${domain}`, description: 'recommended' },
        {
          local: true,
          label: 'Use a local emulator or test server on this machine...',
          description: 'advanced',
          detail: 'Overrides the Management API and token endpoint base URLs; only 127.0.0.1, ::1 or localhost are accepted.',
        },
      ],
      { title: title(5), placeHolder: 'Where should requests for this tenant go?', ignoreFocusOut: true },
    );
    if (!where) return undefined;
    if (where.local) {
      const apiBaseUrl = await vscode.window.showInputBox({
        title: `${title(5)}: Management API base URL`,
        prompt: `Replaces https://${domain}/api/v2 (loopback addresses only)`,
        placeHolder: 'http://127.0.0.1:3000/api/v2',
        value: existing?.apiBaseUrl ?? '',
        ignoreFocusOut: true,
        validateInput: (text) => {
          const result = resolveEndpoints(domain, { apiBaseUrl: text });
          return result.ok ? undefined : result.message;
        },
      });
      if (apiBaseUrl === undefined) return undefined;
      const authBaseUrl = await vscode.window.showInputBox({
        title: `${title(5)}: token endpoint base URL`,
        prompt: `Replaces https://${domain} for /oauth/token (loopback addresses only; empty keeps the default)`,
        placeHolder: 'http://127.0.0.1:3000',
        value: existing?.authBaseUrl ?? (apiBaseUrl.trim() === '' ? '' : new URL(apiBaseUrl.trim()).origin),
        ignoreFocusOut: true,
        validateInput: (text) => {
          const result = resolveEndpoints(domain, { authBaseUrl: text });
          return result.ok ? undefined : result.message;
        },
      });
      if (authBaseUrl === undefined) return undefined;
      const resolved = resolveEndpoints(domain, { apiBaseUrl, authBaseUrl });
      if (!resolved.ok) return resolved;
      if (resolved.endpoints.apiBaseUrl !== `https://${domain}/api/v2`) tenant.apiBaseUrl = resolved.endpoints.apiBaseUrl;
      if (resolved.endpoints.tokenBaseUrl !== `https://${domain}`) tenant.authBaseUrl = resolved.endpoints.tokenBaseUrl;
    }

    const result = await this.#save(tenant, credentials);
    if (result.ok) {
      if (result.warnings.length > 0) {
        void vscode.window.showWarningMessage(`Added ${domain}, but: ${result.warnings[0]}`, 'Replace Token').then(async (choice) => {
          if (choice === 'Replace Token') await this.replaceToken(domain);
        });
      } else {
        void vscode.window.showInformationMessage(`Added ${domain}; it is now the active Auth0 tenant. Its credentials are kept in VS Code's secret storage.`);
      }
    }
    return result;
  }
}

function isAddTenantArgs(value: unknown): value is AddTenantArgs {
  return value !== null && typeof value === 'object' && typeof (value as { domain?: unknown }).domain === 'string';
}

async function promptClientCredentials(domain: string, title: string): Promise<Credentials | undefined> {
  const clientId = await vscode.window.showInputBox({
    title,
    prompt: `Client ID of the machine-to-machine application authorized for the Auth0 Management API of ${domain}`,
    placeHolder: 'Applications > the application > Settings > Client ID',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'Enter the client ID.' : /\s/.test(text.trim()) ? 'A client ID contains no spaces.' : undefined),
  });
  if (clientId === undefined) return undefined;
  const clientSecret = await vscode.window.showInputBox({
    title,
    prompt: `Client secret of ${clientId.trim()} (kept in VS Code's secret storage, never in settings or files)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text === '' ? 'Enter the client secret.' : undefined),
  });
  if (clientSecret === undefined) return undefined;
  return { kind: 'client-credentials', clientId: clientId.trim(), clientSecret };
}

async function promptToken(domain: string, title: string): Promise<string | undefined> {
  const token = await vscode.window.showInputBox({
    title,
    prompt: `A Management API access token for ${domain} with the create:connections scope (kept in VS Code's secret storage)`,
    placeHolder: 'Auth0 Dashboard > Applications > APIs > Auth0 Management API > API Explorer',
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (text.trim() === '') return 'Paste the access token.';
      const problem = readAccessToken(text.trim().replace(/^Bearer\s+/i, ''), { domain }).problems.find((p) => SERIOUS_TOKEN_PROBLEMS.has(p.code));
      return problem ? { message: problem.message, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    },
  });
  return token === undefined ? undefined : token.trim().replace(/^Bearer\s+/i, '');
}
