/**
 * "Auth0: Add Tenant...", "Auth0: Select Tenant" and "Auth0: Sign Out of Tenant". Each command also takes an
 * optional argument object so that tests and other extensions can skip the prompts; nothing secret is ever put in a
 * setting, a file or a log line.
 */
import * as vscode from 'vscode';
import { readAccessToken, type Credentials } from '../../../common/auth0/credentials';
import { normalizeDomain, resolveEndpoints } from '../../../common/auth0/tenant';
import { addTenantFlow, promptClientCredentials, promptToken, SERIOUS_TOKEN_PROBLEMS, type Prompts, type ValidationSeverity } from './addTenantFlow';
import type { Auth0Log } from './log';
import type { TenantStore } from './tenantStore';
import { kindLabel, type StoredTenant } from './text';

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
      title: 'Auth0 tenant for the Connections view, Create, Pull, Compare and Apply',
      placeHolder: tenants.length === 0 ? 'No tenant is configured yet' : 'Select the tenant to work with',
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
    const token = await promptToken(vscodePrompts, domain, 'Replace Management API Token');
    if (token === undefined) return false;
    await this.#store.replaceCredentials(domain, { kind: 'access-token', token });
    this.#log.info(`Replaced the access token of ${domain}.`);
    return true;
  }

  /** Asks for the machine-to-machine application's credentials again (client ID and secret refused). */
  async editClientCredentials(domain: string): Promise<boolean> {
    const credentials = await promptClientCredentials(vscodePrompts, domain, 'Update Application Credentials');
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
    const flow = await addTenantFlow(vscodePrompts, (domain) => this.#store.get(domain), this.#store.settingsOverrides());
    if (!flow?.ok) return flow;
    const { tenant, credentials } = flow;
    const result = await this.#save(tenant, credentials);
    if (result.ok) {
      if (result.warnings.length > 0) {
        void vscode.window.showWarningMessage(`Added ${tenant.domain}, but: ${result.warnings[0]}`, 'Replace Token').then(async (choice) => {
          if (choice === 'Replace Token') await this.replaceToken(tenant.domain);
        });
      } else {
        void vscode.window.showInformationMessage(
          `Added ${tenant.domain}; it is now the active Auth0 tenant. Its credentials are kept in VS Code's secret storage.`,
        );
      }
    }
    return result;
  }
}

function isAddTenantArgs(value: unknown): value is AddTenantArgs {
  return value !== null && typeof value === 'object' && typeof (value as { domain?: unknown }).domain === 'string';
}

const SEVERITY: Record<ValidationSeverity, vscode.InputBoxValidationSeverity> = {
  error: vscode.InputBoxValidationSeverity.Error,
  warning: vscode.InputBoxValidationSeverity.Warning,
  info: vscode.InputBoxValidationSeverity.Info,
};

/** The flow's prompts as VS Code input boxes and quick picks (kept open when focus moves, to paste a secret). */
const vscodePrompts: Prompts = {
  async input(options) {
    const { validate, ...rest } = options;
    return vscode.window.showInputBox({
      ...rest,
      ignoreFocusOut: true,
      validateInput: (text) => {
        const result = validate?.(text);
        return result === undefined ? undefined : { message: result.message, severity: SEVERITY[result.severity] };
      },
    });
  },
  async pick(items, options) {
    return vscode.window.showQuickPick([...items], { ...options, ignoreFocusOut: true });
  },
};
