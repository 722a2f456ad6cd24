/**
 * The three shapes of a `validate` report: text for people (`path:line:col: severity code message`), JSON for
 * scripts, SARIF 2.1.0 for code-scanning UIs (GitHub, Azure DevOps). Lines and columns are 1-based everywhere;
 * columns count UTF-16 code units, as LSP does (SARIF says so with `columnKind`).
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FileReport } from './checkFiles';
import type { InputProblem } from './inputs';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export interface ReportedDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: string;
  message: string;
}

export interface ReportedFile {
  path: string;
  absolutePath: string;
  format: 'json' | 'yaml';
  unparsable: boolean;
  diagnostics: ReportedDiagnostic[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Arguments or files that could not be checked: missing, unreadable, unknown type, nothing matched (exit code 2). */
  problems: number;
  /** Files that are not well-formed JSON or YAML (exit code 2; their other findings may be incomplete). */
  unparsable: number;
}

export interface Report {
  files: ReportedFile[];
  problems: InputProblem[];
  summary: Summary;
}

const SEVERITY_NAMES: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function toReported(diagnostic: Diagnostic): ReportedDiagnostic {
  const { start, end } = diagnostic.range;
  return {
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: SEVERITY_NAMES[diagnostic.severity ?? 1] ?? 'error',
    code: diagnostic.code === undefined ? 'unknown' : String(diagnostic.code),
    // One diagnostic, one line: some service messages carry line breaks.
    message: diagnostic.message.replace(/\s*\n\s*/g, ' ').trim(),
  };
}

function byPosition(a: ReportedDiagnostic, b: ReportedDiagnostic): number {
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by path, then line and column; `errorsOnly` (--quiet) keeps the counts but drops the other lines. */
export function buildReport(reports: readonly FileReport[], problems: readonly InputProblem[], errorsOnly: boolean): Report {
  const summary: Summary = { files: reports.length, errors: 0, warnings: 0, infos: 0, hints: 0, problems: problems.length, unparsable: 0 };
  const files = reports.map((report): ReportedFile => {
    const all = report.diagnostics.map(toReported).sort(byPosition);
    for (const d of all) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else if (d.severity === 'info') summary.infos++;
      else summary.hints++;
    }
    if (report.unparsable) summary.unparsable++;
    return {
      path: report.file.displayPath,
      absolutePath: report.file.absolutePath,
      format: report.file.format,
      unparsable: report.unparsable,
      diagnostics: errorsOnly ? all.filter((d) => d.severity === 'error') : all,
    };
  });
  files.sort((a, b) => compareText(a.path, b.path));
  const sortedProblems = [...problems].sort((a, b) => compareText(a.displayPath, b.displayPath));
  return { files, problems: sortedProblems, summary };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(summary: Summary): string {
  const extra = [
    summary.infos > 0 ? plural(summary.infos, 'info') : '',
    summary.hints > 0 ? plural(summary.hints, 'hint') : '',
  ].filter((s) => s !== '');
  return (
    `${plural(summary.files, 'file')} checked: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}` +
    (extra.length > 0 ? `, ${extra.join(', ')}` : '') +
    (summary.unparsable > 0 ? `; ${summary.unparsable} not well-formed` : '') +
    (summary.problems > 0 ? `; ${plural(summary.problems, 'argument or file')} could not be checked` : '')
  );
}

export function problemLine(problem: InputProblem): string {
  return `${problem.displayPath}: ${problem.message}`;
}

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      lines.push(`${file.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`);
    }
  }
  lines.push(summaryLine(report.summary));
  return lines.join('\n') + '\n';
}

export function formatJson(report: Report, version: string): string {
  const document = {
    tool: { name: 'auth0-connections', version },
    summary: report.summary,
    files: report.files.map((file) => ({
      path: file.path,
      format: file.format,
      parsed: !file.unparsable,
      diagnostics: file.diagnostics,
    })),
    problems: report.problems.map((p) => ({ path: p.displayPath, message: p.message })),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

const SARIF_LEVEL: Record<SeverityName, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** Short descriptions for the codes every document can get; a rule's own code otherwise describes it. */
const RULE_TEXT: Record<string, string> = {
  syntax: 'The document is not well-formed JSON or YAML.',
  schema: "The body does not match the Management API's schema for POST /api/v2/connections.",
  'duplicate-key': 'A key is written twice in one object; only the last one would be sent.',
  'not-text': 'The file holds binary data, not a JSON or YAML connection body.',
  'too-large': 'The file is too large for schema validation.',
  'yaml-alias': 'A YAML alias names no anchor, contains itself, or aliases expand to too many values; the file is not sent.',
  'strict-json': 'JSON that the Management API (or deploy-cli, which reads with JSON.parse) refuses: comments, trailing commas.',
  'keyword-syntax': 'Not valid JSON or YAML once auth0-deploy-cli replaces its keywords (as a0deploy does, before parsing).',
  'missing-file': 'A custom database script or passwordless email template an auth0-deploy-cli file names does not exist; a0deploy stops the import at it.',
  'unmapped-keyword': 'An auth0-deploy-cli keyword (##KEY## / @@KEY@@) that AUTH0_KEYWORD_REPLACE_MAPPINGS does not map; deploy-cli leaves it as written.',
  'keyword-from-environment': 'An auth0-deploy-cli secret placeholder that AUTH0_KEYWORD_REPLACE_MAPPINGS does not map: expected from the environment when a0deploy runs.',
};

function toUri(path: string): string {
  return encodeURI(path.split(sep).join('/')).replace(/[?#]/g, encodeURIComponent);
}

export function formatSarif(report: Report, version: string, cwd: string): string {
  const rules: Array<Record<string, unknown>> = [];
  const ruleIndex = new Map<string, number>();
  const results: Array<Record<string, unknown>> = [];
  for (const file of report.files) {
    const uri = toUri(relative(cwd, file.absolutePath));
    for (const d of file.diagnostics) {
      let index = ruleIndex.get(d.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(d.code, index);
        rules.push({
          id: d.code,
          name: d.code.replace(/(?:^|-)([a-z0-9])/g, (_: string, c: string) => c.toUpperCase()),
          shortDescription: { text: RULE_TEXT[d.code] ?? `Auth0 connection rule ${d.code}.` },
          fullDescription: { text: RULE_TEXT[d.code] ?? `Auth0 connection rule ${d.code}; for example: ${d.message}` },
          defaultConfiguration: { level: SARIF_LEVEL[d.severity] },
        });
      }
      results.push({
        ruleId: d.code,
        ruleIndex: index,
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
      });
    }
  }
  const notifications = report.problems.map((p) => ({
    level: 'error',
    message: { text: problemLine(p) },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'auth0-connections',
            version,
            semanticVersion: version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
