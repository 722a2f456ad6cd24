/**
 * One positioned tree for a connection body, whatever its format. JSON and YAML parse into the same shape so that
 * the semantic rules, quick fixes and the CLI are written once. Offsets are UTF-16 offsets into the document text,
 * the same unit as `TextDocument.positionAt`.
 */

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
  /**
   * YAML aliases the tree could not hold the value of (naming no anchor, inside the value they name, or past the
   * bound on what aliases may add; see yamlTree.ts): each stands in the tree as null, so the document is never sent.
   */
  aliasProblems?: SyntaxProblem[];
}
