/**
 * The benchmark documents (bench/documents/, see its README) and the positions each figure is measured at. Positions are found in the
 * text, not hard-coded, so a regenerated document keeps meaningful positions:
 * - completion "options property": a blank line inserted right after `options:` / `"options": {`, caret at the
 *   indentation of the options' own keys (what an editor holds after Enter);
 * - completion "strategy value": the caret at the end of the strategy value;
 * - hover "strategy key" and "options key": on the `strategy` key and on the first key inside options.
 * The edit measured for didChange -> diagnostics toggles one character at the end of the `display_name` line.
 * In a deploy-cli tenant file (tenant.yaml / tenant.json: a `connections:` list) the same places are taken in the middle
 * item of the list, and the edit toggles a character at the end of that item's `name` value: typing in one item.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { GENERATED_DOCUMENT_NAMES, generateDocument, isGeneratedDocument } from './documents/generate';

export const BENCH_DIR = resolve(__dirname, 'documents');

/** A benchmark file's text: committed in bench/documents/, or built by bench/documents/generate.ts. */
export function benchDocumentText(name: string): string {
  return isGeneratedDocument(name) ? generateDocument(name) : readFileSync(resolve(BENCH_DIR, name), 'utf8');
}

/** Every benchmark file (committed or built) whose name matches, e.g. /\.yaml$/. */
export function benchFileNames(pattern: RegExp): string[] {
  const committed = readdirSync(BENCH_DIR).filter((name) => /\.(json|yaml)$/.test(name) && !isGeneratedDocument(name));
  return [...committed, ...GENERATED_DOCUMENT_NAMES].filter((name) => pattern.test(name)).sort();
}

export type Format = 'json' | 'yaml';

export interface BenchDocument {
  name: string;
  format: Format;
  /** The document as opened for diagnostics and memory figures. */
  text: string;
  /** The same body with the blank line for property completion; used for completion and hover. */
  completionText: string;
  size: 'small' | 'large';
  positions: {
    optionsProperty: Position;
    strategyValue: Position;
    strategyKey: Position;
    optionsKey: Position;
  };
  /** didChange edits: index 0 inserts a character, index 1 removes it again. */
  edits: [TextDocumentContentChangeEvent, TextDocumentContentChangeEvent];
  /** A deploy-cli tenant file (a list of connections) rather than one connection body. */
  tenant: boolean;
}

export const DOCUMENT_NAMES = ['typical.yaml', 'errors.yaml', 'large.yaml', 'tenant.yaml', 'typical.json', 'errors.json', 'large.json', 'tenant.json'];

/** The lines the measuring places are looked for in, and how their keys are written there. */
interface BodyLines {
  from: number;
  to: number;
  /** Key patterns: at column 0 in a YAML connection file, indented inside a tenant file's list item. */
  key: (name: string) => RegExp;
  /** The line whose value the didChange edit extends. */
  editKey: string;
}

function bodyLines(name: string, format: Format, lines: readonly string[]): BodyLines {
  if (!name.startsWith('tenant.')) {
    const key = (k: string) => (format === 'json' ? new RegExp(`^\\s*"${k}"\\s*:`) : new RegExp(`^${k}:`));
    return { from: 0, to: lines.length, key, editKey: 'display_name' };
  }
  const itemStart = format === 'json' ? /^\s*"name"\s*:\s*"conn-/ : /^\s*- name:/;
  const starts = lines.flatMap((line, index) => (itemStart.test(line) ? [index] : []));
  const middle = starts.length >> 1;
  const key = (k: string) => (format === 'json' ? new RegExp(`^\\s*"${k}"\\s*:`) : new RegExp(`^\\s*(- )?${k}:`));
  return { from: starts[middle] ?? 0, to: starts[middle + 1] ?? lines.length, key, editKey: 'name' };
}

export function loadDocument(name: string): BenchDocument {
  const text = benchDocumentText(name);
  const format: Format = name.endsWith('.json') ? 'json' : 'yaml';
  const lines = text.split('\n');
  const body = bodyLines(name, format, lines);
  const find = (pattern: RegExp, what: string): number => {
    const index = lines.slice(body.from, body.to).findIndex((line) => pattern.test(line));
    if (index < 0) throw new Error(`${name}: no ${what} line`);
    return body.from + index;
  };
  const optionsLine = find(format === 'json' ? /^\s*"options"\s*:\s*\{\s*$/ : new RegExp(`${body.key('options').source}\\s*$`), 'options');
  const strategyLine = find(body.key('strategy'), 'strategy');
  const displayLine = find(body.key(body.editKey), body.editKey);
  const firstOptionLine = lines[optionsLine + 1] ?? '';
  const indent = /^\s*/.exec(firstOptionLine)?.[0].length ?? 2;

  const completionLines = [...lines.slice(0, optionsLine + 1), ' '.repeat(indent), ...lines.slice(optionsLine + 1)];
  const strategyText = lines[strategyLine] ?? '';
  // In JSON the caret goes before the closing quote of the value; in YAML at the end of the line.
  const strategyValueChar = format === 'json' ? strategyText.lastIndexOf('"') : strategyText.trimEnd().length;
  const strategyKeyChar = format === 'json' ? strategyText.indexOf('"') + 2 : strategyText.indexOf('strategy') + 2;
  // Positions in completionText: lines after the inserted blank line move down by one.
  const shift = (line: number): number => (line > optionsLine ? line + 1 : line);

  // In JSON the display_name (name) line ends with `",`: the edit goes inside the string.
  const displayText = lines[displayLine] ?? '';
  const editChar = format === 'json' ? displayText.lastIndexOf('"') : displayText.trimEnd().length;
  const at = { line: displayLine, character: editChar };
  return {
    name,
    format,
    text,
    completionText: completionLines.join('\n'),
    size: text.length > 100_000 ? 'large' : 'small',
    positions: {
      optionsProperty: { line: optionsLine + 1, character: indent },
      strategyValue: { line: shift(strategyLine), character: strategyValueChar },
      strategyKey: { line: shift(strategyLine), character: strategyKeyChar },
      optionsKey: { line: optionsLine + 2, character: indent + (format === 'json' ? 2 : 1) },
    },
    edits: [
      { range: { start: at, end: at }, text: 'x' },
      { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
    ],
    tenant: name.startsWith('tenant.'),
  };
}
