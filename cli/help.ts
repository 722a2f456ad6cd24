/** Usage texts and the version (inlined from package.json by the bundler). */
import { version as packageVersion } from '../package.json';

export const VERSION: string = packageVersion;

export const MAIN_HELP = `auth0-connections ${VERSION}: check and create Auth0 connection files (JSON or YAML) from a terminal or CI,
with the same engine as the editor extension.

Usage:
  auth0-connections validate <files|folders|globs...> [--format text|json|sarif] [--strict] [--quiet] [--config FILE]
  auth0-connections create <file> [--domain <tenant>] [--yes] [--dry-run] [options]
  auth0-connections <command> --help
  auth0-connections --version

Exit codes: 0 success, 1 errors found or connection not created, 2 usage or I/O error.
`;

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
"Auth0: Create Connection on Tenant" command does. A document with errors is never sent.

Credentials (environment, the names other Auth0 tools use):
  AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET   a machine-to-machine application authorized for the Auth0 Management
                                          API with the create:connections scope (a token is requested for you)
  AUTH0_ACCESS_TOKEN or AUTH0_API_TOKEN    a Management API access token with create:connections (used when set;
                                          AUTH0_API_TOKEN is the Terraform provider's name for it)

Options:
  --domain <tenant>          the tenant's domain, e.g. my-tenant.eu.auth0.com; AUTH0_DOMAIN when absent (the name
                             auth0-deploy-cli and the Terraform provider read); --domain wins over it
  --yes, -y                  do not ask for confirmation (required when not run from a terminal)
  --dry-run                  print the request that would be sent (token and secrets masked); send nothing
  --api-base-url <url>       Management API base instead of https://<tenant>/api/v2 (loopback addresses only;
                             for tests and local emulators)
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
