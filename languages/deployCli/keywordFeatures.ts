/**
 * Hover and completion on deploy-cli's keywords themselves, on the text as written: hovering `##KEY##` shows the value
 * deploy-cli will put there (a secret's masked) and where it comes from; typing after `##` or `@@` offers the keys of
 * the mappings. Values never reach a log: they are shown only in the hover a user asked for.
 */
import type { CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver-types';
import { CompletionItemKind } from 'vscode-languageserver-types';
import { basenameOf, inSecretField, isSecretKeyword, MAPPINGS_KEY, type KeywordOccurrence } from '../../engine/index';
import type { DeployCliAnalysis, DeployCliContext } from './analysis';

const NO_CONFIG =
  `No deploy-cli config was found for this file (a \`config.json\` holding \`${MAPPINGS_KEY}\` in its folder or above, or ` +
  'the `auth0Connections.deployCli.config` setting), so keywords are read as placeholders.';

export function keywordHover(analysis: DeployCliAnalysis, context: DeployCliContext, position: Position): Hover | null {
  const offset = analysis.source.offsetAt(position);
  const occurrence = analysis.occurrences.find((o) => o.offset <= offset && offset <= o.offset + o.length);
  if (!occurrence) return null;
  const { source } = analysis;
  const range = { start: source.positionAt(occurrence.offset), end: source.positionAt(occurrence.offset + occurrence.length) };
  const title = `**\`${occurrence.marker}${occurrence.key}${occurrence.marker}\`**: deploy-cli keyword (${describeMarker(occurrence)})`;
  const secret = isSecretKeyword(occurrence.key) || inSecretField(source.getText(), occurrence);
  return { range, contents: { kind: 'markdown', value: `${title}\n\n${describeValue(occurrence, context, secret)}` } };
}

function describeMarker(occurrence: KeywordOccurrence): string {
  return occurrence.marker === '##'
    ? 'replaced by the value as text'
    : 'replaced by the value as JSON; the quotes around it go too, so a list becomes a list';
}

function describeValue(occurrence: KeywordOccurrence, context: DeployCliContext, secret: boolean): string {
  const mappings = context.mappings;
  if (!mappings) return NO_CONFIG;
  const config = `\`${basenameOf(mappings.configPath)}\` (${mappings.configPath})`;
  if (!Object.prototype.hasOwnProperty.call(mappings.values, occurrence.key)) {
    return `Not in \`${MAPPINGS_KEY}\` of ${config}: deploy-cli sends it as written unless the environment supplies \`${occurrence.key}\` when a0deploy runs.`;
  }
  const value = mappings.values[occurrence.key];
  const shown = secret ? '(a secret: not shown)' : `\`${preview(value)}\``;
  switch (mappings.origins[occurrence.key]) {
    case 'environment':
      // Environment variables often hold secrets whatever their names: their values are never shown.
      return `Value: from the environment variable \`${occurrence.key}\` of the editor (not shown; a0deploy reads its own environment when it runs).`;
    case 'environment-json':
      return `Value: ${shown}, from the environment variable \`${MAPPINGS_KEY}\` (which replaces the mappings of ${config}).`;
    default:
      return `Value: ${shown}, from \`${MAPPINGS_KEY}\` in ${config}.`;
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Keys of the mappings while a keyword is being typed after `##` or `@@` (the environment's own variables left out). */
export function keywordCompletion(analysis: DeployCliAnalysis, context: DeployCliContext, position: Position): CompletionList | undefined {
  const text = analysis.source.getText();
  const offset = analysis.source.offsetAt(position);
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1] ?? '')) start--;
  const marker = text.slice(start - 2, start);
  if (marker !== '##' && marker !== '@@') return undefined;
  if (!context.mappings) return { isIncomplete: false, items: [] };
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end] ?? '')) end++;
  const closed = text.slice(end, end + 2) === marker;
  const range = { start: analysis.source.positionAt(start), end: analysis.source.positionAt(end) };
  const items: CompletionItem[] = [];
  const { values, origins } = context.mappings;
  for (const key of Object.keys(values)) {
    if (origins[key] === 'environment') continue;
    items.push({
      label: key,
      kind: CompletionItemKind.Constant,
      detail: isSecretKeyword(key) ? 'deploy-cli keyword (a secret)' : `deploy-cli keyword: ${preview(values[key])}`,
      textEdit: { range, newText: closed ? key : `${key}${marker}` },
    });
  }
  return { isIncomplete: false, items };
}
