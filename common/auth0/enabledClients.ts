/**
 * Which applications a connection is enabled for, through the endpoint Auth0 now requires for it (the body's
 * `enabled_clients` is refused by migrated tenants): `GET /connections/{id}/clients` (checkpoint pages),
 * `PATCH /connections/{id}/clients` (at most 50 `{client_id, status}` per request; clients left out keep their
 * state), and `GET /clients` to know the applications by name. `setEnabledClients` makes the set exact.
 */

import type { ApiFailure, ApiResult } from './apiResult';
import { withContext } from './apiResult';
import { ENABLED_CLIENTS_PER_PATCH, SCOPES } from './connectionFields';
import { isRecord, parseJson } from './http';
import type { ManagementApi } from './managementApi';
import { runOperation } from './operation';
import { collectCheckpointPages, collectOffsetPages, type Listed } from './pagination';

/** An application (a client) of the tenant, as enabled-clients lists name them. */
export interface Application {
  clientId: string;
  name: string;
}

/** Where a connection stands, for messages and the endpoint's path. */
export interface ConnectionRef {
  id: string;
  name: string;
}

const CLIENTS_PER_PAGE = 100;

/** The client ids the connection is enabled for (`GET /connections/{id}/clients`, every page). */
export async function getEnabledClients(api: ManagementApi, connection: ConnectionRef): Promise<ApiResult<string[]>> {
  const listed = await collectCheckpointPages<string>(
    api,
    (from) =>
      runOperation(api, {
        method: 'GET',
        path: `/connections/${encodeURIComponent(connection.id)}/clients?${new URLSearchParams({ take: String(CLIENTS_PER_PAGE), ...(from !== undefined ? { from } : {}) }).toString()}`,
        doing: `Reading the applications ${connection.name} is enabled for`,
        verb: `read the applications ${connection.name} is enabled for`,
        scope: SCOPES.readConnections,
        notFound: `The connection ${connection.name} (${connection.id}) does not exist on ${api.tenant}.`,
        read: (answer) => {
          const body = parseJson(answer.response.text);
          if (!isRecord(body) || !Array.isArray(body.clients)) return undefined;
          const ids = body.clients.map((c) => (isRecord(c) && typeof c.client_id === 'string' ? c.client_id : undefined));
          if (ids.some((id) => id === undefined)) return undefined;
          return { items: ids as string[], next: typeof body.next === 'string' ? body.next : undefined };
        },
      }),
    { what: `the applications ${connection.name} is enabled for` },
  );
  return listed.ok ? { ok: true, value: listed.value.items, attempts: listed.attempts } : listed;
}

/** What `setEnabledClients` did. */
export interface EnabledClientsChange {
  enabled: string[];
  disabled: string[];
  /** PATCH requests sent (0 when the set was already exact). */
  requests: number;
}

/**
 * Makes the connection enabled for exactly `wanted` (client ids): enables the missing ones and disables the others
 * that `current` holds, in requests of at most 50. Stops at the first failed request; its failure says how many
 * changes went through before it (a write failure is never retried).
 */
export async function setEnabledClients(
  api: ManagementApi,
  connection: ConnectionRef,
  wanted: readonly string[],
  current: readonly string[],
): Promise<ApiResult<EnabledClientsChange>> {
  const wantedSet = new Set(wanted);
  const currentSet = new Set(current);
  const enabled = [...wantedSet].filter((id) => !currentSet.has(id));
  const disabled = [...currentSet].filter((id) => !wantedSet.has(id));
  const changes = [...enabled.map((client_id) => ({ client_id, status: true })), ...disabled.map((client_id) => ({ client_id, status: false }))];
  let attempts = 0;
  let requests = 0;
  for (let start = 0; start < changes.length; start += ENABLED_CLIENTS_PER_PATCH) {
    const chunk = changes.slice(start, start + ENABLED_CLIENTS_PER_PATCH);
    const sent = await runOperation(api, {
      method: 'PATCH',
      path: `/connections/${encodeURIComponent(connection.id)}/clients`,
      body: chunk,
      doing: `Setting the applications ${connection.name} is enabled for`,
      verb: `change the applications ${connection.name} is enabled for`,
      scope: SCOPES.updateConnections,
      notFound: `The connection ${connection.name} (${connection.id}) does not exist on ${api.tenant} (yet: a new connection can take a moment to appear; run again).`,
      read: () => true,
    });
    if (!sent.ok) return partialFailure(sent, start, changes.length);
    attempts += sent.attempts;
    requests++;
  }
  return { ok: true, value: { enabled, disabled, requests }, attempts };
}

function partialFailure(failure: ApiFailure, done: number, total: number): ApiFailure {
  if (done === 0) return failure;
  return withContext(failure, `${done} of ${total} enabled-application changes were applied before this request. `);
}

/** Every application of the tenant with its name (`GET /clients`, `read:clients`). */
export async function listApplications(api: ManagementApi): Promise<ApiResult<Listed<Application>>> {
  return collectOffsetPages<Application>(
    api,
    (page) =>
      runOperation(api, {
        method: 'GET',
        path: `/clients?${new URLSearchParams({ fields: 'client_id,name', include_fields: 'true', include_totals: 'true', page: String(page), per_page: String(CLIENTS_PER_PAGE) }).toString()}`,
        doing: 'Listing the applications',
        verb: 'list the applications (to name the enabled ones)',
        scope: SCOPES.readClients,
        read: (answer) => readClientsPage(answer.response.text),
      }),
    CLIENTS_PER_PAGE,
    { what: 'the applications' },
  );
}

function readClientsPage(text: string | undefined): { items: Application[]; total: number | undefined } | undefined {
  const body = parseJson(text);
  // `{total, start, limit, clients}` with include_totals; a bare array without.
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.clients) ? body.clients : undefined;
  if (list === undefined) return undefined;
  const items: Application[] = [];
  for (const client of list) {
    if (!isRecord(client) || typeof client.client_id !== 'string') return undefined;
    items.push({ clientId: client.client_id, name: typeof client.name === 'string' ? client.name : client.client_id });
  }
  return { items, total: isRecord(body) && typeof body.total === 'number' ? body.total : undefined };
}
