/**
 * The outline, folding and selection ranges of a YAML document as written: an alias is a reference, not a copy.
 *
 * Why: yaml-language-server's JSON AST resolves every alias into the node it names (ast-converter's convertAlias,
 * cached per alias node), so its tree is a graph in which each path through an alias is a path of its own. Its
 * folding, selection and symbol code walk every path: nine nested levels of `&x [*y, *y, ...]` (368 bytes) made
 * foldingRange take 5 s and selectionRange 77 s, made documentSymbol answer 981 KB (children placed at the anchor's
 * lines, outside their parent), and every other request of every document waited behind them. Validation, hover and
 * completion need the aliases resolved (a value given by an alias is checked like the value it names; see
 * yamlAliases.ts for the limits on that), structure does not: in the editor an alias is one token on one line.
 *
 * How: the library's own converter, run once more on the same parsed `yaml` document but with a document that holds
 * no anchors, converts each alias the way it converts an alias it cannot resolve: a leaf at the alias's own range.
 * That tree (linear in the text) is built once per parsed version and lent to the library's folding, selection and
 * symbol code for the length of one synchronous call, so they keep their exact behaviour on everything else.
 */
import { Document, isAlias, type LineCounter } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { convertAST } from 'yaml-language-server/lib/esm/languageservice/parser/ast-converter';
import { JSONDocument } from 'yaml-language-server/lib/esm/languageservice/parser/jsonDocument';
import { yamlDocumentsCache, type SingleYAMLDocument } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import type { ASTNode, YamlNode } from 'yaml-language-server/lib/esm/languageservice/jsonLanguageTypes';

/** Where every alias looks up its anchor, and finds none. */
const NO_ANCHORS = new Document();
const written = new WeakMap<SingleYAMLDocument, JSONDocument>();
/** Parsed documents whose own tree is already the one as written (see yamlAliases.ts). */
const rootIsAsWritten = new WeakSet<SingleYAMLDocument>();

/** Runs `structureRequest` (one synchronous call into the library) while the library sees `document` as written. */
export function withDocumentAsWritten<T>(document: TextDocument, structureRequest: () => T): T {
  const parsed = yamlDocumentsCache.getYamlDocument(document);
  const resolved = parsed.documents;
  parsed.documents = resolved.map(asWritten) as unknown as SingleYAMLDocument[];
  try {
    return structureRequest();
  } finally {
    parsed.documents = resolved;
  }
}

/** Gives `single` the tree as written for every feature (for a document whose aliases are not followed). */
export function readAsWritten(single: SingleYAMLDocument): void {
  (single as { root: ASTNode }).root = asWrittenRoot(single);
  rootIsAsWritten.add(single);
}

function asWritten(single: SingleYAMLDocument): JSONDocument {
  let document = written.get(single);
  if (!document) {
    document = new JSONDocument(rootIsAsWritten.has(single) ? single.root : asWrittenRoot(single), []);
    written.set(single, document);
  }
  return document;
}

function asWrittenRoot(single: SingleYAMLDocument): ASTNode {
  const lineCounter = (single as unknown as { lineCounter: LineCounter }).lineCounter;
  const root = convertAST(undefined as unknown as ASTNode, single.internalDocument.contents as YamlNode, NO_ANCHORS, lineCounter);
  if (root) nameAliases(root);
  return root as ASTNode;
}

/** An unresolved alias converts to a string holding its anchor's bare name; show it as written, `*name`. */
function nameAliases(root: ASTNode): void {
  const stack: ASTNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'string' && isAlias(node.internalNode)) (node as { value: string }).value = `*${node.internalNode.source}`;
    for (const child of node.children ?? []) stack.push(child);
  }
}
