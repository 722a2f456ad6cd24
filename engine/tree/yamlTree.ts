/** YAML text to the body tree, with the `yaml` library (the one yaml-language-server itself parses with). */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { BodyNode, BodyProperty, ParsedBody, SyntaxProblem } from './bodyTree';

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
  const duplicateKeys: SyntaxProblem[] = [];
  const root = doc.contents ? fromYamlNode(doc.contents as YamlNode, duplicateKeys) : undefined;
  return { format: 'yaml', root, syntaxProblems, duplicateKeys };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

function rangeOf(node: YamlNode): { offset: number; length: number } {
  const range = node.range ?? [0, 0, 0];
  return { offset: range[0], length: Math.max(0, range[1] - range[0]) };
}

function fromYamlNode(node: YamlNode, duplicateKeys: SyntaxProblem[]): BodyNode {
  const { offset, length } = rangeOf(node);
  if (isMap(node)) {
    const seen = new Set<string>();
    const properties: BodyProperty[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode) continue;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyRange = rangeOf(keyNode);
      if (seen.has(key)) {
        duplicateKeys.push({ message: `Duplicate key "${key}".`, ...keyRange });
      }
      seen.add(key);
      const valueNode = pair.value as YamlNode | null;
      properties.push({
        key,
        keyOffset: keyRange.offset,
        keyLength: keyRange.length,
        value: valueNode ? fromYamlNode(valueNode, duplicateKeys) : undefined,
      });
    }
    return { kind: 'object', offset, length, properties };
  }
  if (isSeq(node)) {
    return {
      kind: 'array',
      offset,
      length,
      items: node.items.map((item) =>
        item ? fromYamlNode(item as YamlNode, duplicateKeys) : { kind: 'null', offset, length: 0, value: null },
      ),
    };
  }
  if (isAlias(node)) {
    // Aliases are rare in connection files; report the alias text itself rather than resolving it.
    return { kind: 'string', offset, length, value: `*${node.source}` };
  }
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
