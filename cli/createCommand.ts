/**
 * `auth0-connections create`: the editor's create path (common/auth0 `createConnection`) from a terminal. The
 * document is checked by the same engine first and never sent with errors; every outcome's message is Auth0's
 * answer turned into what to do, already free of secrets.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, DEFAULT_TIMEOUT_MS, type CreateConnectionOutcome } from '../common/auth0';
import { formatFromPath } from '../common/fileMatching';
import { checkBeforeSending, locateProperty, parseBody, type ParsedBody, type SendCheck } from '../engine/index';
import { parseArgs, type OptionSpec } from './args';
import { checkOne, ModeCache, readConnectionFile } from './checkFiles';
import { describeFsError } from './inputs';
import { describeRequest, describeTokenSource } from './dryRun';
import { credentialsFromEnv } from './envCredentials';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { CREATE_HELP } from './help';
import type { CliIO } from './io';
import { buildReport } from './reporters';
import { tenantFromArgs } from './tenantArgs';

const OPTIONS: OptionSpec[] = [
  { name: 'domain', kind: 'value', valueName: 'TENANT' },
  { name: 'yes', kind: 'flag', short: 'y' },
  { name: 'dry-run', kind: 'flag' },
  { name: 'api-base-url', kind: 'value', valueName: 'URL' },
  { name: 'auth-base-url', kind: 'value', valueName: 'URL' },
  { name: 'timeout', kind: 'value', valueName: 'SECONDS' },
  { name: 'help', kind: 'flag', short: 'h' },
];

/** Exit code of a Ctrl+C, as shells report it (128 + SIGINT). */
const INTERRUPTED = 130;

export async function createCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue | typeof INTERRUPTED> {
  const args = parseArgs(argv, OPTIONS, 'create');
  if (args.flags.has('help')) {
    io.out(CREATE_HELP);
    return ExitCode.Ok;
  }
  const [filePath, ...extra] = args.positionals;
  if (filePath === undefined) throw new UsageError('Name the connection file to create, e.g. "auth0-connections create google.connection.json --domain my-tenant.eu.auth0.com".');
  if (extra.length > 0) throw new UsageError(`create takes one file; got ${args.positionals.length} (${args.positionals.join(', ')}).`);
  const dryRun = args.flags.has('dry-run');
  const { tenant, endpoints } = tenantFromArgs(args, io.env, `auth0-connections create ${filePath}`);
  const timeoutMs = parseTimeout(args.values.get('timeout'));

  const fromEnv = credentialsFromEnv(io.env, endpoints.domain);
  if (!fromEnv.ok && !dryRun) throw new UsageError(fromEnv.message);

  const checked = await readCheckedBody(filePath, io);
  if (typeof checked === 'number') return checked;
  const { prepared, text, parsed } = checked;
  const what = `connection ${prepared.name ?? '(unnamed)'}${prepared.strategy ? ` (strategy ${prepared.strategy})` : ''}`;

  if (dryRun) {
    io.out(describeRequest(endpoints, prepared.body));
    const credentials = fromEnv.ok ? fromEnv.credentials : undefined;
    io.err(`Dry run: the request above would create ${what} on ${endpoints.domain}; nothing was sent. ${describeTokenSource(endpoints, credentials, fromEnv.ok ? fromEnv.description : undefined)}\n`);
    return ExitCode.Ok;
  }
  if (!fromEnv.ok) throw new UsageError(fromEnv.message);
  for (const warning of fromEnv.warnings) io.err(`Warning: ${warning}\n`);

  if (!args.flags.has('yes')) {
    if (!io.interactive) {
      throw new UsageError(`Not sent: creating ${what} on ${endpoints.domain} needs a confirmation, and there is no terminal to ask. Pass --yes to create without asking.`);
    }
    const answer = await io.ask(`Create ${what} on ${endpoints.domain}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('Not created (not confirmed).\n');
      return ExitCode.Failed;
    }
  }

  const countdown = new Countdown(io);
  io.catchInterrupts();
  const outcome = await createConnection({
    tenant,
    credentials: fromEnv.credentials,
    body: prepared.body,
    timeoutMs,
    signal: io.signal,
    onProgress: (progress) => {
      if (progress.stage === 'rate-limited') return;
      countdown.end();
      io.err(progress.message + '\n');
    },
    onRateLimitWait: (secondsLeft, attempt) => countdown.tick(secondsLeft, attempt, endpoints.domain),
  });
  countdown.end();
  return report400Location(outcome, filePath, text, parsed, io) ?? finish(outcome, io);
}

/**
 * The request body of a file, after the same check as `validate` and the editor: a document with errors is never
 * sent. Returns the exit code when it must not be sent (diagnostics printed); throws a UsageError for I/O problems.
 */
async function readCheckedBody(
  filePath: string,
  io: CliIO,
): Promise<{ prepared: Extract<SendCheck, { ok: true }>; text: string; parsed: ParsedBody } | ExitCodeValue> {
  const absolutePath = resolve(io.cwd, filePath);
  // What the path is comes first: a folder or a missing file is that, whatever its name ends in.
  const info = await stat(absolutePath).catch((error: unknown) => error as NodeJS.ErrnoException);
  if (info instanceof Error) throw new UsageError(`${filePath}: ${describeFsError(info, filePath)}`);
  if (info.isDirectory()) {
    throw new UsageError(`${filePath}: This is a folder; create sends one connection file. Name the file in it (validate checks a whole folder).`);
  }
  const format = formatFromPath(filePath);
  if (format === undefined) throw new UsageError(`${filePath}: Unknown file type: a connection file ends in .json, .yaml or .yml, which tells its format.`);
  const file = { displayPath: filePath, absolutePath, format };
  const read = await readConnectionFile(file);
  if ('problem' in read) throw new UsageError(`${read.problem.displayPath}: ${read.problem.message}`);

  const parsed = parseBody(read.text, format);
  const report = buildReport([await checkOne(file, read.text, new ModeCache(), parsed)], [], false);
  for (const d of report.files[0]?.diagnostics ?? []) {
    if (d.severity === 'error' || d.severity === 'warning') io.err(`${filePath}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}\n`);
  }
  // The same check as the editor's; a syntax problem is one of the errors printed above.
  const errors = report.files[0]?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const prepared = checkBeforeSending(parsed, errors);
  if (prepared.ok) return { prepared, text: read.text, parsed };
  if (prepared.reason === 'body') {
    io.err(`Not sent: ${prepared.message}\n`);
    return ExitCode.Failed;
  }
  const count = Math.max(1, errors.length);
  io.err(`Not sent: ${filePath} has ${count} error${count === 1 ? '' : 's'}. Fix ${count === 1 ? 'it' : 'them'} and try again; nothing was created.\n`);
  return ExitCode.Failed;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--timeout takes a number of seconds, more than 0 and at most 3600 (got "${value}").`);
  }
  return Math.round(seconds * 1000);
}

function finish(outcome: CreateConnectionOutcome, io: CliIO): ExitCodeValue | typeof INTERRUPTED {
  switch (outcome.kind) {
    case 'created':
      io.out(`Created connection ${outcome.name} (${outcome.id}) on ${outcome.tenant}\n`);
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
function report400Location(
  outcome: CreateConnectionOutcome,
  filePath: string,
  text: string,
  parsed: ParsedBody,
  io: CliIO,
): ExitCodeValue | undefined {
  if (outcome.kind !== 'rejected' || outcome.property === undefined) return undefined;
  const span = locateProperty(parsed, outcome.property.path);
  if (span === undefined) return undefined;
  const position = TextDocument.create('file:///x', 'json', 1, text).positionAt(span.offset);
  const what = outcome.property.missing ? `missing ${outcome.property.propertyPath}` : outcome.property.propertyPath;
  io.err(`${filePath}:${position.line + 1}:${position.character + 1}: error auth0-api ${what}: ${outcome.message}\n`);
  io.err(outcome.userMessage + '\n');
  return ExitCode.Failed;
}

/** The 429 wait on stderr: rewritten in place on a terminal, one line per wait otherwise (CI logs). */
class Countdown {
  #active = false;
  #lastAttempt = 0;

  constructor(private readonly io: CliIO) {}

  tick(secondsLeft: number, attempt: number, tenant: string): void {
    const text = `${tenant} is rate-limiting requests (429); retrying in ${secondsLeft} s (retry ${attempt})`;
    if (this.io.interactive) {
      this.io.err(`\r${text} `);
      this.#active = true;
    } else if (attempt !== this.#lastAttempt) {
      this.io.err(text + '\n');
    }
    this.#lastAttempt = attempt;
  }

  end(): void {
    if (this.#active) this.io.err('\n');
    this.#active = false;
  }
}
