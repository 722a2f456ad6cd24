/**
 * The generated connection schema, bundled into the server, and the one rule both language services follow when a
 * document names a schema: only connection files reach the language modes, so whatever schema such a file names, it
 * is served ours, from memory. The server never fetches a schema from the network.
 */
import connectionSchema from '../schemas/connection.schema.json';
import { CONNECTION_SCHEMA_URI } from '../common/protocol';

export const CONNECTION_SCHEMA: Record<string, unknown> = connectionSchema as Record<string, unknown>;

/** The schema a language mode gives every document it serves (the connection schema unless a mode is built for another). */
export interface ModeSchema {
  uri: string;
  schema: Record<string, unknown>;
  name: string;
}

export const CONNECTION_MODE_SCHEMA: ModeSchema = { uri: CONNECTION_SCHEMA_URI, schema: CONNECTION_SCHEMA, name: 'Auth0 connection' };
export const CONNECTION_SCHEMA_TEXT = JSON.stringify(connectionSchema);

/**
 * Schema request handler for both services. A `*.connection.yaml` that also names, say, an old copy of a schema on
 * some web site is still a connection body: refusing the request would leave it with no completion or hover and a
 * "cannot load schema" warning, and fetching it would leave this machine. So every request gets the connection schema.
 */
export function requestSchema(_uri: string): Promise<string> {
  return Promise.resolve(CONNECTION_SCHEMA_TEXT);
}

/**
 * Every `deprecationMessage` in the schema. yaml-language-server reports all schema problems as warnings, while
 * vscode-json-languageservice reports them as errors and only deprecations as warnings; this set lets the engine give
 * YAML the same severities as JSON.
 */
export const DEPRECATION_MESSAGES: ReadonlySet<string> = collectDeprecationMessages(connectionSchema);

function collectDeprecationMessages(schema: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [schema];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'deprecationMessage' && typeof value === 'string') found.add(value.trim());
        else stack.push(value);
      }
    }
  }
  return found;
}
