/**
 * One positioned tree for a connection body, whatever its format. JSON and YAML parse into the same shape so that
 * the semantic rules, quick fixes and the CLI are written once. Offsets are UTF-16 offsets into the document text,
 * the same unit as `TextDocument.positionAt`.
 */
import { parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { ASTNode as JsonAstNode } from 'vscode-json-languageservice';
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
  return tooDeepBody(text, format) ?? (format === 'json' ? parseJsonBody(text) : parseYamlBody(text));
}

/**
 * The body to use instead of any parse when `text` is nested deeper than MAX_NESTING_DEPTH, else undefined. Every
 * path to a parser goes through this first (parseBody, and a language mode that builds the body from its own parse).
 */
export function tooDeepBody(text: string, format: DocumentFormat): ParsedBody | undefined {
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
  return undefined;
}

/**
 * Upper bound of the nesting depth in one linear pass: brackets outside quoted strings, plus, for block YAML, the
 * indentation of a line counted as one level per column (an over-estimate, which is the safe side).
 */
export function nestingDepth(text: string): number {
  // It runs over the whole text before every parse, so runs of characters that cannot change the answer are skipped
  // with one sticky regular expression each instead of visited one by one (2.8 -> 1.5 ms on the 1 MB benchmark JSON).
  let depth = 0;
  let deepest = 0;
  /** The open quote's character code, or 0 outside quotes. */
  let quote = 0;
  let lineStart = true;
  let indent = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      if (c === SPACE) {
        indent++;
        i++;
        continue;
      }
      if (indent > deepest) deepest = indent;
      lineStart = false;
    }
    if (c === NEWLINE) {
      lineStart = true;
      indent = 0;
      if (quote === SINGLE_QUOTE) quote = 0;
      i++;
      continue;
    }
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE_QUOTE) i += 2;
      else if (c === quote) {
        quote = 0;
        i++;
      } else i = skipPast(quote === DOUBLE_QUOTE ? INSIDE_DOUBLE_QUOTES : INSIDE_SINGLE_QUOTES, text, i);
      continue;
    }
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (depth > 0) depth--;
    } else {
      i = skipPast(OUTSIDE_QUOTES, text, i);
      continue;
    }
    i++;
  }
  return deepest;
}

// Runs of characters that change nothing in nestingDepth where they stand (each pattern matches at least the
// character at hand, which the caller has already found uninteresting).
const INSIDE_DOUBLE_QUOTES = /[^"\\\n]+/y;
const INSIDE_SINGLE_QUOTES = /[^'\n]+/y;
const OUTSIDE_QUOTES = /[^"'[\]{}\n]+/y;

function skipPast(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  return run.test(text) ? run.lastIndex : from + 1;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

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

/**
 * The JSON body from vscode-json-languageservice's own AST, so that the language service and the engine share one
 * parse. Its nodes carry the same offsets and lengths as jsonc-parser's (both scan with jsonc-parser's scanner);
 * duplicate keys are found here as in fromJsonNode, and the caller gives the syntax problems (the service keeps them
 * beside the AST, as positioned diagnostics).
 */
export function jsonBodyFromAst(root: JsonAstNode | undefined, syntaxProblems: SyntaxProblem[]): ParsedBody {
  const duplicateKeys: SyntaxProblem[] = [];
  return { format: 'json', root: root ? fromJsonAst(root, duplicateKeys) : undefined, syntaxProblems, duplicateKeys };
}

function fromJsonAst(node: JsonAstNode, duplicateKeys: SyntaxProblem[]): BodyNode {
  switch (node.type) {
    case 'object': {
      const seen = new Set<string>();
      const properties: BodyProperty[] = [];
      for (const pair of node.properties) {
        const keyNode = pair.keyNode;
        const key = keyNode.value;
        if (seen.has(key)) {
          duplicateKeys.push({ message: `Duplicate key "${key}".`, offset: keyNode.offset, length: keyNode.length });
        }
        seen.add(key);
        properties.push({
          key,
          keyOffset: keyNode.offset,
          keyLength: keyNode.length,
          value: pair.valueNode ? fromJsonAst(pair.valueNode, duplicateKeys) : undefined,
        });
      }
      return { kind: 'object', offset: node.offset, length: node.length, properties };
    }
    case 'array':
      return {
        kind: 'array',
        offset: node.offset,
        length: node.length,
        items: node.items.map((item) => fromJsonAst(item, duplicateKeys)),
      };
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: node.type, offset: node.offset, length: node.length, value: node.value };
    default:
      // A bare property node cannot appear as a value; treat defensively as null, as fromJsonNode does.
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
