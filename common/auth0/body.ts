/** Turning a parsed connection document into the body of POST /api/v2/connections. */

import { isRecord } from './http';

export type PreparedBody =
  | {
      ok: true;
      /** A deep copy of the document without `$schema`; the document itself is never modified. */
      body: Record<string, unknown>;
      /** `name` and `strategy` when they are strings (for messages; Auth0 validates them). */
      name: string | undefined;
      strategy: string | undefined;
    }
  | { ok: false; message: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value === undefined) return 'empty';
  return `a ${typeof value}`;
}

/**
 * The request body for a parsed JSON or YAML document: it must be an object; `$schema` (an editor hint that Auth0
 * would reject as an additional property) is removed.
 */
export function prepareBody(parsed: unknown): PreparedBody {
  if (!isRecord(parsed)) {
    return {
      ok: false,
      message: `A connection file must contain one object with at least "name" and "strategy"; this one is ${describe(parsed)}.`,
    };
  }
  const body = structuredClone(parsed);
  delete body.$schema;
  return {
    ok: true,
    body,
    name: typeof body.name === 'string' ? body.name : undefined,
    strategy: typeof body.strategy === 'string' ? body.strategy : undefined,
  };
}
