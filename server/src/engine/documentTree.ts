/**
 * One positioned tree for a connection body, whatever its format. JSON and YAML parse into the same shape so that
 * the semantic rules, quick fixes and the CLI are written once. Offsets are UTF-16 offsets into the document text,
 * the same unit as `TextDocument.positionAt`.
 */
import { parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export type DocumentFormat = 'json' | 'yaml';

export type BodyNode = ObjectNode | ArrayNode | ScalarNode;

interface NodeBase {
  /** Start of the value in the text. */
  offset: number;
  /** Length of the value in the text. */
  length: number;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  properties: BodyProperty[];
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: BodyNode[];
}

export interface ScalarNode extends NodeBase {
  kind: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
}

export interface BodyProperty {
  key: string;
  keyOffset: number;
  keyLength: number;
  /** Undefined while half-typed (`"name":` with nothing after it, or `name:` in YAML is a null value instead). */
  value: BodyNode | undefined;
}

export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
}

export interface ParsedBody {
  format: DocumentFormat;
  /** Undefined when the text holds no value at all (empty file, only comments). */
  root: BodyNode | undefined;
  /** Parse errors; a tree is still built from what could be read. */
  syntaxProblems: SyntaxProblem[];
  /** Keys written twice in one mapping: the later occurrences, found in linear time. */
  duplicateKeys: SyntaxProblem[];
  /** True when the document was too deeply nested to parse (see MAX_NESTING_DEPTH); nothing else should parse it. */
  tooDeep?: boolean;
}

/**
 * Deeper than any connection body (they stay under 20 levels). The parsers here and in both language services
 * recurse once per level, and V8 can abort the whole process (not just throw) when a regular expression is compiled
 * near the stack limit, so a document past this depth is never handed to a parser at all.
 */
export const MAX_NESTING_DEPTH = 256;

export function parseBody(text: string, format: DocumentFormat): ParsedBody {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING_DEPTH) {
    return {
      format,
      root: undefined,
      syntaxProblems: [
        {
          message: `The document is nested ${depth} levels deep; a connection body is never deeper than ${MAX_NESTING_DEPTH}, so it is not read further.`,
          offset: 0,
          length: 0,
        },
      ],
      duplicateKeys: [],
      tooDeep: true,
    };
  }
  return format === 'json' ? parseJsonBody(text) : parseYamlBody(text);
}

/**
 * Upper bound of the nesting depth in one linear pass: brackets outside quoted strings, plus, for block YAML, the
 * indentation of a line counted as one level per column (an over-estimate, which is the safe side).
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      if (c === ' ') {
        indent++;
        continue;
      }
      if (indent > deepest) deepest = indent;
      lineStart = false;
    }
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      if (quote === "'") quote = undefined;
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

function parseJsonBody(text: string): ParsedBody {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const duplicateKeys: SyntaxProblem[] = [];
  const root = tree ? fromJsonNode(tree, duplicateKeys) : undefined;
  const syntaxProblems = errors.map((e) => ({
    message: describeJsonParseError(printParseErrorCode(e.error)),
    offset: e.offset,
    length: e.length,
  }));
  return { format: 'json', root, syntaxProblems, duplicateKeys };
}

function describeJsonParseError(code: string): string {
  // jsonc-parser names errors in PascalCase ("PropertyNameExpected"); say them as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function fromJsonNode(node: JsonNode, duplicateKeys: SyntaxProblem[]): BodyNode {
  switch (node.type) {
    case 'object': {
      const seen = new Set<string>();
      const properties: BodyProperty[] = [];
      for (const pair of node.children ?? []) {
        const keyNode = pair.children?.[0];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        if (seen.has(key)) {
          duplicateKeys.push({ message: `Duplicate key "${key}".`, offset: keyNode.offset, length: keyNode.length });
        }
        seen.add(key);
        const valueNode = pair.children?.[1];
        properties.push({
          key,
          keyOffset: keyNode.offset,
          keyLength: keyNode.length,
          value: valueNode ? fromJsonNode(valueNode, duplicateKeys) : undefined,
        });
      }
      return { kind: 'object', offset: node.offset, length: node.length, properties };
    }
    case 'array':
      return {
        kind: 'array',
        offset: node.offset,
        length: node.length,
        items: (node.children ?? []).map((child) => fromJsonNode(child, duplicateKeys)),
      };
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: node.type, offset: node.offset, length: node.length, value: node.value ?? null };
    default:
      // A bare property node cannot appear as a value; treat defensively as null.
      return { kind: 'null', offset: node.offset, length: node.length, value: null };
  }
}

function parseYamlBody(text: string): ParsedBody {
  const lineCounter = new LineCounter();
  // uniqueKeys: false because the library's own check is quadratic in the keys of one mapping; we find duplicates
  // with a Set while converting, in linear time.
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, prettyErrors: false, strict: false });
  const syntaxProblems: SyntaxProblem[] = doc.errors.map((e) => ({
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

/** The value of `key` in an object node, or undefined. */
export function getProperty(node: BodyNode | undefined, key: string): BodyProperty | undefined {
  if (!node || node.kind !== 'object') return undefined;
  // Last one wins, as in JSON.parse and in Auth0's own body parser.
  for (let i = node.properties.length - 1; i >= 0; i--) {
    const property = node.properties[i];
    if (property && property.key === key) return property;
  }
  return undefined;
}

/** Follows a path of keys (and array indexes) from `root`. */
export function nodeAtPath(root: BodyNode | undefined, path: ReadonlyArray<string | number>): BodyNode | undefined {
  let current: BodyNode | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') {
      current = current.kind === 'array' ? current.items[segment] : undefined;
    } else {
      current = getProperty(current, segment)?.value;
    }
  }
  return current;
}

/** Plain JavaScript value of a node (what JSON.parse would give). */
export function toPlainValue(node: BodyNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) result[property.key] = toPlainValue(property.value);
      return result;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}

/** The string value of a scalar node, or undefined when it is not a string. */
export function stringValue(node: BodyNode | undefined): string | undefined {
  return node && node.kind === 'string' && typeof node.value === 'string' ? node.value : undefined;
}
