/**
 * Everything we say about one document, as LSP diagnostics: the schema diagnostics a language mode computed, then
 * the semantic rules over the parsed tree. Pure: the caller (languages/validateDocument.ts) runs the library
 * validation and hands its diagnostics in, so the engine never depends on a language service.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { schemaProblemPlace, schemaProblemSeverity, type SchemaProblemPlace } from './evidence';
import { DIAGNOSTIC_SOURCE, type Finding, type FindingSeverity } from './findings';
import { runRules } from './rules/index';
import { STRATEGY_OPTION_CONSTRAINT } from './strategyOptionsValidator';
import type { ParsedBody } from './tree/bodyTree';

/** Past this size we still parse and run the rules, but skip schema validation, which is the slow part. */
export const SCHEMA_VALIDATION_LIMIT_CHARS = 5_000_000;

/**
 * The whole answer for a document no parser should read further (binary data, nested past the depth guard), or
 * undefined when the document can be validated.
 */
export function unreadableDocumentDiagnostics(document: TextDocument, parsed: ParsedBody): Diagnostic[] | undefined {
  if (looksBinary(document.getText())) {
    return [
      fromFinding(document, {
        code: 'not-text',
        severity: 'error',
        message: 'This file holds binary data, not a JSON or YAML connection body.',
        offset: 0,
        length: 0,
      }),
    ];
  }
  if (parsed.tooDeep) {
    return parsed.syntaxProblems.map((problem) => fromFinding(document, { code: 'too-deep', severity: 'error', ...problem }));
  }
  return undefined;
}

/** The note shown instead of schema diagnostics on a document too large to validate against the schema. */
export function schemaSkippedDiagnostic(document: TextDocument): Diagnostic {
  return fromFinding(document, {
    code: 'too-large',
    severity: 'information',
    message: `This file is ${Math.round(document.getText().length / 1e6)} MB; schema validation is skipped above ${SCHEMA_VALIDATION_LIMIT_CHARS / 1e6} MB.`,
    offset: 0,
    length: 0,
  });
}

/**
 * The rules' findings and the schema's diagnostics as one sorted list, each at the severity its evidence gives
 * (engine/evidence.ts, docs/SEVERITY.md). One problem at one place is said once: by the rule when it is at least as
 * severe as the schema (it says it better and knows the fix), by the schema when the schema's is an error and the
 * rule only repeats the per-strategy spec's opinion of the same value. Notes (information, hints) never hide a
 * schema problem.
 */
export function combineDiagnostics(document: TextDocument, parsed: ParsedBody, schemaDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  const ruleDiagnostics = [
    ...(parsed.aliasProblems ?? []).map((problem) => fromFinding(document, { code: 'yaml-alias', severity: 'error', ...problem })),
    ...runRules(parsed).map((finding) => fromFinding(document, finding)),
  ];
  const place = schemaProblemPlace(parsed);
  const weighed = schemaDiagnostics.map((diagnostic) => weighSchemaDiagnostic(document, place, labelServiceDiagnostic(diagnostic)));
  const mostSevereRuleAt = new Map<string, number>();
  for (const diagnostic of ruleDiagnostics) {
    const severity = diagnostic.severity ?? DiagnosticSeverity.Error;
    if (severity > DiagnosticSeverity.Warning) continue;
    const key = positionKey(diagnostic.range.start);
    mostSevereRuleAt.set(key, Math.min(severity, mostSevereRuleAt.get(key) ?? severity));
  }
  const keptSchema = weighed.filter((d) => (mostSevereRuleAt.get(positionKey(d.range.start)) ?? Infinity) > (d.severity ?? 1));
  const schemaErrorStarts = new Set(
    keptSchema.filter((d) => (d.severity ?? 1) === DiagnosticSeverity.Error).map((d) => positionKey(d.range.start)),
  );
  const keptRules = ruleDiagnostics.filter(
    (d) => !(d.code === STRATEGY_OPTION_CONSTRAINT && schemaErrorStarts.has(positionKey(d.range.start))),
  );
  return sortDiagnostics([...keptSchema, ...keptRules]);
}

/**
 * A schema error at the severity its evidence gives: inside the options of a strategy Auth0 is not known to validate
 * against that rule it is the spec's word, a warning that says so.
 */
function weighSchemaDiagnostic(document: TextDocument, place: SchemaProblemPlace, diagnostic: Diagnostic): Diagnostic {
  if ((diagnostic.severity ?? DiagnosticSeverity.Error) !== DiagnosticSeverity.Error || diagnostic.code !== 'schema') return diagnostic;
  const weight = schemaProblemSeverity(place, document.offsetAt(diagnostic.range.start));
  if (weight.severity === 'error') return diagnostic;
  return {
    ...diagnostic,
    severity: DiagnosticSeverity.Warning,
    message: `${diagnostic.message} (The spec's rule for options.${weight.option}; Auth0 is not known to refuse it on ${place.strategy ?? ''} connections.)`,
  };
}

function looksBinary(text: string): boolean {
  // A NUL in the first few KB never occurs in JSON or YAML text; it does in every binary format people mis-open.
  return text.slice(0, 8192).includes('\u0000');
}

const SEVERITY: Record<FindingSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fromFinding(document: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: {
      start: document.positionAt(finding.offset),
      end: document.positionAt(finding.offset + finding.length),
    },
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.tags?.length) {
    diagnostic.tags = finding.tags.map((tag) => (tag === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

/** The modes have already coded each diagnostic (syntax / schema / duplicate-key); the engine signs them as ours. */
function labelServiceDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
  return { ...diagnostic, source: DIAGNOSTIC_SOURCE, message: tidyServiceMessage(message) };
}

function tidyServiceMessage(message: string): string {
  // The services end some messages without a full stop and some with; say each one the same way.
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : trimmed + '.';
}

function positionKey(position: { line: number; character: number }): string {
  return `${position.line}:${position.character}`;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.severity ?? 1) - (b.severity ?? 1),
  );
}
