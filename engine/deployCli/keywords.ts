/**
 * auth0-deploy-cli's keyword replacement (src/tools/utils.ts, `keywordReplace`), done the way deploy-cli does it, on
 * the raw text before parsing, and remembered as a TextMap so that everything found in the result can be shown on
 * the text the user wrote. For each key of AUTH0_KEYWORD_REPLACE_MAPPINGS, in the mappings' key order: first every
 * `@@KEY@@` (with the quotes around it when it is wrapped in matching quotes) becomes `JSON.stringify(value)`, then
 * every `##KEY##` becomes the value as text. A marker whose key has no mapping stays as written: it reaches Auth0
 * literally. Here such a marker standing where a value starts, which deploy-cli could not parse (`@@KEY@@`) or YAML
 * would read as a comment (`##KEY##`), is read as a quoted placeholder instead, so that the rest of the file is
 * still checked.
 */
import { TextMap, type Replacement } from './textMap';

export type KeywordMarker = '##' | '@@';

/** A `##KEY##` or `@@KEY@@` in a text. */
export interface KeywordOccurrence {
  marker: KeywordMarker;
  key: string;
  /** The marker itself, `##KEY##`. */
  offset: number;
  length: number;
  /** The marker is the whole value: quoted alone (`"@@KEY@@"`) or written bare where a value starts. */
  wholeValue: boolean;
  /** Written bare where a value starts (`key: @@KEY@@`): not parseable (or, `##` in YAML, a comment) until replaced. */
  bare: boolean;
}

/** Key names recognised as markers in a text (deploy-cli itself accepts any key of the mappings). */
const OCCURRENCE = /##([A-Za-z0-9_.-]+)##|@@([A-Za-z0-9_.-]+)@@/g;

/**
 * deploy-cli's own convention for keywords (its check for unresolved placeholders: `/^(##[A-Z0-9_]+##|@@[A-Z0-9_]+@@)$/`),
 * minus the variables of Auth0's own templates, which use the same `@@...@@` form (SAML request templates, the SMS
 * `@@password@@`) and are filled in by Auth0, not by deploy-cli.
 */
export function isKeywordName(key: string): boolean {
  return /^[A-Z0-9_]+$/.test(key) && !AUTH0_TEMPLATE_VARIABLES.has(key);
}

/** Variables of Auth0's SAML request template (options.requestTemplate) written `@@NAME@@`. */
const AUTH0_TEMPLATE_VARIABLES: ReadonlySet<string> = new Set(['ID']);

/** Every marker in `text`, in order, with where it stands. */
export function scanKeywords(text: string): KeywordOccurrence[] {
  const found: KeywordOccurrence[] = [];
  for (const match of text.matchAll(OCCURRENCE)) {
    const offset = match.index ?? 0;
    const marker: KeywordMarker = match[1] !== undefined ? '##' : '@@';
    const key = match[1] ?? match[2] ?? '';
    const length = match[0].length;
    const bare = standsBare(text, offset, offset + length);
    found.push({ marker, key, offset, length, bare, wholeValue: bare || quotedAlone(text, offset, offset + length) });
  }
  return found;
}

/** The marker is wrapped in matching quotes and nothing else. */
function quotedAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  return (before === '"' || before === "'") && text[end] === before;
}

/**
 * The marker stands where a value starts, unquoted: after `key:` (and a space), a YAML `- `, `[` or `,`, and is
 * followed only by the end of the line, a comment or the end of a flow collection.
 */
function standsBare(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
  const previous = text[before];
  const spaced = before < start - 1;
  let opens = previous === ':' || previous === '[' || previous === ',';
  if (previous === '-' && spaced) {
    let lineStart = before - 1;
    while (lineStart >= 0 && text[lineStart] === ' ') lineStart--;
    opens = lineStart < 0 || text[lineStart] === '\n';
  }
  if (!opens || (previous === ':' && !spaced && text[start] === '#')) return false;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const next = text[after];
  return next === undefined || next === '\n' || next === '\r' || next === ',' || next === ']' || next === '}' || (next === '#' && after > end);
}

/** The mappings deploy-cli substitutes: AUTH0_KEYWORD_REPLACE_MAPPINGS, environment included (see config.ts). */
export type KeywordValues = Readonly<Record<string, unknown>>;

export interface Substitution {
  /** The text deploy-cli would parse (with placeholders quoted where they stand bare). */
  text: string;
  /** Source (the text as written) to view (`text`). */
  map: TextMap;
  /** Mapped keys that occur in the text. */
  usedKeys: ReadonlySet<string>;
  /** Keys whose deploy-cli pattern is not a valid regular expression (deploy-cli would throw on them). */
  invalidKeys: readonly string[];
}

/**
 * The text with the mapped keywords replaced as deploy-cli replaces them, then every marker still standing bare
 * quoted as a placeholder. `values` undefined: no mappings are known, every marker is a placeholder.
 */
export function substituteKeywords(text: string, values: KeywordValues | undefined): Substitution {
  let current = text;
  let map = TextMap.identity;
  const usedKeys = new Set<string>();
  const invalidKeys: string[] = [];
  const keys = values ? Object.keys(values) : [];
  for (const marker of ['@@', '##'] as const) {
    for (const key of keys) {
      const pattern = keyPattern(marker, key);
      if (!pattern) {
        if (marker === '@@') invalidKeys.push(key);
        continue;
      }
      const replacement = marker === '@@' ? String(JSON.stringify(values?.[key])) : String(values?.[key]);
      const pass = replaceAll(current, pattern, () => replacement);
      if (!pass) continue;
      usedKeys.add(key);
      current = pass.text;
      map = map.then(pass.map);
    }
  }
  const quoted = quoteBarePlaceholders(current);
  if (quoted) {
    current = quoted.text;
    map = map.then(quoted.map);
  }
  return { text: current, map, usedKeys, invalidKeys };
}

/** deploy-cli's expressions (keywordReplaceArrayRegExp / keywordReplaceStringRegExp), the key unescaped as there. */
function keyPattern(marker: KeywordMarker, key: string): RegExp | undefined {
  const source = marker === '@@' ? `'@@${key}@@'|"@@${key}@@"|@@${key}@@` : `##${key}##`;
  try {
    return new RegExp(source, 'g');
  } catch {
    return undefined;
  }
}

/** Every match of `pattern` replaced, with the map of the pass; undefined when nothing matched. */
function replaceAll(text: string, pattern: RegExp, replacement: (match: string) => string): { text: string; map: TextMap } | undefined {
  const replacements: Replacement[] = [];
  let result = '';
  let copied = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    // An empty match (a key that matches nothing, e.g. `a|`) would loop in place in deploy-cli too; it changes nothing.
    if (match[0].length === 0) continue;
    result += text.slice(copied, start);
    const viewStart = result.length;
    result += replacement(match[0]);
    replacements.push({ sourceStart: start, sourceEnd: start + match[0].length, viewStart, viewEnd: result.length });
    copied = start + match[0].length;
  }
  if (replacements.length === 0) return undefined;
  result += text.slice(copied);
  return { text: result, map: new TextMap(replacements) };
}

/** Markers still standing bare (unmapped keys), written as quoted strings so that the text parses. */
function quoteBarePlaceholders(text: string): { text: string; map: TextMap } | undefined {
  const replacements: Replacement[] = [];
  let result = '';
  let copied = 0;
  for (const occurrence of scanKeywords(text)) {
    if (!occurrence.bare) continue;
    result += text.slice(copied, occurrence.offset);
    const viewStart = result.length;
    result += `"${text.slice(occurrence.offset, occurrence.offset + occurrence.length)}"`;
    replacements.push({ sourceStart: occurrence.offset, sourceEnd: occurrence.offset + occurrence.length, viewStart, viewEnd: result.length });
    copied = occurrence.offset + occurrence.length;
  }
  if (replacements.length === 0) return undefined;
  return { text: result + text.slice(copied), map: new TextMap(replacements) };
}
