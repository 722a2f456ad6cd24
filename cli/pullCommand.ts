/**
 * `auth0-connections pull`: the tenant's connections as connection files (`DIR/<name>.connection.<ext>`), secrets as
 * `##KEY##` placeholders, enabled applications by name. Never overwrites a file without `--force`. Each written
 * file is checked by the engine, since apply refuses a file with errors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { connectionFileName, formatConnectionFile, formatPlaceholders, pullConnections, type FileFormat, type PulledConnection } from '../common/auth0';
import { parseArgs, type OptionSpec } from './args';
import { checkOne, ModeCache } from './checkFiles';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { PULL_HELP } from './help';
import { describeFsError } from './inputs';
import type { CliIO } from './io';
import { openSession, TENANT_OPTIONS, tenantTarget } from './tenantTarget';

const OPTIONS: OptionSpec[] = [
  ...TENANT_OPTIONS,
  { name: 'name', kind: 'value', valueName: 'NAME', repeatable: true },
  { name: 'strategy', kind: 'value', valueName: 'STRATEGY', repeatable: true },
  { name: 'all', kind: 'flag' },
  { name: 'out', kind: 'value', valueName: 'DIR' },
  { name: 'format', kind: 'value', valueName: 'yaml|json', choices: ['yaml', 'json'] },
  { name: 'force', kind: 'flag' },
  { name: 'help', kind: 'flag', short: 'h' },
];

const SCOPES = 'read:connections and read:clients';

export async function pullCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const args = parseArgs(argv, OPTIONS, 'pull');
  if (args.flags.has('help')) {
    io.out(PULL_HELP);
    return ExitCode.Ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`pull takes no file arguments (got ${args.positionals.join(', ')}); name connections with --name.`);
  const names = args.lists.get('name');
  const strategies = args.lists.get('strategy');
  if (names === undefined && !args.flags.has('all') && strategies === undefined) {
    throw new UsageError('Say which connections to pull: --name NAME (repeatable), --strategy STRATEGY, or --all.');
  }
  if (names !== undefined && (args.flags.has('all') || strategies !== undefined)) throw new UsageError('--name cannot be combined with --all or --strategy.');
  const format = (args.values.get('format') ?? 'yaml') as FileFormat;
  const outDir = resolve(io.cwd, args.values.get('out') ?? '.');
  const target = tenantTarget(args, io, 'auth0-connections pull --all');
  const { session, end } = openSession(target, io, SCOPES, false);

  io.catchInterrupts();
  const pulled = await pullConnections(session, { ...(names ? { names } : {}), ...(strategies ? { strategies } : {}) });
  end();
  if (!pulled.ok) {
    io.err(`${pulled.userMessage}\n`);
    return ExitCode.Failed;
  }
  const report = pulled.value;
  for (const name of report.missing) io.err(`No connection named ${name} on ${report.tenant}.\n`);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`${args.values.get('out') ?? '.'}: ${describeFsError(error)}`);
  }
  const written = await writeAll(report.connections, { outDir, format, force: args.flags.has('force') }, io);
  const pages = report.pages === 1 ? '1 page' : `${report.pages} pages`;
  io.err(`Pulled ${written} of ${report.connections.length} connection${report.connections.length === 1 ? '' : 's'} from ${report.tenant} (${pages} of connections, ${report.requests} requests).\n`);
  return written === report.connections.length && report.missing.length === 0 ? ExitCode.Ok : ExitCode.Failed;
}

interface WriteOptions {
  outDir: string;
  format: FileFormat;
  force: boolean;
}

/** Writes each file (never over an existing one without --force); returns how many were written. */
async function writeAll(connections: readonly PulledConnection[], options: WriteOptions, io: CliIO): Promise<number> {
  const modes = new ModeCache();
  let written = 0;
  for (const connection of connections) {
    const path = join(options.outDir, connectionFileName(connection.name, options.format));
    const shown = relative(io.cwd, path) || path;
    const text = formatConnectionFile(connection.file, options.format);
    try {
      await writeFile(path, text, { flag: options.force ? 'w' : 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.err(`${shown}: ${code === 'EEXIST' ? 'exists; not overwritten (pass --force to replace it)' : describeFsError(error)}\n`);
      continue;
    }
    written++;
    io.out(`${shown}\n`);
    if (connection.file.placeholders.length > 0) io.err(`${shown}: secrets written as placeholders: ${formatPlaceholders(connection.file.placeholders)}\n`);
    await warnIfInvalid(shown, path, text, options.format, modes, io);
  }
  return written;
}

/** A pulled file the engine finds errors in would be refused by apply: say so now. */
async function warnIfInvalid(shown: string, path: string, text: string, format: FileFormat, modes: ModeCache, io: CliIO): Promise<void> {
  const report = await checkOne({ displayPath: shown, absolutePath: path, format }, text, modes);
  const errors = report.diagnostics.filter((d) => d.severity === 1);
  if (errors.length === 0) return;
  io.err(`${shown}: warning: this tool finds ${errors.length} error${errors.length === 1 ? '' : 's'} in what the tenant holds (run "auth0-connections validate ${shown}"); apply refuses the file until they are fixed.\n`);
}
