/**
 * The generated connection schema, bundled into the server, and the one rule both language services follow when a
 * document names a schema: ours is served from memory, anything else is refused. The server never fetches a schema
 * from the network.
 */
import connectionSchema from '../../../schemas/connection.schema.json';
import { namesConnectionSchema } from '../../../common/fileMatching';

export const CONNECTION_SCHEMA: Record<string, unknown> = connectionSchema as Record<string, unknown>;
export const CONNECTION_SCHEMA_TEXT = JSON.stringify(connectionSchema);

/** Schema request handler for both services: our schema by any name it goes by, never the network. */
export function requestSchema(uri: string): Promise<string> {
  if (namesConnectionSchema(uri)) return Promise.resolve(CONNECTION_SCHEMA_TEXT);
  return Promise.reject(`Schema ${uri} is not loaded: Auth0 Connections only serves its own connection schema.`);
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
