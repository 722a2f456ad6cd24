/**
 * How far yaml-language-server's tree follows YAML aliases, so that no document can make it work without bound.
 *
 * Why: the library resolves every alias into the node it names when it builds the tree that validation, hover and
 * completion read (ast-converter's convertAlias). Three kinds of document made that unbounded:
 * - an alias bomb (`&l1 [*l0, *l0, ...]`, `&l2 [*l1, *l1, ...]`, ...): the validator walks every path, and turns a
 *   value into plain data to compare it with an enum (10 levels of 8 aliases as the value of `strategy`: minutes,
 *   with every other request of every document waiting);
 * - an alias inside the node its anchor names (`a: &x [b: *x` with the bracket left open, easy to type): the
 *   converter follows it 1000 times and overflows the stack, so the document got no diagnostic and every request on
 *   it logged a RangeError;
 * - many aliases: each one is resolved by a walk of the whole document (yaml's Alias.resolve), so 10,000 aliases in
 *   a 70 KB file took 76 s to validate.
 *
 * How: before the library builds its tree (updateFromInternalDocument: parsing and completion's copies both go
 * through it), one walk of the document as written finds each alias's anchor (yaml's own rule: the last anchor of
 * that name before the alias) and measures what following them would build. Within ALIAS_EXPANSION_LIMIT added
 * values and MAX_NESTING_DEPTH levels, and with no alias inside its own anchor, the library builds its tree as before;
 * every resolution of an alias (the converter's, the unused-anchor check's) takes its node from that walk instead of
 * walking the document again. Otherwise the document is read as
 * written by every feature (yamlAsWritten.ts), and aliasesNotFollowed() says why, for the mode's diagnostic.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SingleYAMLDocument, yamlDocumentsCache } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import { MAX_NESTING_DEPTH } from '../engine/index';
import { readAsWritten } from './yamlAsWritten';

/** Values that following aliases may add to a document (an alias bomb adds millions; reuse in a real file, dozens). */
export const ALIAS_EXPANSION_LIMIT = 50_000;

interface AliasWalk {
  /** Each alias and the node it names (undefined when no anchor of that name comes before it). */
  targets: Map<Alias, YamlNode | undefined>;
  /** Nodes of the document as written, and of the document with every alias replaced by what it names. */
  written: number;
  expanded: number;
  /** Nesting depth with the aliases followed. */
  depth: number;
  selfReferencing: boolean;
}

/** Why the aliases of each parsed document past a limit are not followed. */
const notFollowed = new WeakMap<SingleYAMLDocument, string>();
/** Each parsed `yaml` document's aliases and the nodes they name, as of its last tree building, for Alias.resolve. */
const aliasTargets = new WeakMap<Document, Map<Alias, YamlNode | undefined>>();
let installed = false;

/**
 * Installs the limits, once for the whole process. Install before anything else that wraps updateFromInternalDocument
 * (completionClone.ts): what this decides then stands for the library's own tree building.
 */
export function installAliasLimits(): void {
  if (installed) return;
  installed = true;
  const prototype = SingleYAMLDocument.prototype;
  const build = prototype.updateFromInternalDocument;
  prototype.updateFromInternalDocument = function (this: SingleYAMLDocument): void {
    const walk = walkAliases(this.internalDocument);
    if (walk) aliasTargets.set(this.internalDocument, walk.targets);
    else aliasTargets.delete(this.internalDocument);
    const reason = walk && reasonNotToFollow(walk);
    if (reason) {
      readAsWritten(this);
      notFollowed.set(this, reason);
      return;
    }
    notFollowed.delete(this);
    build.call(this);
  };
  // The converter and the unused-anchor check resolve aliases one by one, each by a walk of the whole document: the
  // walk above already found every alias's node. An alias it did not see (made later) is resolved the library's way.
  const resolve = Alias.prototype.resolve;
  Alias.prototype.resolve = function (this: Alias, document: Document, context?: unknown) {
    const targets = context === undefined ? aliasTargets.get(document) : undefined;
    if (targets?.has(this)) return targets.get(this) as ReturnType<typeof resolve>;
    return resolve.call(this, document, context as Parameters<typeof resolve>[1]);
  };
}

/** Why the aliases of `document` are read as written (for its diagnostic), or undefined when they are followed. */
export function aliasesNotFollowed(document: TextDocument): string | undefined {
  for (const single of yamlDocumentsCache.getYamlDocument(document).documents) {
    const reason = notFollowed.get(single);
    if (reason) return reason;
  }
  return undefined;
}

function reasonNotToFollow(walk: AliasWalk): string | undefined {
  const count = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : 'endlessly many');
  if (walk.selfReferencing) return 'name a value that contains them (an alias inside its own anchor)';
  const added = walk.expanded - walk.written;
  if (added > ALIAS_EXPANSION_LIMIT) return `would add ${count(added)} values to it, more than the ${count(ALIAS_EXPANSION_LIMIT)} followed`;
  if (walk.depth > MAX_NESTING_DEPTH) return `would nest it ${count(walk.depth)} levels deep, more than the ${MAX_NESTING_DEPTH} followed`;
  return undefined;
}

/** One walk of the document as written (its nesting is guarded, see MAX_NESTING_DEPTH); undefined when it has no alias. */
function walkAliases(document: Document): AliasWalk | undefined {
  const walk: AliasWalk = { targets: new Map(), written: 0, expanded: 0, depth: 0, selfReferencing: false };
  const latestAnchor = new Map<string, YamlNode>();
  const open = new Set<YamlNode>();
  /** Size and depth of each node with its aliases followed, known once its walk is done. */
  const measured = new Map<YamlNode, { size: number; depth: number }>();

  const measure = (node: YamlNode | null | undefined): { size: number; depth: number } => {
    if (!node) return { size: 0, depth: 0 };
    walk.written++;
    if (isAlias(node)) {
      const target = latestAnchor.get(node.source);
      walk.targets.set(node, target);
      if (target && open.has(target)) walk.selfReferencing = true;
      return (target && measured.get(target)) ?? { size: 1, depth: 1 };
    }
    if (node.anchor) latestAnchor.set(node.anchor, node);
    open.add(node);
    let size = 1;
    let depth = 0;
    for (const child of childrenOf(node)) {
      const inner = measure(child);
      size += inner.size;
      depth = Math.max(depth, inner.depth);
    }
    open.delete(node);
    const result = { size, depth: depth + 1 };
    measured.set(node, result);
    return result;
  };

  const root = measure(document.contents as YamlNode | null);
  if (walk.targets.size === 0) return undefined;
  walk.expanded = root.size;
  walk.depth = root.depth;
  return walk;
}

function childrenOf(node: YamlNode): Array<YamlNode | null | undefined> {
  if (isScalar(node)) return [];
  if (isMap(node) || isSeq(node)) {
    const children: Array<YamlNode | null | undefined> = [];
    for (const item of node.items as unknown[]) {
      if (isPair(item)) children.push(item.key as YamlNode | null, item.value as YamlNode | null);
      else children.push(item as YamlNode | null);
    }
    return children;
  }
  return [];
}
