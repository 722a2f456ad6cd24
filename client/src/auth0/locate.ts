/**
 * Where in the document a property named by Auth0 (a 400's `options.attributes`) sits, as a text span. Pure (no
 * `vscode`): parsing uses the same positioned tree as the language server.
 */
import { getProperty, type BodyNode, type ParsedBody } from '../../../engine/index';

export interface PropertySpan {
  offset: number;
  length: number;
  /** True when the whole path was found; false when the span is the deepest part of it present in the document. */
  exact: boolean;
}

/**
 * The key of the property at `path` (so the squiggle sits on the name the message talks about); when only a prefix
 * of the path exists (a missing required property, an item that is not there), the key of the deepest property
 * found, or the start of the document's root value.
 */
export function locateProperty(parsed: ParsedBody, path: ReadonlyArray<string | number>): PropertySpan | undefined {
  const root = parsed.root;
  if (!root) {
    return undefined;
  }
  let node: BodyNode | undefined = root;
  let span: PropertySpan = { offset: root.offset, length: Math.min(root.length, 1), exact: path.length === 0 };
  for (let i = 0; i < path.length; i++) {
    const segment: string | number = path[i]!;
    if (typeof segment === 'number') {
      const item: BodyNode | undefined = node?.kind === 'array' ? node.items[segment] : undefined;
      if (!item) {
        return span;
      }
      node = item;
      span = { offset: item.offset, length: item.length, exact: i === path.length - 1 };
      continue;
    }
    const property = getProperty(node, segment);
    if (!property) {
      return span;
    }
    node = property.value;
    span = { offset: property.keyOffset, length: property.keyLength, exact: i === path.length - 1 };
  }
  return span;
}
