/**
 * JSON text to the body tree. One converter serves both JSON parsers in the project: jsonc-parser (for callers
 * without a language service: the CLI's create, the VS Code client) and vscode-json-languageservice's own AST (so the
 * JSON mode and the engine share one parse per version). Each parser is described by a small reader; both scan with
 * jsonc-parser's scanner, so their offsets and lengths agree.
 */
import { parseTree, printParseErrorCode, type Node as JsoncNode, type ParseError } from 'jsonc-parser';
import type { BodyNode, BodyProperty, ParsedBody, SyntaxProblem } from './bodyTree';

/** How to read one JSON parser's nodes. */
export interface JsonTreeReader<N> {
  kind(node: N): BodyNode['kind'] | 'other';
  offset(node: N): number;
  length(node: N): number;
  scalar(node: N): string | number | boolean | null;
  /** Members of an object node: the key (text, offset, length) and the value node when it has been typed. */
  members(node: N): Iterable<{ key: string; keyOffset: number; keyLength: number; value: N | undefined }>;
  items(node: N): readonly N[];
}

/** The body tree of `root`, with the keys written twice in one object collected as they are met. */
export function bodyFromJsonTree<N>(root: N | undefined, reader: JsonTreeReader<N>, syntaxProblems: SyntaxProblem[]): ParsedBody {
  const duplicateKeys: SyntaxProblem[] = [];
  const convert = (node: N): BodyNode => {
    const offset = reader.offset(node);
    const length = reader.length(node);
    const kind = reader.kind(node);
    switch (kind) {
      case 'object': {
        const seen = new Set<string>();
        const properties: BodyProperty[] = [];
        for (const member of reader.members(node)) {
          if (seen.has(member.key)) {
            duplicateKeys.push({ message: `Duplicate key "${member.key}".`, offset: member.keyOffset, length: member.keyLength });
          }
          seen.add(member.key);
          properties.push({
            key: member.key,
            keyOffset: member.keyOffset,
            keyLength: member.keyLength,
            value: member.value === undefined ? undefined : convert(member.value),
          });
        }
        return { kind, offset, length, properties };
      }
      case 'array':
        return { kind, offset, length, items: reader.items(node).map(convert) };
      case 'other':
        // A bare property node cannot appear as a value; treat it defensively as null.
        return { kind: 'null', offset, length, value: null };
      default:
        return { kind, offset, length, value: reader.scalar(node) };
    }
  };
  return { format: 'json', root: root === undefined ? undefined : convert(root), syntaxProblems, duplicateKeys };
}

const JSONC_READER: JsonTreeReader<JsoncNode> = {
  kind: (node) => (node.type === 'property' ? 'other' : node.type),
  offset: (node) => node.offset,
  length: (node) => node.length,
  scalar: (node) => (node.value ?? null) as string | number | boolean | null,
  *members(node) {
    for (const pair of node.children ?? []) {
      const keyNode = pair.children?.[0];
      if (!keyNode) continue;
      yield { key: String(keyNode.value), keyOffset: keyNode.offset, keyLength: keyNode.length, value: pair.children?.[1] };
    }
  },
  items: (node) => node.children ?? [],
};

/** JSON text parsed with jsonc-parser (comments are read, as the API's strictness is the language service's job). */
export function parseJsonBody(text: string): ParsedBody {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  const syntaxProblems = errors.map((e) => ({
    message: describeJsonParseError(printParseErrorCode(e.error)),
    offset: e.offset,
    length: e.length,
  }));
  return bodyFromJsonTree(tree, JSONC_READER, syntaxProblems);
}

function describeJsonParseError(code: string): string {
  // jsonc-parser names errors in PascalCase ("PropertyNameExpected"); say them as words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}
