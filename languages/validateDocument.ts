/**
 * Everything we say about one document, as LSP diagnostics: syntax and schema problems from the language service,
 * then the semantic rules and per-strategy checks over the parsed tree. The server publishes this list; the CLI prints
 * it. One function, so the editor and CI can never disagree.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { LanguageMode } from './languageMode';
import type { ParsedBody } from '../engine/documentTree';
import { DIAGNOSTIC_SOURCE, type Finding, type FindingSeverity } from '../engine/findings';
import { runRules } from '../engine/rules/index';
import { checkStrategyOptions } from '../engine/strategyOptions';

/** Past this size we still parse and run the rules, but skip schema validation, which is the slow part. */
export const SCHEMA_VALIDATION_LIMIT_CHARS = 5_000_000;

export async function validateDocument(
  document: TextDocument,
  mode: LanguageMode,
  parsed: ParsedBody = mode.parseBody(document),
): Promise<Diagnostic[]> {
  const text = document.getText();
  if (looksBinary(text)) {
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
  const findings = withoutRepeats([...runRules(parsed), ...checkStrategyOptions(parsed.root)]);
  const ruleDiagnostics = findings.map((finding) => fromFinding(document, finding));

  let schemaDiagnostics: Diagnostic[];
  if (text.length > SCHEMA_VALIDATION_LIMIT_CHARS) {
    schemaDiagnostics = [
      fromFinding(document, {
        code: 'too-large',
        severity: 'information',
        message: `This file is ${Math.round(text.length / 1e6)} MB; schema validation is skipped above ${SCHEMA_VALIDATION_LIMIT_CHARS / 1e6} MB.`,
        offset: 0,
        length: 0,
      }),
    ];
  } else {
    schemaDiagnostics = (await mode.doValidation(document)).map(labelServiceDiagnostic);
  }

  // A rule that reports a problem at the same place as the schema says it better (it knows the fix); keep the
  // rule's. Notes (information, hints) never hide a schema problem.
  const ruleStarts = new Set(
    ruleDiagnostics.filter((d) => (d.severity ?? 1) <= DiagnosticSeverity.Warning).map((d) => positionKey(d.range.start)),
  );
  const kept = schemaDiagnostics.filter((d) => !ruleStarts.has(positionKey(d.range.start)));
  return sortDiagnostics([...kept, ...ruleDiagnostics]);
}

/** The engine's tree for a document: from the mode's own parse when it offers one (JSON), else parsed here. */
/**
 * The semantic rules and the per-strategy checker can see the same key from two angles (a database-only option on
 * google-oauth2 is both "database-only" and "not a google-oauth2 option"); one message per place is enough: the most
 * severe, and on a tie the rule's, which comes first because it is the more specific.
 */
function withoutRepeats(findings: Finding[]): Finding[] {
  const kept = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.offset}:${finding.length}`;
    const previous = kept.get(key);
    if (!previous || SEVERITY[finding.severity] < SEVERITY[previous.severity]) kept.set(key, finding);
  }
  return [...kept.values()];
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
