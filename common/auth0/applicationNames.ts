/**
 * Applications by name, as connection files list them (`enabled_clients: [My App]`, the way deploy-cli writes them):
 * a client id gets its application's name when that name is unique on the tenant (else the id stays), and a file's
 * entry resolves to a client id by unique name or as a client id itself. Pure.
 */

import type { Application } from './enabledClients';

export type Resolved =
  | { ok: true; ids: string[] }
  | {
      ok: false;
      /** Entries that are neither an application's name nor a client id (renamed or deleted applications). */
      unknown: string[];
      /** Names that several applications share: the file must name them by client id. */
      ambiguous: string[];
    };

export class ApplicationDirectory {
  readonly #byName = new Map<string, Application[]>();
  readonly #byId = new Map<string, Application>();

  constructor(applications: readonly Application[]) {
    for (const application of applications) {
      this.#byId.set(application.clientId, application);
      const same = this.#byName.get(application.name) ?? [];
      same.push(application);
      this.#byName.set(application.name, same);
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  /** What a file writes for `clientId`: the application's name when unique, else the id. */
  entryFor(clientId: string): string {
    const application = this.#byId.get(clientId);
    if (application === undefined) return clientId;
    return this.#byName.get(application.name)?.length === 1 ? application.name : clientId;
  }

  /** The client id a file's entry stands for, or why it stands for none. */
  idFor(entry: string): { id: string } | { problem: 'unknown' | 'ambiguous' } {
    const named = this.#byName.get(entry) ?? [];
    if (named.length === 1) return { id: named[0]!.clientId };
    if (this.#byId.has(entry)) return { id: entry };
    return { problem: named.length > 1 ? 'ambiguous' : 'unknown' };
  }

  /** Every entry's client id (duplicates dropped), or the entries that name no single application. */
  resolve(entries: readonly string[]): Resolved {
    const ids: string[] = [];
    const unknown: string[] = [];
    const ambiguous: string[] = [];
    for (const entry of entries) {
      const found = this.idFor(entry);
      if ('id' in found) {
        if (!ids.includes(found.id)) ids.push(found.id);
      } else if (found.problem === 'ambiguous') ambiguous.push(entry);
      else unknown.push(entry);
    }
    return unknown.length > 0 || ambiguous.length > 0 ? { ok: false, unknown, ambiguous } : { ok: true, ids };
  }
}

/** The entries of a file's `enabled_clients` when it is a list of strings; undefined when absent (not managed). */
export function enabledClientEntries(body: Record<string, unknown>): string[] | undefined {
  const value = body.enabled_clients;
  if (!Array.isArray(value)) return undefined;
  return value.filter((entry): entry is string => typeof entry === 'string');
}

export interface EnabledClientsDiff {
  /** Entries (as the file writes them) the tenant does not have enabled. */
  added: string[];
  /** Applications enabled on the tenant that the file does not list (by name when unique). */
  removed: string[];
  /** Entries that name no single application (they are also in `added`). */
  unresolved: string[];
}

/** The file's entries against the client ids enabled on the tenant, as sets (order and duplicates ignored). */
export function compareEnabledClients(entries: readonly string[], liveIds: readonly string[], directory: ApplicationDirectory): EnabledClientsDiff {
  const live = new Set(liveIds);
  const wanted = new Set<string>();
  const diff: EnabledClientsDiff = { added: [], removed: [], unresolved: [] };
  for (const entry of new Set(entries)) {
    const found = directory.idFor(entry);
    if ('id' in found) {
      wanted.add(found.id);
      if (!live.has(found.id)) diff.added.push(entry);
    } else {
      diff.added.push(entry);
      diff.unresolved.push(entry);
    }
  }
  diff.removed = [...live].filter((id) => !wanted.has(id)).map((id) => directory.entryFor(id));
  return diff;
}

export function describeUnresolved(resolved: Extract<Resolved, { ok: false }>, tenant: string): string {
  const parts: string[] = [];
  if (resolved.unknown.length > 0) {
    const list = resolved.unknown.map((e) => `"${e}"`).join(', ');
    parts.push(`enabled_clients names ${resolved.unknown.length === 1 ? 'an application' : 'applications'} ${list} that ${tenant} does not have (renamed or deleted?); use the application's current name or its client ID`);
  }
  if (resolved.ambiguous.length > 0) {
    const list = resolved.ambiguous.map((e) => `"${e}"`).join(', ');
    parts.push(`several applications on ${tenant} are named ${list}; name the one you mean by its client ID`);
  }
  return parts.join('; ');
}
