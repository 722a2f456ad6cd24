/**
 * Names and message shapes shared by the extension (client), the language server and the tests. Each custom
 * message is declared once here; both sides import it (style.md: protocol types in one place).
 */

/** Extension identifier `publisher.name`, used by tests to find and activate us. */
export const EXTENSION_ID = 'auth0-connections-tools.auth0-connections';

/** Command identifiers (contributed in package.json with category "Auth0"). */
export const Commands = {
  newConnectionFile: 'auth0Connections.newConnectionFile',
  restartServer: 'auth0Connections.restartServer',
  showOutput: 'auth0Connections.showOutput',
  createConnection: 'auth0Connections.createConnection',
  addTenant: 'auth0Connections.addTenant',
  selectTenant: 'auth0Connections.selectTenant',
  signOutOfTenant: 'auth0Connections.signOutOfTenant',
  pullConnections: 'auth0Connections.pullConnections',
  compareWithTenant: 'auth0Connections.compareWithTenant',
  applyToTenant: 'auth0Connections.applyToTenant',
  refreshConnections: 'auth0Connections.refreshConnections',
  /** The Connections view's item actions (not in the palette): open read-only, pull to a file, compare with a file. */
  openLiveConnection: 'auth0Connections.openLiveConnection',
  pullToFile: 'auth0Connections.pullToFile',
  compareWithFile: 'auth0Connections.compareWithFile',
} as const;

/** Settings section; every setting below lives under it. */
export const SETTINGS_SECTION = 'auth0Connections';

/** The settings the server reads (pushed by the client on start and on change). */
export interface ServerSettings {
  /** Extra glob patterns (workspace-relative or absolute) of files to treat as connection bodies. */
  files: string[];
  /** Milliseconds to wait after the last edit before validating. */
  validationDelayMs: number;
  /**
   * The auth0-deploy-cli config file holding AUTH0_KEYWORD_REPLACE_MAPPINGS (absolute, or relative to the first
   * workspace folder); empty: the nearest config.json holding them, in a deploy-cli file's folder or above.
   */
  deployCliConfig: string;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  files: [],
  validationDelayMs: 150,
  deployCliConfig: '',
};

/** The glob patterns served by default, whatever the settings say. */
export const DEFAULT_FILE_PATTERNS = ['**/*.connection.json', '**/*.connection.yaml', '**/*.connection.yml'];

/**
 * The `code` of the diagnostics the language modes pass on from their libraries (the rules' own codes are in the
 * rule table). The VS Code client reads them to drop what VS Code's JSON support or Red Hat's YAML already shows.
 */
export const LibraryDiagnosticCodes = {
  /** Not well-formed JSON or YAML, as every JSON/YAML tool reports it. */
  syntax: 'syntax',
  /** Well-formed for a JSON-with-comments editor but refused by the Management API: comments, trailing commas. */
  strictJson: 'strict-json',
  /** A key written twice in one object. */
  duplicateKey: 'duplicate-key',
  /** Against the connection schema. */
  schema: 'schema',
} as const;

/** File name of the generated schema; a `$schema` or modeline naming a path that ends with it selects us. */
export const CONNECTION_SCHEMA_FILE_NAME = 'connection.schema.json';

/** The URI under which the server registers the generated schema with both language services. */
export const CONNECTION_SCHEMA_URI = 'auth0-connections:/schemas/connection.schema.json';

/**
 * Server -> client notification: whether a document is served as a connection file and by which schema, for the
 * language status item.
 */
export const DocumentStatusNotification = 'auth0Connections/documentStatus';
export interface DocumentStatusParams {
  uri: string;
  /** True when the document is treated as a connection body. */
  isConnectionFile: boolean;
  /** Why it is (e.g. "file name *.connection.yaml", "$schema", "setting auth0Connections.files"). */
  reason?: string;
  /** Human name of the schema in use, e.g. "POST /api/v2/connections (samlp)". */
  schemaName?: string;
  /** Set for an auth0-deploy-cli file (served item by item, not as one connection body): its layout. */
  deployCli?: 'tenant' | 'connection-file' | 'database-file';
}

/** Client -> server request: is this document a connection file? (the client uses it to enable commands). */
export const IsConnectionFileRequest = 'auth0Connections/isConnectionFile';
export interface IsConnectionFileParams {
  uri: string;
}
export interface IsConnectionFileResult {
  isConnectionFile: boolean;
  /** Set for an auth0-deploy-cli file: it is served, but it is not one connection body to send as it is. */
  deployCli?: 'tenant' | 'connection-file' | 'database-file';
}

/**
 * Client -> server request: the auth0-deploy-cli connection item under a position (a `connections:` or `databases:`
 * item of a tenant file, or the whole of a directory-format file), as deploy-cli reads it: keywords substituted, a
 * database item's implied `strategy: auth0` filled in. What a command acting on one item (Compare, Apply) starts from.
 */
export const DeployCliItemRequest = 'auth0Connections/deployCliItem';
export interface DeployCliItemParams {
  uri: string;
  position: { line: number; character: number };
}
export interface DeployCliItemResult {
  /** Absent when the document is not a deploy-cli file or no item is under the position. */
  item?: {
    kind: 'connection' | 'database';
    /** `connections[1]`, `databases[0]`; absent for a directory-format file. */
    label?: string;
    strategy?: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    value: Record<string, unknown>;
    /** Values deploy-cli replaces with a file's text: their path in `value` and the file. */
    files: Array<{ path: Array<string | number>; file: string }>;
    /** LSP diagnostics of severity error inside the item: send nothing while there are any. */
    errors: unknown[];
  };
}

/**
 * Client -> server request: every diagnostic of the document's current text, computed now (not the debounced
 * publication, which may lag an edit). The create command asks this before sending, so it never sends a body with
 * errors because validation had not caught up, nor refuses a fixed one on stale diagnostics.
 */
export const ValidateDocumentRequest = 'auth0Connections/validateDocument';
export interface ValidateDocumentParams {
  uri: string;
}
export interface ValidateDocumentResult {
  /** False when the server does not serve the document (not a connection file, or not open). */
  served: boolean;
  /** The document version validated. */
  version?: number;
  /** LSP diagnostics (0-based positions), as published. */
  diagnostics: unknown[];
}
