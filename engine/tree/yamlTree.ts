/**
 * YAML text to the body tree, with the `yaml` library (the one yaml-language-server itself parses with).
 *
 * An alias (`*name`) stands for the value its anchor (`&name`) marks, and that value is what Auth0 receives, so the
 * tree holds it: the alias's node is a copy of the anchored value's node placed at the alias (its offset and length
 * are the alias's own text), and the nodes inside it are the anchored value's own, at the text that wrote them.
 * What aliases add is bounded (MAX_ALIAS_VALUES), since a few lines of nested aliases can stand for billions of
 * values; an alias past the bound, one naming no anchor, or one inside the very value it names is not expanded and
 * is an alias problem, which refuses the document before anything is sent.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { BodyNode, BodyProperty, ParsedBody, SyntaxProblem } from './bodyTree';

/** The most values aliases may add to a document; a connection body has a few hundred values in all. */
export const MAX_ALIAS_VALUES = 10_000;

export function parseYamlBody(text: string): ParsedBody {
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the library's own check is quadratic in the keys of one mapping; we find duplicates
  // with a Set while converting, in linear time.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false, strict: false });
  return bodyFromYamlDocument(doc, doc.errors);
}

/** What the `yaml` library says when a text holds more than one document (a connection file holds one). */
export const MULTIPLE_DOCUMENTS_MESSAGE = 'Source contains multiple documents; please use YAML.parseAllDocuments()';

/**
 * The body tree of the documents another parse of the same text produced (yaml-language-server's, so that the YAML
 * mode and the engine share one parse per version): the first document's contents, the errors of all of them but
 * the duplicate-key ones (the tree lists duplicates itself), and the error `parseDocument` gives for a second
 * document. Equal to parseYamlBody's (test/unit/perfEquivalence.test.ts).
 */
export function bodyFromYamlDocuments(documents: readonly Document[]): ParsedBody {
  const [first] = documents;
  if (!first) return { format: 'yaml', root: undefined, syntaxProblems: [], duplicateKeys: [] };
  const errors = documents.flatMap((document) => document.errors).filter((error) => error.code !== 'DUPLICATE_KEY');
  const body = bodyFromYamlDocument(first, errors);
  const second = documents[1];
  if (second) {
    // As parseDocument reports it: over the second document's range.
    const [start, end] = second.range ?? [0, 0];
    body.syntaxProblems.push({ message: MULTIPLE_DOCUMENTS_MESSAGE, offset: start, length: Math.max(1, end - start) });
  }
  return body;
}

function bodyFromYamlDocument(doc: Document, errors: readonly YAMLError[]): ParsedBody {
  const syntaxProblems: SyntaxProblem[] = errors.map((e) => ({
    message: firstLine(e.message),
    offset: e.pos[0],
    length: Math.max(1, e.pos[1] - e.pos[0]),
  }));
  const converter = new YamlConverter();
  const root = doc.contents ? converter.convert(doc.contents as YamlNode) : undefined;
  const body: ParsedBody = { format: 'yaml', root, syntaxProblems, duplicateKeys: converter.duplicateKeys };
  if (converter.aliasProblems.length > 0) body.aliasProblems = converter.aliasProblems;
  return body;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function rangeOf(node: YamlNode): { offset: number; length: number } {
  const range = node.range ?? [0, 0, 0];
  return { offset: range[0], length: Math.max(0, range[1] - range[0]) };
}

class YamlConverter {
  readonly duplicateKeys: SyntaxProblem[] = [];
  readonly aliasProblems: SyntaxProblem[] = [];
  /** Each YAML node already converted: an anchored value is converted once, however many aliases name it. */
  readonly #converted = new Map<YamlNode, BodyNode>();
  /** Nodes being converted: an alias to one of them would contain itself. */
  readonly #open = new Set<YamlNode>();
  /**
   * Each anchor's node as met so far, in document order, which is the order of the conversion: an alias names the
   * last anchor of its name before it, as in the library. (The library's own Alias.resolve walks the whole document
   * for each alias: 5,000 aliases in 58 KB took 40 s.)
   */
  readonly #anchors = new Map<string, YamlNode>();
  /** How many values a node stands for, aliases inside it counted as the values they name. */
  readonly #sizes = new WeakMap<BodyNode, number>();
  /** Values added by aliases so far. */
  #aliasValues = 0;
  /** Set once aliases went past MAX_ALIAS_VALUES: no alias is expanded after that (the problem is said once). */
  #exhausted = false;

  convert(node: YamlNode): BodyNode {
    const done = this.#converted.get(node);
    if (done) return done;
    // Before the children: an alias inside the anchored node names this very node (and contains itself).
    if (!isAlias(node) && node.anchor) this.#anchors.set(node.anchor, node);
    this.#open.add(node);
    const converted = this.#convertNew(node);
    this.#open.delete(node);
    this.#converted.set(node, converted);
    return converted;
  }

  #convertNew(node: YamlNode): BodyNode {
    const { offset, length } = rangeOf(node);
    if (isMap(node)) return { kind: 'object', offset, length, properties: this.#properties(node.items) };
    if (isSeq(node)) {
      return {
        kind: 'array',
        offset,
        length,
        items: node.items.map((item) => (item ? this.convert(item as YamlNode) : { kind: 'null', offset, length: 0, value: null })),
      };
    }
    if (isAlias(node)) return this.#alias(node);
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || value === undefined) return { kind: 'null', offset, length, value: null };
      if (typeof value === 'boolean') return { kind: 'boolean', offset, length, value };
      if (typeof value === 'number') return { kind: 'number', offset, length, value };
      if (typeof value === 'bigint') return { kind: 'number', offset, length, value: Number(value) };
      return { kind: 'string', offset, length, value: String(value) };
    }
    return { kind: 'null', offset, length, value: null };
  }

  #properties(pairs: ReadonlyArray<{ key: unknown; value: unknown }>): BodyProperty[] {
    const seen = new Set<string>();
    const properties: BodyProperty[] = [];
    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode) continue;
      const key = this.#keyText(keyNode);
      const keyRange = rangeOf(keyNode);
      if (seen.has(key)) {
        this.duplicateKeys.push({ message: `Duplicate key "${key}".`, ...keyRange });
      }
      seen.add(key);
      const valueNode = pair.value as YamlNode | null;
      properties.push({
        key,
        keyOffset: keyRange.offset,
        keyLength: keyRange.length,
        value: valueNode ? this.convert(valueNode) : undefined,
      });
    }
    return properties;
  }

  /** A key as Auth0 reads it: an alias key (`*k: v`) is the text of the value it names. */
  #keyText(keyNode: YamlNode): string {
    // Converted like any node, so that anchors on keys (and inside a complex key) are known to later aliases.
    const key = this.convert(keyNode);
    if (key.kind === 'object' || key.kind === 'array') return String(keyNode);
    return String(key.value);
  }

  /** The value an alias names, placed at the alias; a null placeholder and an alias problem when it cannot be. */
  #alias(alias: Alias): BodyNode {
    const at = rangeOf(alias);
    const placeholder: BodyNode = { kind: 'null', ...at, value: null };
    const target = this.#anchors.get(alias.source);
    if (target === undefined) {
      return this.#problem(placeholder, `The alias *${alias.source} names no anchor: write &${alias.source} on a value before it.`);
    }
    if (this.#open.has(target)) {
      return this.#problem(placeholder, `The alias *${alias.source} is inside the value it names, so that value would contain itself.`);
    }
    if (this.#exhausted) return placeholder;
    const value = this.convert(target);
    const size = this.#sizeOf(value);
    if (this.#aliasValues + size > MAX_ALIAS_VALUES) {
      this.#exhausted = true;
      return this.#problem(
        placeholder,
        `YAML aliases in this file expand to more than ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values (a connection body has a few hundred), ` +
          `so *${alias.source} is not expanded and the file is not sent. Write the values out, or use fewer aliases.`,
      );
    }
    this.#aliasValues += size;
    const copy = { ...value, ...at };
    this.#sizes.set(copy, size);
    return copy;
  }

  #problem(placeholder: BodyNode, message: string): BodyNode {
    this.aliasProblems.push({ message, offset: placeholder.offset, length: placeholder.length });
    return placeholder;
  }

  /** How many values `node` stands for; each node is counted once (its children are shared by its aliases). */
  #sizeOf(node: BodyNode): number {
    const known = this.#sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    if (node.kind === 'object') for (const property of node.properties) size += property.value ? this.#sizeOf(property.value) : 0;
    else if (node.kind === 'array') for (const item of node.items) size += this.#sizeOf(item);
    this.#sizes.set(node, size);
    return size;
  }
}
