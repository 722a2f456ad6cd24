/**
 * `auth0-connections create`: the editor's create path (common/auth0 `createConnection`) from a terminal. The
 * document is checked by the same engine first and never sent with errors; every outcome's message is Auth0's
 * answer turned into what to do, already free of secrets.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createBody, createWithEnabledClients, enabledClientEntries, type ApplyOutcome, type CreateConnectionOutcome } from '../common/auth0';
import { locateProperty, type ParsedBody } from '../engine/index';
import { parseArgs, type OptionSpec } from './args';
import { ModeCache } from './checkFiles';
import { notSentReason, printDiagnostics, readConnectionInput, sendable } from './connectionInput';
import { describeRequest, describeTokenSource } from './dryRun';
import { credentialsFromEnv } from './envCredentials';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { CREATE_HELP } from './help';
import type { CliIO } from './io';
import { openSession, TENANT_OPTIONS, tenantTarget } from './tenantTarget';

const OPTIONS: OptionSpec[] = [...TENANT_OPTIONS, { name: 'yes', kind: 'flag', short: 'y' }, { name: 'dry-run', kind: 'flag' }, { name: 'help', kind: 'flag', short: 'h' }];

/** Exit code of a Ctrl+C, as shells report it (128 + SIGINT). */
const INTERRUPTED = 130;

/** What create needs: create:connections, and read:clients + update:connections when the file lists applications. */
const SCOPES = 'create:connections (and read:clients + update:connections to enable the applications in enabled_clients)';

export async function createCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue | typeof INTERRUPTED> {
  const args = parseArgs(argv, OPTIONS, 'create');
  if (args.flags.has('help')) {
    io.out(CREATE_HELP);
    return ExitCode.Ok;
  }
  const [filePath, ...extra] = args.positionals;
  if (filePath === undefined) throw new UsageError('Name the connection file to create, e.g. "auth0-connections create google.connection.json --domain my-tenant.eu.auth0.com".');
  if (extra.length > 0) throw new UsageError(`create takes one file; got ${args.positionals.length} (${args.positionals.join(', ')}).`);
  const target = tenantTarget(args, io, `auth0-connections create ${filePath}`);
  const dryRun = args.flags.has('dry-run');
  // Opening sends nothing; it settles the credentials (a usage error when none are set) before the file is read.
  const opened = dryRun ? undefined : openSession(target, io, SCOPES);

  const input = await readConnectionInput(filePath, io, new ModeCache());
  if ('problem' in input) throw new UsageError(input.problem);
  printDiagnostics(input, io);
  const prepared = sendable(input);
  if (!prepared.ok) {
    io.err(`Not sent: ${notSentReason(input, prepared)}; nothing was created.\n`);
    return ExitCode.Failed;
  }
  const what = `connection ${prepared.name ?? '(unnamed)'}${prepared.strategy ? ` (strategy ${prepared.strategy})` : ''}`;
  const applications = enabledClientEntries(prepared.body);

  if (opened === undefined) {
    // Refused as the real run would refuse it; printed with its placeholders as written (values are never shown).
    const created = createBody(prepared.body, io.env, target.endpoints.domain);
    if (!created.ok) {
      io.err(`${created.message}\n`);
      return ExitCode.Failed;
    }
    const { enabled_clients: _listed, ...body } = prepared.body;
    void _listed;
    io.out(describeRequest(target.endpoints, body));
    const then = applications && applications.length > 0 ? ` Then PATCH ${target.endpoints.apiBaseUrl}/connections/{id}/clients would enable it for ${applications.join(', ')}.` : '';
    const fromEnv = credentialsFromEnv(io.env, target.endpoints.domain);
    const credentials = fromEnv.ok ? fromEnv.credentials : undefined;
    io.err(`Dry run: the request above would create ${what} on ${target.endpoints.domain}; nothing was sent.${then} ${describeTokenSource(target.endpoints, credentials, fromEnv.ok ? fromEnv.description : undefined)}\n`);
    return ExitCode.Ok;
  }
  if (!args.flags.has('yes')) {
    if (!io.interactive) {
      throw new UsageError(`Not sent: creating ${what} on ${target.endpoints.domain} needs a confirmation, and there is no terminal to ask. Pass --yes to create without asking.`);
    }
    const answer = await io.ask(`Create ${what} on ${target.endpoints.domain}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('Not created (not confirmed).\n');
      return ExitCode.Failed;
    }
  }
  io.catchInterrupts();
  const outcome = await createWithEnabledClients(opened.session, prepared.body);
  opened.end();
  return report400Location(outcome, filePath, input.text, input.parsed, io) ?? finish(outcome, io);
}

function finish(outcome: ApplyOutcome, io: CliIO): ExitCodeValue | typeof INTERRUPTED {
  switch (outcome.kind) {
    case 'created':
      return finishCreate(outcome.create, io, outcome.enabledFor);
    case 'failed':
      // Created, but enabling its applications failed: the id first, then what is left to do.
      if (outcome.create?.kind === 'created') finishCreate(outcome.create, io);
      else if (outcome.create !== undefined) return finishCreate(outcome.create, io);
      io.err(outcome.userMessage + '\n');
      return ExitCode.Failed;
    case 'refused':
    case 'updated':
    case 'unchanged':
      io.err(outcome.userMessage + '\n');
      return ExitCode.Failed;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function finishCreate(outcome: CreateConnectionOutcome, io: CliIO, enabledFor?: readonly string[]): ExitCodeValue | typeof INTERRUPTED {
  switch (outcome.kind) {
    case 'created':
      io.out(`Created connection ${outcome.name} (${outcome.id}) on ${outcome.tenant}\n`);
      if (enabledFor !== undefined && enabledFor.length > 0) io.err(`Enabled for ${enabledFor.join(', ')}.\n`);
      if (enabledFor !== undefined && enabledFor.length === 0) {
        io.err('It is enabled for no application yet: list them in enabled_clients (names or client IDs) and create with that, or enable it in the Auth0 Dashboard.\n');
      }
      if (outcome.dashboardUrl) io.err(`Auth0 Dashboard: ${outcome.dashboardUrl}\n`);
      return ExitCode.Ok;
    case 'cancelled':
      io.err(outcome.userMessage + '\n');
      return INTERRUPTED;
    case 'not-sent':
      io.err(outcome.userMessage + '\n');
      return outcome.reason === 'invalid-config' ? ExitCode.Usage : ExitCode.Failed;
    default:
      // rejected, unauthorized, forbidden, conflict, rate-limited, unexpected, and uncertain (may or may not exist).
      io.err(outcome.userMessage + '\n');
      return ExitCode.Failed;
  }
}

/** For a 400 naming a property: `file:line:col` of that property (or of its parent when it is missing), then the rest. */
function report400Location(applied: ApplyOutcome, filePath: string, text: string, parsed: ParsedBody, io: CliIO): ExitCodeValue | undefined {
  const outcome = applied.kind === 'failed' ? applied.create : undefined;
  if (outcome?.kind !== 'rejected' || outcome.property === undefined) return undefined;
  const span = locateProperty(parsed, outcome.property.path);
  if (span === undefined) return undefined;
  const position = TextDocument.create('file:///x', 'json', 1, text).positionAt(span.offset);
  const what = outcome.property.missing ? `missing ${outcome.property.propertyPath}` : outcome.property.propertyPath;
  io.err(`${filePath}:${position.line + 1}:${position.character + 1}: error auth0-api ${what}: ${outcome.message}\n`);
  io.err(outcome.userMessage + '\n');
  return ExitCode.Failed;
}
