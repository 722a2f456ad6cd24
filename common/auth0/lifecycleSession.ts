/**
 * One run of pull / compare / apply against one tenant: the Management API (its token reused by every request),
 * where placeholder values come from, and what is read once per run (the tenant's applications). The editor and
 * the CLI each open one per command and hand it to pullConnections.ts and applyConnection.ts.
 */

import { ApplicationDirectory, enabledClientEntries } from './applicationNames';
import type { ApiResult } from './apiResult';
import { connectionNamed, findConnection, listConnections, type LiveConnection } from './connectionsApi';
import { getEnabledClients, listApplications } from './enabledClients';
import { ManagementApi, type ApiSettings } from './managementApi';
import type { PlaceholderValues } from './placeholders';

export interface LifecycleSettings extends ApiSettings {
  /** Where `##KEY##` placeholders get their values (the CLI passes the process environment). Default: none. */
  env?: PlaceholderValues;
}

/** The tenant's side of one connection file. */
export interface TenantSide {
  /** The connection with the file's name, if any. */
  live: LiveConnection | undefined;
  /** Client ids it is enabled for (read only when the file lists `enabled_clients`). */
  liveEnabled: string[] | undefined;
  /** The tenant's applications (read only when the file lists `enabled_clients`). */
  directory: ApplicationDirectory | undefined;
}

export class LifecycleSession {
  readonly api: ManagementApi;
  readonly settings: LifecycleSettings;
  readonly env: PlaceholderValues;
  #directory: Promise<ApiResult<ApplicationDirectory>> | undefined;
  /** Every connection of the tenant, once `loadConnections` has listed them. */
  #connections: LiveConnection[] | undefined;

  private constructor(api: ManagementApi, settings: LifecycleSettings) {
    this.api = api;
    this.settings = settings;
    this.env = settings.env ?? {};
  }

  /** A session on `settings.tenant`, or why no request can go there (nothing is sent either way). */
  static open(settings: LifecycleSettings): { ok: true; session: LifecycleSession } | { ok: false; message: string } {
    const opened = ManagementApi.open(settings);
    return opened.ok ? { ok: true, session: new LifecycleSession(opened.api, settings) } : opened;
  }

  get tenant(): string {
    return this.api.tenant;
  }

  /** The tenant's applications by name, read once per session (`GET /clients`, read:clients). */
  directory(): Promise<ApiResult<ApplicationDirectory>> {
    this.#directory ??= listApplications(this.api).then((listed) =>
      listed.ok ? { ok: true as const, value: new ApplicationDirectory(listed.value.items), attempts: listed.attempts } : listed,
    );
    return this.#directory;
  }

  /**
   * Lists every connection once (page after page) and answers `tenantSide` from that list afterwards: for many files,
   * a few pages instead of one request per file. Call it before planning, not between a write and a read.
   */
  async loadConnections(): Promise<ApiResult<{ count: number; pages: number }>> {
    const listed = await listConnections(this.api);
    if (!listed.ok) return listed;
    this.#connections = listed.value.items;
    return { ok: true, value: { count: listed.value.items.length, pages: listed.value.pages }, attempts: listed.attempts };
  }

  /** The connection named `name`, from the loaded list or by asking the tenant. */
  async #find(name: string): Promise<ApiResult<LiveConnection | undefined>> {
    if (this.#connections === undefined) return findConnection(this.api, name);
    return { ok: true, value: connectionNamed(this.#connections, name), attempts: 0 };
  }

  /**
   * The client ids `live` is enabled for: the connection's own `enabled_clients` on a tenant that still returns it,
   * otherwise `GET /connections/{id}/clients`.
   */
  async enabledClients(live: LiveConnection): Promise<ApiResult<string[]>> {
    const listed = live.enabled_clients;
    if (Array.isArray(listed) && listed.every((id): id is string => typeof id === 'string')) return { ok: true, value: listed, attempts: 0 };
    return getEnabledClients(this.api, live);
  }

  /** What the tenant has for the connection `file` describes: the connection, and its applications when needed. */
  async tenantSide(file: Record<string, unknown>): Promise<ApiResult<TenantSide>> {
    const name = typeof file.name === 'string' ? file.name : '';
    const found = await this.#find(name);
    if (!found.ok) return found;
    const side: TenantSide = { live: found.value, liveEnabled: undefined, directory: undefined };
    if (enabledClientEntries(file) === undefined) return { ok: true, value: side, attempts: found.attempts };
    const directory = await this.directory();
    if (!directory.ok) return directory;
    side.directory = directory.value;
    if (side.live !== undefined) {
      const enabled = await this.enabledClients(side.live);
      if (!enabled.ok) return enabled;
      side.liveEnabled = enabled.value;
    }
    return { ok: true, value: side, attempts: found.attempts };
  }
}
