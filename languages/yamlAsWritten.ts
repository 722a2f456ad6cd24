/**
 * The outline, folding and selection ranges of a YAML document as written: an alias is a reference, not a copy.
 *
 * Why: yaml-language-server's JSON AST resolves every alias into the node it names (ast-converter's convertAlias,
 * cached per alias node), so its tree is a graph in which each path through an alias is a path of its own. Its
 * folding, selection and symbol code walk every path: nine nested levels of `&x [*y, *y, ...]` (368 bytes) made
 * foldingRange take 5 s and selectionRange 77 s, made documentSymbol answer 981 KB (children placed at the anchor's
 * lines, outside their parent), and every other request of every document waited behind them. Validation, hover and
 * completion need the aliases resolved (a value given by an alias is checked like the value it names), so that tree
 * stays as it is; structure does not: in the editor an alias is one token on one line.
 *
 * How: the library's own converter, run once more on the same parsed `yaml` document but with a document that holds
 * no anchors, converts each alias the way it converts an alias it cannot resolve: a leaf at the alias's own range.
 * That tree (linear in the text) is built once per parsed version and lent to the library's folding, selection and
 * symbol code for the length of one synchronous call, so they keep their exact behaviour on everything else.
 *
 * The resolved tree is no safer for validation, hover and completion when the aliases multiply: the schema validator
 * walks every path too (an alias bomb under `options.attributes` held its diagnostics for over 5 s). So a document
 * whose aliases add more than ALIAS_EXPANSION_LIMIT values to it is read as written by every feature: the library's
 * one place of building its tree (updateFromInternalDocument, which parsing and completion's copies both go through)
 * keeps the resolved tree only within that limit, and the YAML mode says in a diagnostic that the schema checks of
 * such a document are skipped (the engine's rules read aliases as written anyway).
 */
import { Document, isAlias, type LineCounter } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { aliasDepth, convertAST } from 'yaml-language-server/lib/esm/languageservice/parser/ast-converter';
import { JSONDocument } from 'yaml-language-server/lib/esm/languageservice/parser/jsonDocument';
import { SingleYAMLDocument, yamlDocumentsCache } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import type { ASTNode, YamlNode } from 'yaml-language-server/lib/esm/languageservice/jsonLanguageTypes';

/** Values that resolving aliases may add to a document before it is read as written (see above). */
export const ALIAS_EXPANSION_LIMIT = 50_000;
/** Where every alias looks up its anchor, and finds none. */
const NO_ANCHORS = new Document();
const written = new WeakMap<SingleYAMLDocument, JSONDocument>();
/** Parsed documents read as written because their aliases expand past the limit, with how many values they add. */
const pastLimit = new WeakMap<SingleYAMLDocument, number>();
let installed = false;

/** Installs the limit on the library's tree building, once for the whole process. */
export function installAliasExpansionLimit(): void {
  if (installed) return;
  installed = true;
  const prototype = SingleYAMLDocument.prototype;
  const build = prototype.updateFromInternalDocument;
  prototype.updateFromInternalDocument = function (this: SingleYAMLDocument): void {
    // Always the library's own first (it also keeps completionClone.ts's bookkeeping), then replaced if need be.
    build.call(this);
    if (aliasDepth.aliasResolutionCache.size === 0 || !this.root) return;
    const added = valuesAddedByAliases(this.root);
    if (added <= ALIAS_EXPANSION_LIMIT) return;
    (this as { root: ASTNode }).root = asWrittenRoot(this);
    pastLimit.set(this, added);
  };
}

/** How many values the aliases of `document` add past the limit (the largest of its YAML documents), if any do. */
export function aliasExpansionPastLimit(document: TextDocument): number | undefined {
  let largest: number | undefined;
  for (const single of yamlDocumentsCache.getYamlDocument(document).documents) {
    const added = pastLimit.get(single);
    if (added !== undefined) largest = Math.max(largest ?? 0, added);
  }
  return largest;
}

/**
 * Values on every path of the resolved tree minus the distinct nodes it holds: what resolving the aliases added. The
 * converter shares the tree of an alias met twice, so this counts paths through shared nodes in one post-order pass.
 */
function valuesAddedByAliases(root: ASTNode): number {
  const paths = new Map<ASTNode, number>();
  const stack: Array<{ node: ASTNode; childrenDone: boolean }> = [{ node: root, childrenDone: false }];
  while (stack.length) {
    const { node, childrenDone } = stack.pop()!;
    if (paths.has(node)) continue;
    const children = node.children ?? [];
    if (!childrenDone) {
      stack.push({ node, childrenDone: true });
      for (const child of children) if (!paths.has(child)) stack.push({ node: child, childrenDone: false });
      continue;
    }
    let count = 1;
    for (const child of children) count += paths.get(child) ?? 0;
    paths.set(node, count);
  }
  return (paths.get(root) ?? 0) - paths.size;
}

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

function asWritten(single: SingleYAMLDocument): JSONDocument {
  let document = written.get(single);
  if (!document) {
    document = new JSONDocument(pastLimit.has(single) ? single.root : asWrittenRoot(single), []);
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
