/**
 * Everything we say about one document, as LSP diagnostics: the schema diagnostics a language mode computed, then
 * the semantic rules over the parsed tree. Pure: the caller (languages/validateDocument.ts) runs the library
 * validation and hands its diagnostics in, so the engine never depends on a language service.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { schemaProblemPlace, schemaProblemPlaceIn, schemaProblemSeverity, type SchemaProblemPlace } from './evidence';
import { DIAGNOSTIC_SOURCE, type Finding, type FindingSeverity } from './findings';
import { runRules } from './rules/index';
import { STRATEGY_OPTION_CONSTRAINT } from './strategyOptionsValidator';
import type { BodyNode, ParsedBody } from './tree/bodyTree';

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
 * (engine/evidence.ts, docs/SEVERITY.md); one problem at one place said once (sayOnce).
 */
export function combineDiagnostics(document: TextDocument, parsed: ParsedBody, schemaDiagnostics: readonly Diagnostic[]): Diagnostic[] {
  const ruleDiagnostics = [
    ...(parsed.aliasProblems ?? []).map((problem) => fromFinding(document, { code: 'yaml-alias', severity: 'error', ...problem })),
    ...runRules(parsed).map((finding) => fromFinding(document, finding)),
  ];
  const place = schemaProblemPlace(parsed);
  const weighed = schemaDiagnostics.map((diagnostic) => {
    const labelled = labelServiceDiagnostic(diagnostic);
    if ((labelled.severity ?? DiagnosticSeverity.Error) !== DiagnosticSeverity.Error || labelled.code !== 'schema') return labelled;
    const weight = schemaProblemSeverity(place, document.offsetAt(labelled.range.start));
    return weight.severity === 'error' ? labelled : { ...labelled, severity: DiagnosticSeverity.Warning, message: specsWordOnly(labelled.message, weight.option, place) };
  });
  const at = (d: Diagnostic) => ({ at: positionKey(d.range.start), severity: d.severity ?? DiagnosticSeverity.Error, code: d.code });
  return sortDiagnostics(sayOnce(ruleDiagnostics, weighed, at));
}

/**
 * The same for one deploy-cli item, in offsets: its rules' findings and its schema problems (coded `schema`), the
 * problems weighed against the item's strategy (implied for a `databases:` item), one problem said once.
 */
export function combineItemFindings(item: BodyNode, impliedStrategy: string | undefined, rules: readonly Finding[], schema: readonly Finding[]): Finding[] {
  const place = schemaProblemPlaceIn(item, impliedStrategy);
  const weighed = schema.map((finding): Finding => {
    const labelled = { ...finding, message: tidyServiceMessage(finding.message) };
    if (labelled.severity !== 'error') return labelled;
    const weight = schemaProblemSeverity(place, labelled.offset);
    return weight.severity === 'error' ? labelled : { ...labelled, severity: 'warning', message: specsWordOnly(labelled.message, weight.option, place) };
  });
  return sayOnce(rules, weighed, (f) => ({ at: f.offset, severity: SEVERITY[f.severity], code: f.code }));
}

function specsWordOnly(message: string, option: string, place: SchemaProblemPlace): string {
  return `${message} (The spec's rule for options.${option}; Auth0 is not known to refuse it on ${place.strategy ?? ''} connections.)`;
}

/**
 * One problem at one place is said once: by the rule when it is at least as severe as the schema (it says it better
 * and knows the fix), by the schema when the schema's is an error and the rule only repeats the per-strategy spec's
 * opinion of the same value. Notes (information, hints) never hide a schema problem.
 */
function sayOnce<T>(rules: readonly T[], schema: readonly T[], read: (item: T) => { at: string | number; severity: DiagnosticSeverity; code: unknown }): T[] {
  const mostSevereRuleAt = new Map<string | number, number>();
  for (const rule of rules) {
    const { at, severity } = read(rule);
    if (severity > DiagnosticSeverity.Warning) continue;
    mostSevereRuleAt.set(at, Math.min(severity, mostSevereRuleAt.get(at) ?? severity));
  }
  const keptSchema = schema.filter((problem) => {
    const { at, severity } = read(problem);
    return (mostSevereRuleAt.get(at) ?? Infinity) > severity;
  });
  const schemaErrorStarts = new Set(keptSchema.map(read).filter((p) => p.severity === DiagnosticSeverity.Error).map((p) => p.at));
  const keptRules = rules.filter((rule) => {
    const { at, code } = read(rule);
    return !(code === STRATEGY_OPTION_CONSTRAINT && schemaErrorStarts.has(at));
  });
  return [...keptSchema, ...keptRules];
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

/** A message ended with a full stop, as every message of ours is (the services end some without). */
export function tidyServiceMessage(message: string): string {
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
