/**
 * Everything said about a deploy-cli document, on the text as written: syntax (of the text deploy-cli parses, keywords
 * replaced), then each connection item through the schema and the engine's rules (results kept per item text, so an
 * edit re-checks only the item it touched), the files deploy-cli must read, and the keywords it must replace.
 * Findings made on the view are carried back through the keyword map; a finding about a value that is still an
 * unmapped placeholder is dropped (nothing is known of that value but its keyword, which has its own finding).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { LibraryDiagnosticCodes } from '../../common/protocol';
import {
  fileReferences,
  combineItemFindings,
  tidyServiceMessage,
  fromFinding,
  inSecretField,
  isKeywordName,
  itemFindings,
  keywordFindings,
  lineStartOf,
  missingFileFindings,
  sortDiagnostics,
  unreadableDocumentDiagnostics,
  type DeployCliItem,
  type Finding,
  type KeywordOccurrence,
} from '../../engine/index';
import type { ItemSchemaValidator } from '../itemValidator';
import type { DeployCliAnalysis, DeployCliContext } from './analysis';
import { strictJsonProblems } from './strictJson';

/** Not valid JSON/YAML only once the keywords are replaced. */
const KEYWORD_SYNTAX = 'keyword-syntax';

/** An item's findings with offsets from the item's start, reusable wherever the same text appears. */
export type ItemFindingsCache = Map<string, Finding[]>;

export async function deployCliDiagnostics(
  analysis: DeployCliAnalysis,
  context: DeployCliContext,
  validator: ItemSchemaValidator,
  previous: ItemFindingsCache,
  next: ItemFindingsCache,
): Promise<Diagnostic[]> {
  const { source, parsed, substitution } = analysis;
  const unreadable = unreadableDocumentDiagnostics(source, parsed);
  if (unreadable) return unreadable;
  const viewFindings: Finding[] = [...documentProblems(analysis)];
  for (const item of analysis.items) viewFindings.push(...(await findingsOfItem(analysis, item, validator, previous, next)));
  if (context.path !== undefined) {
    for (const item of analysis.items) {
      viewFindings.push(...missingFileFindings(fileReferences(item, analysis.layout, context.path), context.fileExists));
    }
  }
  const unresolved = analysis.occurrences.filter((occurrence) => !isResolved(occurrence, context));
  const findings: Finding[] = [];
  for (const finding of viewFindings) {
    // A mapped secret reads as the secret itself in the view; as written it is a keyword, which is the advice.
    if (finding.code === 'clear-text-secret' && substitution.map.replacementAtView(finding.offset, finding.length)) continue;
    const span = substitution.map.spanToSource(finding.offset, finding.length);
    if (isValueFinding(finding) && unresolved.some((o) => overlaps(o, span))) continue;
    findings.push({ ...finding, ...span });
  }
  if (context.mappings) {
    findings.push(...keywordFindings(analysis.occurrences, context.mappings, analysis.format, (o) => inSecretField(source.getText(), o)));
  }
  return sortDiagnostics(findings.map((finding) => fromFinding(source, finding)));
}

/** Syntax of the view (what deploy-cli parses), keys written twice, and JSON that JSON.parse would refuse. */
function documentProblems(analysis: DeployCliAnalysis): Finding[] {
  const { parsed, format, substitution } = analysis;
  const language = format === 'json' ? 'JSON' : 'YAML';
  const findings: Finding[] = parsed.syntaxProblems.map((problem): Finding => {
    // A problem on a line where a keyword was replaced is deploy-cli's doing (`"pre @@LIST@@"` puts a list inside a
    // string): another code, which the editor shows even where its JSON/YAML support checks the text as written.
    const lineStart = lineStartOf(substitution.text, problem.offset);
    const lineEnd = substitution.text.indexOf('\n', problem.offset);
    const replaced = substitution.map.replacementAtView(lineStart, (lineEnd < 0 ? substitution.text.length : lineEnd) - lineStart);
    return replaced
      ? { code: KEYWORD_SYNTAX, severity: 'error', message: `Once deploy-cli replaces the keywords on this line, it is not valid ${language}: ${tidyServiceMessage(problem.message)}`, offset: problem.offset, length: problem.length }
      : { code: LibraryDiagnosticCodes.syntax, severity: 'error', message: tidyServiceMessage(problem.message), offset: problem.offset, length: problem.length };
  });
  // js-yaml (deploy-cli's YAML parser) refuses a key written twice; JSON.parse keeps the last one.
  for (const duplicate of parsed.duplicateKeys) {
    findings.push({ code: LibraryDiagnosticCodes.duplicateKey, severity: format === 'yaml' ? 'error' : 'warning', message: tidyServiceMessage(duplicate.message), offset: duplicate.offset, length: duplicate.length });
  }
  if (format === 'json') findings.push(...strictJsonProblems(analysis.substitution.text));
  return findings;
}

async function findingsOfItem(
  analysis: DeployCliAnalysis,
  item: DeployCliItem,
  validator: ItemSchemaValidator,
  previous: ItemFindingsCache,
  next: ItemFindingsCache,
): Promise<Finding[]> {
  const start = item.node.offset;
  const key = `${item.kind}\u0000${item.impliedStrategy}\u0000${analysis.substitution.text.slice(start, start + item.node.length)}`;
  let relative = next.get(key) ?? previous.get(key);
  if (!relative) {
    const found = await computeItemFindings(analysis, item, validator);
    relative = found.map((finding) => ({ ...finding, offset: finding.offset - start }));
  }
  next.set(key, relative);
  return relative.map((finding) => ({ ...finding, offset: finding.offset + start }));
}

/** The schema's problems and the rules' findings of one item, combined as a connection file's are (engine). */
async function computeItemFindings(analysis: DeployCliAnalysis, item: DeployCliItem, validator: ItemSchemaValidator): Promise<Finding[]> {
  const rules = itemFindings(analysis.format, item, analysis.layout);
  const schema = (await validator.validate(item.node, item.kind, item.strategy)).map(
    (problem): Finding => ({
      code: problem.code,
      severity: problem.severity,
      message: problem.message,
      offset: problem.offset,
      length: problem.length,
      ...(problem.deprecated ? { tags: ['deprecated' as const] } : {}),
    }),
  );
  return combineItemFindings(item.node, item.impliedStrategy ? 'auth0' : undefined, rules, schema);
}

function isResolved(occurrence: KeywordOccurrence, context: DeployCliContext): boolean {
  if (!isKeywordName(occurrence.key) && !occurrence.bare) return true;
  return context.mappings !== undefined && Object.prototype.hasOwnProperty.call(context.mappings.values, occurrence.key);
}

/** Findings about a value (its type, form or content), as opposed to the document's syntax or a file it names. */
function isValueFinding(finding: Finding): boolean {
  return ![LibraryDiagnosticCodes.syntax, KEYWORD_SYNTAX, LibraryDiagnosticCodes.duplicateKey, 'missing-file'].includes(finding.code);
}

function overlaps(occurrence: KeywordOccurrence, span: { offset: number; length: number }): boolean {
  return occurrence.offset < span.offset + Math.max(span.length, 1) && span.offset < occurrence.offset + occurrence.length;
}

