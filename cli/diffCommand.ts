/**
 * `auth0-connections diff`: each connection file against its connection on the tenant, semantically (key order,
 * formatting, Auth0's defaults ignored; secrets masked on both sides). Exit codes as `git diff --exit-code`: 0 no
 * differences, 1 differences (including "would be created"), 2 usage, I/O or a comparison that could not be made.
 */
import { compareWithTenant, type LifecycleSession } from '../common/auth0';
import { checkBeforeSending } from '../engine/index';
import { parseArgs, type OptionSpec } from './args';
import { ModeCache } from './checkFiles';
import { readConnectionInput } from './connectionInput';
import { formatDiffJson, formatDiffText, type FileComparison } from './diffReport';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { DIFF_HELP, VERSION } from './help';
import type { CliIO } from './io';
import { openSession, preload, TENANT_OPTIONS, tenantTarget } from './tenantTarget';

const OPTIONS: OptionSpec[] = [
  ...TENANT_OPTIONS,
  { name: 'format', kind: 'value', valueName: 'text|json', choices: ['text', 'json'] },
  { name: 'help', kind: 'flag', short: 'h' },
];

const SCOPES = 'read:connections (and read:clients when a file lists enabled_clients)';

export async function diffCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const args = parseArgs(argv, OPTIONS, 'diff');
  if (args.flags.has('help')) {
    io.out(DIFF_HELP);
    return ExitCode.Ok;
  }
  if (args.positionals.length === 0) throw new UsageError('Name the connection files to compare, e.g. "auth0-connections diff google.connection.yaml --domain my-tenant.eu.auth0.com".');
  const target = tenantTarget(args, io, 'auth0-connections diff FILE');
  const { session, end } = openSession(target, io, SCOPES, false);
  io.catchInterrupts();
  const loaded = await preload(session, args.positionals.length);
  if (loaded !== undefined) {
    end();
    io.err(`${loaded}\n`);
    return ExitCode.Usage;
  }
  const modes = new ModeCache();
  const entries: FileComparison[] = [];
  for (const path of args.positionals) entries.push(await compareFile(path, session, modes, io));
  end();
  const tenant = target.endpoints.domain;
  io.out(args.values.get('format') === 'json' ? formatDiffJson(entries, tenant, VERSION) : formatDiffText(entries, tenant));
  if (entries.some((e) => e.status === 'error')) return ExitCode.Usage;
  return entries.some((e) => e.status === 'different' || e.status === 'new') ? ExitCode.Failed : ExitCode.Ok;
}

async function compareFile(path: string, session: LifecycleSession, modes: ModeCache, io: CliIO): Promise<FileComparison> {
  const input = await readConnectionInput(path, io, modes);
  if ('problem' in input) return { path, status: 'error', message: input.problem.replace(`${path}: `, '') };
  // A file with errors is still compared (apply will refuse it); one that does not parse cannot be.
  const body = checkBeforeSending(input.parsed, []);
  if (!body.ok) {
    const why = body.reason === 'body' ? body.message : body.reason === 'syntax' ? `not well-formed (${body.problem?.message ?? 'empty'})` : 'it has errors';
    return { path, status: 'error', message: why };
  }
  if (body.name === undefined) return { path, status: 'error', message: 'the file has no "name", so there is nothing to compare it with' };
  if (input.errors.length > 0) io.err(`${path}: ${input.errors.length} error${input.errors.length === 1 ? '' : 's'} (run "auth0-connections validate ${path}"); apply refuses it until they are fixed.\n`);
  const result = await compareWithTenant(session, body.body);
  switch (result.kind) {
    case 'failed':
      return { path, status: 'error', message: result.failure.userMessage };
    case 'new':
      return { path, status: 'new', name: result.name };
    case 'compared':
      return { path, status: result.differs ? 'different' : 'same', result };
    default: {
      const never: never = result;
      return never;
    }
  }
}
