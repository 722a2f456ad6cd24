/**
 * Facts about the connection object shared by pull, compare and apply: which properties a connection file holds
 * (what the create body accepts), which of them an update may send, the scopes each endpoint needs, and the values
 * Auth0 assumes when a property is left out. Pure data.
 */

/**
 * The properties of `POST /api/v2/connections` (`CreateConnectionRequestContent`, plus the `cross_app_access_*`
 * pair the live API accepts), in the order a pulled file writes them: who it is first, `options` (the long part)
 * last. Anything else a GET returns (`id`, `provisioning_ticket_url`, ...) belongs to the server.
 */
export const CONNECTION_FILE_FIELDS = [
  'name',
  'display_name',
  'strategy',
  'enabled_clients',
  'is_domain_connection',
  'show_as_button',
  'realms',
  'authentication',
  'connected_accounts',
  'cross_app_access_requesting_app',
  'cross_app_access_resource_app',
  'metadata',
  'options',
] as const;

export type ConnectionFileField = (typeof CONNECTION_FILE_FIELDS)[number];

/**
 * What `PATCH /api/v2/connections/{id}` accepts: the file's properties less `name` and `strategy` (they cannot
 * change; Auth0 answers 400 "Additional properties not allowed") and `enabled_clients` (refused by migrated
 * tenants; set through `PATCH /connections/{id}/clients` instead).
 */
export const UPDATABLE_FIELDS: readonly ConnectionFileField[] = CONNECTION_FILE_FIELDS.filter(
  (field) => field !== 'name' && field !== 'strategy' && field !== 'enabled_clients',
);

export const SCOPES = {
  readConnections: 'read:connections',
  createConnections: 'create:connections',
  updateConnections: 'update:connections',
  readClients: 'read:clients',
} as const;

/** Most enabled-client changes one `PATCH /connections/{id}/clients` may carry (Auth0's documented limit). */
export const ENABLED_CLIENTS_PER_PATCH = 50;

/**
 * The value Auth0 gives a property the body leaves out, so that writing it out or not compares equal:
 * `display_name` is the name ("If display_name is not included in the request, the field will be overwritten with
 * the name value"), `realms` the name, `is_domain_connection` / `show_as_button` false, `metadata` / `options` empty.
 */
export function defaultValue(field: string, name: string): unknown {
  switch (field) {
    case 'display_name':
      return name;
    case 'realms':
      return [name];
    case 'is_domain_connection':
    case 'show_as_button':
      return false;
    case 'metadata':
    case 'options':
      return {};
    default:
      return undefined;
  }
}
