/** `auth0-connections validate`: expand the arguments, check each file, print one report, say it in the exit code. */
import { resolve } from 'node:path';
import { parseArgs, type OptionSpec } from './args';
import { DeployCliFiles } from './deployCliFiles';
import { checkFiles } from './checkFiles';
import { ExitCode, UsageError, type ExitCodeValue } from './exitCodes';
import { VALIDATE_HELP, VERSION } from './help';
import { expandInputs } from './inputs';
import type { CliIO } from './io';
import { buildReport, formatJson, formatSarif, formatText, problemLine, type Report } from './reporters';

const OPTIONS: OptionSpec[] = [
  { name: 'format', kind: 'value', valueName: 'text|json|sarif', choices: ['text', 'json', 'sarif'] },
  { name: 'config', kind: 'value', valueName: 'FILE' },
  { name: 'strict', kind: 'flag' },
  { name: 'quiet', kind: 'flag', short: 'q' },
  { name: 'help', kind: 'flag', short: 'h' },
];

export async function validateCommand(argv: readonly string[], io: CliIO): Promise<ExitCodeValue> {
  const args = parseArgs(argv, OPTIONS, 'validate');
  if (args.flags.has('help')) {
    io.out(VALIDATE_HELP);
    return ExitCode.Ok;
  }
  if (args.positionals.length === 0) {
    throw new UsageError('Name at least one file, folder or glob to validate, e.g. "auth0-connections validate connections/".');
  }
  const format = args.values.get('format') ?? 'text';

  const configOption = args.values.get('config');
  const deployCli = new DeployCliFiles(configOption === undefined ? undefined : resolve(io.cwd, configOption), io.env);
  const inputs = await expandInputs(args.positionals, io.cwd, deployCli);
  const checked = await checkFiles(inputs.files, deployCli);
  const report = buildReport(checked.reports, [...inputs.problems, ...checked.problems], args.flags.has('quiet'));

  // Problems go to stderr in every format, so that a CI log shows them even when stdout is a SARIF file.
  for (const problem of report.problems) io.err(problemLine(problem) + '\n');
  for (const file of report.files) {
    if (file.unparsable) io.err(`${file.path}: Not well-formed ${file.format === 'json' ? 'JSON' : 'YAML'}; see the syntax errors.\n`);
  }
  if (format === 'json') io.out(formatJson(report, VERSION));
  else if (format === 'sarif') io.out(formatSarif(report, VERSION, io.cwd));
  else io.out(formatText(report));
  return exitCodeFor(report, args.flags.has('strict'));
}

function exitCodeFor(report: Report, strict: boolean): ExitCodeValue {
  if (report.summary.problems > 0 || report.summary.unparsable > 0) return ExitCode.Usage;
  if (report.summary.errors > 0) return ExitCode.Failed;
  if (strict && report.summary.warnings > 0) return ExitCode.Failed;
  return ExitCode.Ok;
}
