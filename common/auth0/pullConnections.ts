/**
 * Pull: live connections -> connection files (connectionFile.ts): by name, by strategy, or all of them (every page of
 * the checkpoint listing), each with its enabled applications by name and its secrets as placeholders. Reads only.
 */

import type { ApplicationDirectory } from './applicationNames';
import type { ApiResult } from './apiResult';
import { toConnectionFile, type ConnectionFile } from './connectionFile';
import { findConnection, listConnections, type LiveConnection } from './connectionsApi';
import type { LifecycleSession } from './lifecycleSession';

export interface PullQuery {
  /** Exactly these connections (each looked up by name); otherwise every connection (of `strategies`, if given). */
  names?: readonly string[];
  /** Connections already read (what a picker listed): pulled as they are, not read again. */
  connections?: readonly LiveConnection[];
  strategies?: readonly string[];
  /** Stop listing after this many pages (default: pagination.ts's cap). */
  maxPages?: number;
}

export interface PulledConnection {
  id: string;
  name: string;
  strategy: string;
  file: ConnectionFile;
}

export interface PullReport {
  tenant: string;
  connections: PulledConnection[];
  /** Names asked for that the tenant does not have. */
  missing: string[];
  /** Pages of connections read (one per name asked for, or the pages of the whole listing). */
  pages: number;
  /** Requests sent in all (listing, enabled clients, applications). */
  requests: number;
}

/** Reads the connections `query` names and shapes each as a connection file; the first failure ends the pull. */
export async function pullConnections(session: LifecycleSession, query: PullQuery = {}): Promise<ApiResult<PullReport>> {
  const found = await findLive(session, query);
  if (!found.ok) return found;
  const { connections, missing, pages } = found.value;
  let requests = found.attempts;
  const enabled = new Map<string, string[]>();
  for (const live of connections) {
    const ids = await session.enabledClients(live);
    if (!ids.ok) return ids;
    requests += ids.attempts;
    enabled.set(live.id, ids.value);
  }
  let directory: ApplicationDirectory | undefined;
  if ([...enabled.values()].some((ids) => ids.length > 0)) {
    const read = await session.directory();
    if (!read.ok) return read;
    requests += read.attempts;
    directory = read.value;
  }
  const pulled = connections.map((live): PulledConnection => {
    const entries = (enabled.get(live.id) ?? []).map((id) => directory?.entryFor(id) ?? id);
    return { id: live.id, name: live.name, strategy: live.strategy, file: toConnectionFile(live, entries) };
  });
  return { ok: true, value: { tenant: session.tenant, connections: pulled, missing, pages, requests }, attempts: requests };
}

async function findLive(session: LifecycleSession, query: PullQuery): Promise<ApiResult<{ connections: LiveConnection[]; missing: string[]; pages: number }>> {
  if (query.connections !== undefined) return { ok: true, value: { connections: [...query.connections], missing: [], pages: 0 }, attempts: 0 };
  if (query.names === undefined) {
    const listed = await listConnections(session.api, {
      ...(query.strategies !== undefined ? { strategies: query.strategies } : {}),
      ...(query.maxPages !== undefined ? { maxPages: query.maxPages } : {}),
    });
    return listed.ok ? { ok: true, value: { connections: listed.value.items, missing: [], pages: listed.value.pages }, attempts: listed.attempts } : listed;
  }
  const connections: LiveConnection[] = [];
  const missing: string[] = [];
  let attempts = 0;
  const names = [...new Set(query.names)];
  for (const name of names) {
    const one = await findConnection(session.api, name);
    if (!one.ok) return one;
    attempts += one.attempts;
    if (one.value === undefined) missing.push(name);
    else if (!connections.some((c) => c.id === one.value!.id)) connections.push(one.value);
  }
  return { ok: true, value: { connections, missing, pages: names.length }, attempts };
}
