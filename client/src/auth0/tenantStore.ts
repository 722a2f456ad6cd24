/**
 * The configured tenants: the list (domain, credential kind, production flag, loopback overrides; no secrets) in
 * global state, the credentials in SecretStorage keyed by domain, and one token source per tenant kept in memory so
 * that a machine-to-machine token is reused across creates until shortly before it expires.
 */
import * as vscode from 'vscode';
import { createTokenSource, type Credentials, type TokenSource } from '../../../common/auth0/credentials';
import { endpointsFor, type EndpointsResult, type TenantConfig } from '../../../common/auth0/tenant';
import type { Auth0Log } from './log';
import type { Auth0Settings } from './settings';
import type { StoredTenant } from './text';

const TENANTS_KEY = 'auth0Connections.tenants';
const ACTIVE_KEY = 'auth0Connections.activeTenant';
const SECRET_PREFIX = 'auth0Connections.credentials:';

export function secretKey(domain: string): string {
  return `${SECRET_PREFIX}${domain}`;
}

function isStoredTenant(value: unknown): value is StoredTenant {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.domain === 'string' &&
    (record.kind === 'client-credentials' || record.kind === 'access-token') &&
    typeof record.production === 'boolean'
  );
}

function parseCredentials(text: string | undefined): Credentials | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value.kind === 'client-credentials' && typeof value.clientId === 'string' && typeof value.clientSecret === 'string') {
      return { kind: 'client-credentials', clientId: value.clientId, clientSecret: value.clientSecret };
    }
    if (value.kind === 'access-token' && typeof value.token === 'string') {
      return { kind: 'access-token', token: value.token };
    }
  } catch {
    // Unreadable entry: treated as absent, the user is asked to add the tenant again.
  }
  return undefined;
}

export class TenantStore implements vscode.Disposable {
  readonly #context: vscode.ExtensionContext;
  readonly #log: Auth0Log;
  readonly #settings: Auth0Settings;
  readonly #sources = new Map<string, TokenSource>();
  readonly #onDidChange = new vscode.EventEmitter<void>();
  readonly #disposables: vscode.Disposable[] = [];
  /** Fires when the list, the active tenant or any credentials change. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(context: vscode.ExtensionContext, log: Auth0Log, settings: Auth0Settings) {
    this.#context = context;
    this.#log = log;
    this.#settings = settings;
    this.#disposables.push(
      this.#onDidChange,
      // Another window may replace or delete credentials: forget the cached token source for that tenant.
      context.secrets.onDidChange((event) => {
        if (event.key.startsWith(SECRET_PREFIX)) {
          this.#sources.delete(event.key.slice(SECRET_PREFIX.length));
          this.#onDidChange.fire();
        }
      }),
    );
  }

  list(): StoredTenant[] {
    const value = this.#context.globalState.get<unknown>(TENANTS_KEY);
    return Array.isArray(value) ? value.filter(isStoredTenant) : [];
  }

  get(domain: string): StoredTenant | undefined {
    return this.list().find((tenant) => tenant.domain === domain);
  }

  /** The active tenant: the one chosen last, else the only one configured. */
  active(): StoredTenant | undefined {
    const tenants = this.list();
    const domain = this.#context.globalState.get<unknown>(ACTIVE_KEY);
    return tenants.find((tenant) => tenant.domain === domain) ?? (tenants.length === 1 ? tenants[0] : undefined);
  }

  async setActive(domain: string | undefined): Promise<void> {
    await this.#context.globalState.update(ACTIVE_KEY, domain);
    this.#onDidChange.fire();
  }

  /** Adds or replaces a tenant and its credentials, and makes it active. Secrets go to SecretStorage only. */
  async save(tenant: StoredTenant, credentials: Credentials): Promise<void> {
    this.#log.addSecrets(...secretsOf(credentials));
    await this.#context.secrets.store(secretKey(tenant.domain), JSON.stringify(credentials));
    const entry: StoredTenant = { domain: tenant.domain, kind: credentials.kind, production: tenant.production };
    if (tenant.apiBaseUrl) entry.apiBaseUrl = tenant.apiBaseUrl;
    if (tenant.authBaseUrl) entry.authBaseUrl = tenant.authBaseUrl;
    const others = this.list().filter((existing) => existing.domain !== tenant.domain);
    await this.#context.globalState.update(TENANTS_KEY, [...others, entry]);
    await this.#context.globalState.update(ACTIVE_KEY, tenant.domain);
    this.#sources.delete(tenant.domain);
    this.#onDidChange.fire();
  }

  /** Replaces only the credentials of a configured tenant (e.g. "Replace Token"). */
  async replaceCredentials(domain: string, credentials: Credentials): Promise<void> {
    const tenant = this.get(domain);
    if (!tenant) return;
    await this.save({ ...tenant, kind: credentials.kind }, credentials);
  }

  /** Deletes a tenant's credentials and its entry; the active tenant moves to the first remaining one. */
  async remove(domain: string): Promise<void> {
    await this.#context.secrets.delete(secretKey(domain));
    const remaining = this.list().filter((tenant) => tenant.domain !== domain);
    await this.#context.globalState.update(TENANTS_KEY, remaining);
    if (this.#context.globalState.get<unknown>(ACTIVE_KEY) === domain) {
      await this.#context.globalState.update(ACTIVE_KEY, remaining[0]?.domain);
    }
    this.#sources.delete(domain);
    this.#onDidChange.fire();
  }

  async credentials(domain: string): Promise<Credentials | undefined> {
    const credentials = parseCredentials(await this.#context.secrets.get(secretKey(domain)));
    if (credentials) this.#log.addSecrets(...secretsOf(credentials));
    return credentials;
  }

  async hasCredentials(domain: string): Promise<boolean> {
    return (await this.#context.secrets.get(secretKey(domain))) !== undefined;
  }

  /** The base URLs the settings give every tenant without its own. */
  settingsOverrides(): { apiBaseUrl: string | undefined; authBaseUrl: string | undefined } {
    return { apiBaseUrl: this.#settings.apiBaseUrl(), authBaseUrl: this.#settings.authBaseUrl() };
  }

  /** The tenant as the core takes it: its own overrides, else the machine-scoped settings. */
  config(tenant: StoredTenant): TenantConfig {
    const config: TenantConfig = { domain: tenant.domain };
    const fromSettings = this.settingsOverrides();
    const apiBaseUrl = tenant.apiBaseUrl ?? fromSettings.apiBaseUrl;
    const authBaseUrl = tenant.authBaseUrl ?? fromSettings.authBaseUrl;
    if (apiBaseUrl) config.apiBaseUrl = apiBaseUrl;
    if (authBaseUrl) config.authBaseUrl = authBaseUrl;
    return config;
  }

  endpoints(tenant: StoredTenant): EndpointsResult {
    return endpointsFor(this.config(tenant));
  }

  /**
   * The token source for a tenant (reused, so a cached token survives between creates), or undefined when no
   * credentials are stored or the endpoints are refused (`endpoints(tenant)` says why).
   */
  async tokenSource(tenant: StoredTenant, timeoutMs: number): Promise<TokenSource | undefined> {
    const resolved = this.endpoints(tenant);
    if (!resolved.ok) return undefined;
    const key = `${tenant.domain}|${resolved.endpoints.apiBaseUrl}|${resolved.endpoints.tokenBaseUrl}|${timeoutMs}`;
    const cached = this.#sources.get(tenant.domain);
    if (cached && (cached as TokenSource & { cacheKey?: string }).cacheKey === key) return cached;
    const credentials = await this.credentials(tenant.domain);
    if (!credentials) return undefined;
    const source = Object.assign(createTokenSource(credentials, resolved.endpoints, { timeoutMs }), { cacheKey: key });
    this.#sources.set(tenant.domain, source);
    return source;
  }

  /** Forgets every in-memory token source, so the next create reads SecretStorage again. */
  forgetCachedTokens(): void {
    this.#sources.clear();
  }

  /** What is kept in global state under our keys (for the tests' "no secret anywhere else" check). */
  globalStateSnapshot(): Record<string, unknown> {
    const snapshot: Record<string, unknown> = {};
    for (const key of this.#context.globalState.keys()) snapshot[key] = this.#context.globalState.get<unknown>(key);
    return snapshot;
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#sources.clear();
  }
}

export function secretsOf(credentials: Credentials): string[] {
  return credentials.kind === 'client-credentials' ? [credentials.clientSecret] : [credentials.token];
}
