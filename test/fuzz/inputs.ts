/**
 * What the fuzz suite sends, all drawn from one seeded Random: the corpus documents (test/fixtures/corpus) in JSON and
 * YAML, mutated; alias bombs; incremental edits inside and outside the document; positions anywhere, including past
 * the end; formatting options the protocol allows but no editor means.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Random } from './random';

export type Format = 'json' | 'yaml';

export interface CorpusDocument {
  name: string;
  format: Format;
  text: string;
}

const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');

/** Every corpus body in both formats: the JSON ones also as YAML, the YAML ones also as JSON. */
export function loadCorpus(): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  for (const name of readdirSync(CORPUS_DIR).sort()) {
    if (!/\.(json|ya?ml)$/.test(name)) continue;
    const text = readFileSync(join(CORPUS_DIR, name), 'utf8');
    const format: Format = name.endsWith('.json') ? 'json' : 'yaml';
    documents.push({ name, format, text });
    // Some bodies hold Auth0's templates (`@@var@@`) where a value goes: not JSON, so not rendered as YAML.
    const value = format === 'json' ? parsedOrUndefined(text) : undefined;
    if (value !== undefined) documents.push({ name: `${name} as YAML`, format: 'yaml', text: stringify(value) });
  }
  return documents;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Pieces that matter to a JSON or YAML parser, or to the engine's rules. */
const TOKENS = [
  '{', '}', '[', ']', ':', ',', '"', "'", '\n', '\r\n', '\r', '\t', ' ', '  ', '- ', '#', '# comment\n', '&a ', '*a', '!!str ',
  '!!binary ', '? ', '|\n', '>-\n', '\ufeff', '\u0000', '\ud800', '\udfff', '😀', 'null', '~', 'true', '1e999', '-0', '0x1F',
  '"\\u0000"', '"\\ud800"', '<<: *a\n', '%YAML 1.2\n---\n', '---\n', '...\n', 'strategy', 'options', 'name', 'samlp',
  'auth0', '"strategy": "oauth2"', 'strategy: waad\n', 'passwordPolicy: ', 'attributes:', '[[[', ']]]', '{{{', '}}}',
  'x'.repeat(2000), '\\', '\\"', '@@password@@', '{{ liquid }}', '\u2028', '\u00a0', '=', '%', '`', '$ref', '$schema',
];

type Mutation = (random: Random, text: string, corpus: readonly CorpusDocument[]) => string;

const MUTATIONS: ReadonlyArray<readonly [number, Mutation]> = [
  [5, (r, t) => insertAt(t, r.below(t.length + 1), r.pick(TOKENS))],
  [3, (r, t) => remove(t, r.below(t.length + 1), r.between(1, 20))],
  [2, (r, t) => {
    const start = r.below(t.length + 1);
    return insertAt(t, r.below(t.length + 1), t.slice(start, start + r.between(1, 60)));
  }],
  [2, (r, t) => {
    const lines = t.split('\n');
    const [i, j] = [r.below(lines.length), r.below(lines.length)];
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }],
  [1, (r, t) => t.slice(0, r.below(t.length + 1))],
  [3, (r, t) => {
    const at = r.below(t.length);
    return t.slice(0, at) + String.fromCharCode(r.below(0x80)) + t.slice(at + 1);
  }],
  [2, (r, t) => {
    const lines = t.split('\n');
    const i = r.below(lines.length);
    lines[i] = r.chance(0.5) ? ' '.repeat(r.between(1, 9)) + lines[i] : lines[i]!.trimStart();
    return lines.join('\n');
  }],
  [1, (r, t) => {
    const depth = r.pick([5, 50, 250, 300]);
    const at = r.below(t.length + 1);
    return t.slice(0, at) + '['.repeat(depth) + ']'.repeat(r.chance(0.8) ? depth : r.below(depth)) + t.slice(at);
  }],
  [1, (r, t) => '\ufeff'.repeat(r.between(1, 3)) + t],
  [1, (r, t) => (r.chance(0.5) ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, '\r'))],
  [2, (r, t, corpus) => {
    const other = r.pick(corpus).text;
    const start = r.below(other.length + 1);
    return insertAt(t, r.below(t.length + 1), other.slice(start, start + r.between(10, 400)));
  }],
];

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

function remove(text: string, at: number, length: number): string {
  return text.slice(0, at) + text.slice(at + length);
}

/** A corpus document with 0-8 mutations. */
export function mutatedDocument(random: Random, corpus: readonly CorpusDocument[]): CorpusDocument {
  const base = random.pick(corpus);
  let text = base.text;
  const count = random.weighted<number>([[2, 0], [4, 1], [3, 2], [2, 4], [1, 8]]);
  for (let i = 0; i < count; i++) text = random.weighted(MUTATIONS)(random, text, corpus);
  return { name: `${base.name} + ${count} mutations`, format: base.format, text };
}

/** `levels` nested anchors each listing `fanOut` aliases of the one before: a few hundred bytes, fanOut^levels nodes. */
export function aliasBomb(random: Random): CorpusDocument {
  const levels = random.between(3, 10);
  const fanOut = random.between(2, 10);
  const where = random.pick(['metadata', 'options', 'realms', 'options:\n  attributes', 'enabled_clients']);
  const indent = where.includes('\n') ? '    ' : '  ';
  const sequence = where === 'realms' || where === 'enabled_clients';
  let text = `name: bomb\nstrategy: ${random.pick(['auth0', 'samlp', 'oidc'])}\n${where}:\n`;
  for (let i = 0; i < levels; i++) {
    const items = i === 0 ? 'x, y' : Array(fanOut).fill(`*l${i - 1}`).join(', ');
    text += `${indent}${sequence ? '-' : `l${i}:`} &l${i} [${items}]\n`;
  }
  if (random.chance(0.3)) text += `${indent}${sequence ? '-' : 'merged:'} {<<: *l0, self: &s [*s]}\n`;
  return { name: `alias bomb ${levels}x${fanOut} under ${where.replace('\n', ' ')}`, format: 'yaml', text };
}

/** Mostly a position inside the document; sometimes past a line's end, past the last line, or absurd. */
export function randomPosition(random: Random, document: TextDocument): Position {
  const inside = document.positionAt(random.below(document.getText().length + 1));
  return random.weighted<Position>([
    [16, inside],
    [2, { line: inside.line, character: inside.character + random.between(1, 500) }],
    [1, { line: document.lineCount + random.between(0, 50), character: random.below(20) }],
    [1, { line: random.pick([2 ** 31 - 1, 1e9]), character: random.pick([0, 2 ** 31 - 1]) }],
  ]);
}

export interface Edit {
  range: Range;
  text: string;
  /** True when the range is not inside the document (the server must clamp it). */
  outOfRange: boolean;
}

/** An incremental edit: a random range replaced by a token or a snippet; 1 in 8 has a range outside the document. */
export function randomEdit(random: Random, document: TextDocument, corpus: readonly CorpusDocument[]): Edit {
  const text = random.chance(0.7) ? random.pick(TOKENS) : snippet(random, corpus);
  if (random.chance(1 / 8)) {
    const line = document.lineCount;
    const range = random.pick<Range>([
      { start: { line: line + 5, character: 0 }, end: { line: line + 6, character: 3 } },
      { start: { line: 0, character: 999 }, end: { line: 0, character: 1000 } },
      { start: { line: line - 1, character: 0 }, end: { line: line + 100, character: 0 } },
      { start: { line: -1, character: -4 }, end: { line: 0, character: 1 } },
      { start: { line: 1.5, character: 0.5 }, end: { line: 2, character: 0 } },
    ]);
    return { range, text, outOfRange: true };
  }
  const start = random.below(document.getText().length + 1);
  const end = Math.min(document.getText().length, start + random.weighted([[6, 0], [3, random.between(1, 10)], [1, random.between(10, 200)]]));
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text, outOfRange: false };
}

function snippet(random: Random, corpus: readonly CorpusDocument[]): string {
  const other = random.pick(corpus).text;
  const start = random.below(other.length + 1);
  return other.slice(start, start + random.between(1, 120));
}

/** Formatting options as a hostile or buggy client may send them (the protocol allows any uinteger tabSize). */
export function hostileFormattingOptions(random: Random): Record<string, unknown> {
  const options: Record<string, unknown> = {
    tabSize: random.pick([0, 1, 2, 4, 8, 16, 17, 1000, 1e7, 1e8, 1e9, 2 ** 31 - 1, -1, 2.5, null, '4', true]),
    insertSpaces: random.pick([true, false, 'yes', null]),
  };
  if (random.chance(0.3)) options['printWidth'] = random.pick([-1, 0, 1, 1e9]);
  if (random.chance(0.3)) options['tabWidth'] = random.pick([1e9, -3]);
  if (random.chance(0.2)) options['trimTrailingWhitespace'] = random.pick([true, 'no']);
  if (random.chance(0.2)) options['insertFinalNewline'] = random.pick([true, false, 7]);
  return options;
}
