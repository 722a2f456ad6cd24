/** Usage texts and the version (inlined from package.json by the bundler). */
import { version as packageVersion } from '../package.json';

export const VERSION: string = packageVersion;

export const MAIN_HELP = `auth0-connections ${VERSION}: check Auth0 connection files (JSON or YAML) and keep them in step with a
tenant, from a terminal or CI, with the same engine as the editor extension.

Usage:
  auth0-connections validate <files|folders|globs...> [--format text|json|sarif] [--strict] [--quiet] [--config FILE]
  auth0-connections create <file> [--domain <tenant>] [--yes] [--dry-run] [options]
  auth0-connections pull [--name NAME]... [--all] [--out DIR] [--format yaml|json] [--force] [--domain <tenant>]
  auth0-connections diff <file>... [--format text|json] [--domain <tenant>]
  auth0-connections apply <file>... [--yes] [--dry-run] [--domain <tenant>]
  auth0-connections <command> --help
  auth0-connections --version

Exit codes: 0 success, 1 errors found, differences, or something not created/applied, 2 usage or I/O error.
`;

const TENANT_TEXT = `Tenant and credentials (as for create):
  --domain <tenant>          the tenant's domain, e.g. my-tenant.eu.auth0.com (or AUTH0_DOMAIN; --domain wins)
  --api-base-url <url>       Management API base instead of https://<tenant>/api/v2 (loopback addresses only;
                             for tests and local emulators)
  --auth-base-url <url>      token endpoint base instead of https://<tenant> (loopback addresses only)
  --timeout <seconds>        per HTTP request (default 30)
  AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET, or AUTH0_ACCESS_TOKEN / AUTH0_API_TOKEN (environment): the credentials`;

const PLACEHOLDER_TEXT = `Secrets: a file holds ##KEY## where the tenant holds a secret (client secrets, tokens, gateway secrets, private
keys, custom database configuration values). ##KEY## takes the value of the environment variable KEY when it is
set; otherwise an update keeps the tenant's current value (never the placeholder text). Values are never printed.`;

export const VALIDATE_HELP = `Usage: auth0-connections validate <files|folders|globs...> [options]

Checks connection bodies with the editor's engine: JSON/YAML syntax, the Management API schema, the rules Auth0
enforces beyond the schema, and per-strategy options.

  <file>      checked whatever its name; its format comes from its extension (.json, .jsonc, .yaml, .yml)
  <folder>    searched for connection files: *.connection.json, *.connection.yaml, *.connection.yml, or JSON/YAML
              files whose $schema (or yaml-language-server modeline) names connection.schema.json;
              node_modules and .git are skipped
  <glob>      quoted, e.g. 'tenants/**/*.json': the matching files that are connection files, as for a folder

auth0-deploy-cli repositories are recognised in folders and globs: tenant.yaml / tenant.yml (YAML format), and
connections/*.json and database-connections/*/database.json of a folder that is a deploy-cli repository (it also
holds database-connections/, tenant.json, resource-servers/, ... or a config.json with the keyword mappings). Every
connection of them is checked with its keywords replaced, as a0deploy replaces them, and the scripts and email
templates they name must exist. A YAML file named explicitly whose top level lists connections: or databases: is
read as a deploy-cli file whatever its name.

Options:
  --format text|json|sarif   text (default): "path:line:col: severity code message" sorted, then a summary line;
                             json: files and diagnostics (1-based line/column and end) for scripts;
                             sarif: SARIF 2.1.0 for code scanning (e.g. github/codeql-action/upload-sarif)
  --config <file>            the deploy-cli config holding AUTH0_KEYWORD_REPLACE_MAPPINGS (as a0deploy -c); by
                             default the nearest config.json holding them, in a deploy-cli file's folder or above.
                             Environment variables are added to the mappings, as a0deploy does by default
  --strict                   warnings fail too (exit code 1)
  --quiet                    report errors only (the summary still counts everything)
  -h, --help                 this help

Exit codes:
  0  no errors (and no warnings with --strict)
  1  errors found (or warnings with --strict)
  2  usage or I/O error: unknown option, missing or unreadable file, unknown file type, a folder or glob with no
     connection files, a document that is not well-formed JSON or YAML
`;

export const CREATE_HELP = `Usage: auth0-connections create <file> [--domain <tenant>] [options]

Creates the connection a file describes on an Auth0 tenant (POST /api/v2/connections), the same way the editor's
"Auth0: Create Connection on Tenant" command does. A document with errors is never sent. Applications listed in
enabled_clients (by name or client ID) are enabled afterwards through PATCH /api/v2/connections/{id}/clients (tenants
refuse enabled_clients in the body); an application that does not exist stops the create before anything is sent.
A ##KEY## placeholder takes the value of the environment variable KEY; one without a value stops the create.

Credentials (environment, the names other Auth0 tools use):
  AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET   a machine-to-machine application authorized for the Auth0 Management
                                          API with the create:connections scope (a token is requested for you)
  AUTH0_ACCESS_TOKEN or AUTH0_API_TOKEN    a Management API access token with create:connections (used when set;
                                          AUTH0_API_TOKEN is the Terraform provider's name for it)
  (with enabled_clients, also read:clients and update:connections)

Options:
  --domain <tenant>          the tenant's domain, e.g. my-tenant.eu.auth0.com; AUTH0_DOMAIN when absent (the name
                             auth0-deploy-cli and the Terraform provider read); --domain wins over it
  --yes, -y                  do not ask for confirmation (required when not run from a terminal)
  --dry-run                  print the request that would be sent (token and secrets masked); send nothing
  --api-base-url <url>       Management API base instead of https://<tenant>/api/v2 (loopback addresses only:
                             127.0.0.1, [::1], localhost; for tests and local emulators)
  --auth-base-url <url>      token endpoint base instead of https://<tenant> (loopback addresses only)
  --timeout <seconds>        per HTTP request (default 30)
  -h, --help                 this help

Exit codes:
  0  created: prints "Created connection NAME (con_...) on TENANT"
  1  not created: the document has errors, the confirmation was declined, or Auth0 refused the request (its
     message is printed, with the file location of the property it names); also when the outcome is uncertain
     (server error, timeout): the connection may or may not exist, check before trying again
  2  usage or I/O error: bad option or domain, missing credentials, unreadable file, no --yes without a terminal
`;

export const PULL_HELP = `Usage: auth0-connections pull (--name NAME... | --strategy STRATEGY... | --all) [options]

Writes the tenant's connections as connection files, DIR/<name>.connection.<yaml|json>, that validate and that
diff and apply read back: only what a create accepts (server-owned fields such as id left out), keys in a stable
order, enabled applications as enabled_clients by name. Lists every page of connections (checkpoint pagination).
Each file is checked after writing; a warning says when apply would refuse it.

${PLACEHOLDER_TEXT}

Options:
  --name NAME                the connection named NAME (repeatable)
  --strategy STRATEGY        every connection of this strategy (repeatable)
  --all                      every connection of the tenant
  --out DIR                  where to write (default: the current folder; created if missing)
  --format yaml|json         default yaml
  --force                    replace files that exist (never replaced otherwise)
  -h, --help                 this help

${TENANT_TEXT}
  Scopes: read:connections, and read:clients to name the enabled applications.

Exit codes:
  0  every connection asked for was written
  1  a file exists (without --force), a name is not on the tenant, or Auth0 refused (the message says why)
  2  usage error: bad option or domain, missing credentials
`;

export const DIFF_HELP = `Usage: auth0-connections diff <file>... [--format text|json] [options]

Compares each connection file with the connection of the same name on the tenant, semantically: key order,
formatting and values equal to Auth0's default (display_name = name, realms = [name], ...) are not differences; a
top-level property the file leaves out is not managed by it. Lines read as in git diff: "-" the tenant's value,
"+" the file's. Inside options, a key the file leaves out is a removal (apply deletes it: options are replaced
whole). enabled_clients compare as a set of application names. Secrets are masked on both sides.

${PLACEHOLDER_TEXT}

Options:
  --format text|json         text (default) or JSON for scripts
  -h, --help                 this help

${TENANT_TEXT}
  Scopes: read:connections, and read:clients when a file lists enabled_clients.

Exit codes (as git diff --exit-code):
  0  no differences
  1  differences, including a connection that does not exist yet ("apply would create it")
  2  usage or I/O error, or a file that could not be compared (unreadable, not well-formed, Auth0 refused the read)
`;

export const APPLY_HELP = `Usage: auth0-connections apply <file>... [--yes] [--dry-run] [options]

Makes the tenant match each connection file. No connection of that name: it is created (without enabled_clients
in the body), then enabled for the applications the file lists. One exists: its strategy must match (it cannot
change); it is updated with every property the file has (display_name always, since Auth0 resets an omitted one
to the name) and the whole options when they differ, then enabled for exactly the applications listed. Nothing
differs: nothing is sent. Every file is read and planned first; the plan is printed, options that would be deleted
are named, and a confirmation is asked (or --yes). A file with errors is never sent. A request that fails is
never retried; one that may or may not have been applied says so: compare again with diff.

${PLACEHOLDER_TEXT} A new connection has no value to keep: a placeholder without one stops
its create. Custom database configuration values come back encrypted, so they cannot be kept when the options
change: set their variables.

Options:
  --yes, -y                  do not ask for confirmation (required when not run from a terminal)
  --dry-run                  read the tenant and print the plan; send nothing
  -h, --help                 this help

${TENANT_TEXT}
  Scopes: read:connections, update:connections, create:connections (new connections), read:clients (enabled_clients).

Exit codes:
  0  every file applied or already up to date
  1  a file was refused (errors, a strategy change, an unknown application, a placeholder without a value), Auth0
     refused a request, or a request may or may not have been applied (compare again)
  2  usage or I/O error: bad option or domain, missing credentials, unreadable file, no --yes without a terminal
`;
