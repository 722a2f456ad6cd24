/**
 * A fast path for the plain kind of block YAML that exporters write (the `yaml` package's stringify, js-yaml's dump,
 * deploy-cli's export): block mappings and sequences, one-line plain and quoted scalars, `[]` and `{}`, comments
 * after values and above the document. It builds the body tree directly, several times faster than the `yaml`
 * library's parse on a 1 MB tenant file (whose lexer and composer build far more than the tree needs). Anything else
 * (anchors, tags, block scalars, flow collections with content, multi-line scalars, a comment line inside the
 * document, tabs, a syntax error) returns undefined, and the caller parses with the library. When it returns a tree,
 * it is the tree parseYamlBody gives for the same text, offsets and lengths included: test/unit/plainYaml.test.ts
 * compares the two on every YAML document of the repository and on generated ones.
 */
import type { BodyNode, BodyProperty, ParsedBody, SyntaxProblem } from './bodyTree';

/** Thrown (one shared instance: nothing to build) where the text leaves the plain subset. */
const UNSUPPORTED = new Error('not plain YAML');

export function parsePlainYaml(text: string): ParsedBody | undefined {
  if (text.charCodeAt(0) === 0xfeff || /\t|\r(?!\n)/.test(text)) return undefined;
  return attempt(() => new PlainYamlParser(text, text.length).document());
}

/**
 * One block collection standing alone in `text` from `start` (its first entry, in column `start - lineStart`) up to
 * `limit`, which it must fill (blank lines aside): a list item of a tenant file re-read after an edit inside it.
 * Offsets are those of `text`. Undefined where the region leaves the plain subset or holds more than that collection.
 */
export function parsePlainYamlRegion(text: string, lineStart: number, start: number, limit: number): Pick<ParsedBody, 'root' | 'duplicateKeys'> | undefined {
  const region = text.slice(lineStart, limit);
  // A list item: its line holds only its indent and the `- ` before it.
  if (/\t|\r(?!\n)/.test(region) || region.slice(0, start - lineStart).trim() !== '-') return undefined;
  return attempt(() => new PlainYamlParser(text, limit, lineStart).region(start));
}

function attempt<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

interface Parsed {
  node: BodyNode;
  /** Where the node's source ends, trailing comment and newline included (the `yaml` library's `range[2]`). */
  end: number;
}

/** Core schema (YAML 1.2), as the `yaml` library resolves plain scalars (its schema/core and common/null). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function plainValue(source: string): string | number | boolean | null {
  if (NULL.test(source)) return null;
  if (BOOL.test(source)) return source[0] === 't' || source[0] === 'T';
  if (OCT.test(source)) return parseInt(source.slice(2), 8);
  if (INT.test(source)) return parseInt(source, 10);
  if (HEX.test(source)) return parseInt(source.slice(2), 16);
  if (FLOAT_NAN.test(source)) return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(source) || FLOAT.test(source)) return parseFloat(source);
  return source;
}

/** Characters a plain scalar may not start with (YAML's indicators), besides `-?:` followed by a space. */
const INDICATORS = new Set([...'[]{}#&*!|>\'"%@`,']);
/** Escapes a double-quoted scalar may hold for JSON.parse to read it as YAML does. */
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

class PlainYamlParser {
  readonly #text: string;
  /** Where the text read ends (the whole text, or the end of a region). */
  readonly #limit: number;
  /** Start of the current line. */
  #line: number;
  readonly #duplicates: SyntaxProblem[] = [];

  constructor(text: string, limit: number, firstLine = 0) {
    this.#text = text;
    this.#limit = limit;
    this.#line = firstLine;
  }

  document(): ParsedBody {
    // Comment lines are read above the document only; anywhere else the library decides which node holds them.
    this.#skipBlank(true);
    if (this.#line >= this.#limit) return { format: 'yaml', root: undefined, syntaxProblems: [], duplicateKeys: [] };
    const indent = this.#indent(this.#line);
    const root = this.#collection(this.#line + indent, indent);
    this.#skipBlank(false);
    if (this.#line < this.#limit) throw UNSUPPORTED;
    return { format: 'yaml', root: root.node, syntaxProblems: [], duplicateKeys: this.#duplicates };
  }

  region(start: number): Pick<ParsedBody, 'root' | 'duplicateKeys'> {
    const root = this.#collection(start, start - this.#line);
    this.#skipBlank(false);
    if (this.#line < this.#limit) throw UNSUPPORTED;
    return { root: root.node, duplicateKeys: this.#duplicates };
  }

  /** A block mapping or sequence whose first entry starts at `at`, in column `indent`. */
  #collection(at: number, indent: number): Parsed {
    return this.#isDash(at) ? this.#sequence(at, indent) : this.#mapping(at, indent);
  }

  #sequence(at: number, indent: number): Parsed {
    const items: BodyNode[] = [];
    let end = at;
    let dash = at;
    for (;;) {
      const item = this.#sequenceItem(dash, indent);
      items.push(item.node);
      end = item.end;
      this.#skipBlank(false);
      if (this.#line >= this.#limit) break;
      const next = this.#indent(this.#line);
      if (next > indent) throw UNSUPPORTED;
      if (next < indent || !this.#isDash(this.#line + next)) break;
      dash = this.#line + next;
    }
    return { node: { kind: 'array', offset: at, length: end - at, items }, end };
  }

  /** One `- ` entry: a value on its line (a compact mapping, a scalar), or a block below it, or nothing (null). */
  #sequenceItem(dash: number, indent: number): Parsed {
    const lineEnd = this.#lineEnd(dash);
    let value = dash + 1;
    while (this.#text[value] === ' ') value++;
    if (value >= lineEnd) {
      this.#nextLine();
      return this.#blockOrNull(indent, lineEnd, false);
    }
    if (this.#isDash(value)) throw UNSUPPORTED;
    if (this.#keyEnd(value, lineEnd) !== undefined) return this.#mapping(value, value - this.#line);
    return this.#inlineValue(value, lineEnd);
  }

  #mapping(at: number, indent: number): Parsed {
    const properties: BodyProperty[] = [];
    const seen = new Set<string>();
    let keyStart = at;
    let end = at;
    for (;;) {
      const lineEnd = this.#lineEnd(keyStart);
      const key = this.#key(keyStart, lineEnd);
      if (seen.has(key.name)) this.#duplicates.push({ message: `Duplicate key "${key.name}".`, offset: keyStart, length: key.end - keyStart });
      seen.add(key.name);
      let value = key.colon + 1;
      while (this.#text[value] === ' ') value++;
      let parsed: Parsed;
      if (value >= lineEnd) {
        this.#nextLine();
        parsed = this.#blockOrNull(indent, lineEnd, true);
      } else {
        if (this.#text[value] === '#') throw UNSUPPORTED;
        parsed = this.#inlineValue(value, lineEnd);
      }
      properties.push({ key: key.name, keyOffset: keyStart, keyLength: key.end - keyStart, value: parsed.node });
      end = parsed.end;
      this.#skipBlank(false);
      if (this.#line >= this.#limit) break;
      const next = this.#indent(this.#line);
      if (next > indent) throw UNSUPPORTED;
      if (next < indent || this.#isDash(this.#line + next)) break;
      keyStart = this.#line + next;
    }
    return { node: { kind: 'object', offset: at, length: end - at, properties }, end };
  }

  /**
   * What follows a `key:` or `-` with nothing after it on its line: a block more indented (or, for a key, a sequence
   * at the key's own indent), else null at the end of that line.
   */
  #blockOrNull(indent: number, previousLineEnd: number, sequenceAtSameIndent: boolean): Parsed {
    this.#skipBlank(false);
    if (this.#line < this.#limit) {
      const next = this.#indent(this.#line);
      const start = this.#line + next;
      if (next > indent || (sequenceAtSameIndent && next === indent && this.#isDash(start))) return this.#collection(start, next);
    }
    return { node: { kind: 'null', offset: previousLineEnd, length: 0, value: null }, end: previousLineEnd };
  }

  /** A value written on the rest of its line: a quoted or plain scalar, `[]` or `{}`. Moves to the next line. */
  #inlineValue(start: number, lineEnd: number): Parsed {
    const first = this.#text[start] ?? '';
    let node: BodyNode;
    let valueEnd: number;
    if (first === '"' || first === "'") {
      const quoted = this.#quoted(start, lineEnd);
      node = { kind: 'string', offset: start, length: quoted.end - start, value: quoted.value };
      valueEnd = quoted.end;
    } else if (first === '[' || first === '{') {
      const empty = first === '[' ? /^\[ *\]/.exec(this.#text.slice(start, lineEnd)) : /^\{ *\}/.exec(this.#text.slice(start, lineEnd));
      if (!empty) throw UNSUPPORTED;
      valueEnd = start + empty[0].length;
      node = first === '[' ? { kind: 'array', offset: start, length: valueEnd - start, items: [] } : { kind: 'object', offset: start, length: valueEnd - start, properties: [] };
    } else {
      valueEnd = this.#plainEnd(start, lineEnd);
      node = scalarNode(start, this.#text.slice(start, valueEnd));
    }
    this.#restOfLine(valueEnd, lineEnd);
    this.#nextLine();
    return { node, end: this.#line };
  }

  /** The key at `start` (plain or quoted), followed by `:` and a space or the end of the line. */
  #key(start: number, lineEnd: number): { name: string; end: number; colon: number } {
    const first = this.#text[start] ?? '';
    if (first === '"' || first === "'") {
      const quoted = this.#quoted(start, lineEnd);
      if (this.#text[quoted.end] !== ':' || !this.#spaceOrEnd(quoted.end + 1, lineEnd)) throw UNSUPPORTED;
      return { name: quoted.value, end: quoted.end, colon: quoted.end };
    }
    const colon = this.#keyEnd(start, lineEnd);
    if (colon === undefined) throw UNSUPPORTED;
    let end = colon;
    while (end > start && this.#text[end - 1] === ' ') end--;
    const source = this.#text.slice(start, end);
    if (source === '<<' || source === '') throw UNSUPPORTED;
    return { name: String(plainValue(source)), end, colon };
  }

  /** The `:` ending a plain key starting at `start`, or undefined when the line holds no such key. */
  #keyEnd(start: number, lineEnd: number): number | undefined {
    if (!this.#plainStart(start, lineEnd)) return undefined;
    for (let i = start; i < lineEnd; i++) {
      const c = this.#text[i];
      if (c === ':' && this.#spaceOrEnd(i + 1, lineEnd)) return i;
      if (c === '#' && this.#text[i - 1] === ' ') return undefined;
    }
    return undefined;
  }

  /** The end of a plain scalar value (before trailing spaces and a comment); a `: ` in it is a nested mapping. */
  #plainEnd(start: number, lineEnd: number): number {
    if (!this.#plainStart(start, lineEnd)) throw UNSUPPORTED;
    let end = start;
    for (let i = start; i < lineEnd; i++) {
      const c = this.#text[i];
      if (c === '#' && this.#text[i - 1] === ' ') break;
      if (c === ':' && this.#spaceOrEnd(i + 1, lineEnd)) throw UNSUPPORTED;
      if (c !== ' ') end = i + 1;
    }
    return end;
  }

  #plainStart(start: number, lineEnd: number): boolean {
    const c = this.#text[start] ?? '';
    if (INDICATORS.has(c)) return false;
    if (c === '-' || c === '?' || c === ':') return !this.#spaceOrEnd(start + 1, lineEnd);
    return true;
  }

  /** A one-line quoted scalar: its value and where it ends (after the closing quote). */
  #quoted(start: number, lineEnd: number): { value: string; end: number } {
    const quote = this.#text[start];
    if (quote === "'") {
      let i = start + 1;
      for (; i < lineEnd; i++) {
        if (this.#text[i] !== "'") continue;
        if (this.#text[i + 1] === "'") i++;
        else return { value: this.#text.slice(start + 1, i).replace(/''/g, "'"), end: i + 1 };
      }
      throw UNSUPPORTED;
    }
    for (let i = start + 1; i < lineEnd; i++) {
      const c = this.#text[i];
      if (c === '\\') i++;
      else if (c === '"') {
        const body = this.#text.slice(start + 1, i);
        if (body.replace(JSON_ESCAPES, '').includes('\\') || /[\u0000-\u001f\u2028\u2029]/.test(body)) throw UNSUPPORTED;
        return { value: JSON.parse(`"${body}"`) as string, end: i + 1 };
      }
    }
    throw UNSUPPORTED;
  }

  /** After a value only spaces and a comment may follow on its line. */
  #restOfLine(from: number, lineEnd: number): void {
    let i = from;
    while (i < lineEnd && this.#text[i] === ' ') i++;
    if (i < lineEnd && !(this.#text[i] === '#' && i > from)) throw UNSUPPORTED;
  }

  #spaceOrEnd(at: number, lineEnd: number): boolean {
    return at >= lineEnd || this.#text[at] === ' ';
  }

  #isDash(at: number): boolean {
    return this.#text[at] === '-' && this.#spaceOrEnd(at + 1, this.#lineEnd(at));
  }

  /** Skips blank lines (and, above the document, comment lines); a comment line elsewhere leaves the subset. */
  #skipBlank(commentsAllowed: boolean): void {
    while (this.#line < this.#limit) {
      const lineEnd = this.#lineEnd(this.#line);
      const content = this.#line + this.#indent(this.#line);
      if (content < lineEnd) {
        if (this.#text[content] !== '#') break;
        if (!commentsAllowed) throw UNSUPPORTED;
      }
      this.#nextLine();
    }
    const line = this.#text.slice(this.#line, this.#line + 3);
    if ((line === '---' || line === '...' || line[0] === '%') && this.#line < this.#limit) throw UNSUPPORTED;
  }

  #indent(lineStart: number): number {
    let i = lineStart;
    while (this.#text[i] === ' ') i++;
    return i - lineStart;
  }

  /** End of the line holding `at`, before its `\r\n` or `\n`. */
  #lineEnd(at: number): number {
    const newline = this.#text.indexOf('\n', at);
    const end = newline < 0 || newline > this.#limit ? this.#limit : newline;
    return this.#text[end - 1] === '\r' ? end - 1 : end;
  }

  #nextLine(): void {
    const newline = this.#text.indexOf('\n', this.#line);
    this.#line = newline < 0 || newline >= this.#limit ? this.#limit : newline + 1;
  }
}

function scalarNode(offset: number, source: string): BodyNode {
  const value = plainValue(source);
  const length = source.length;
  if (value === null) return { kind: 'null', offset, length, value };
  if (typeof value === 'boolean') return { kind: 'boolean', offset, length, value };
  if (typeof value === 'number') return { kind: 'number', offset, length, value };
  return { kind: 'string', offset, length, value };
}
