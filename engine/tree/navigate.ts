/** Reading the body tree: a property, a path, the one locator of a path's place in the text, plain values. */
import type { BodyNode, BodyProperty } from './bodyTree';

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

export type PathSegment = string | number;

/** Where a path (`['options', 'attributes']`, `['realms', 0]`) leads in a tree, as far as the tree goes. */
export interface PathLocation {
  /** The node at the deepest part of the path found (the root for an empty path; undefined for a half-typed key). */
  node: BodyNode | undefined;
  /** The property naming that node, when the last part found is an object member. */
  property: BodyProperty | undefined;
  /** How many segments of the path were found. */
  found: number;
  /** True when the whole path was found. */
  exact: boolean;
}

/**
 * The one path locator: follows `path` from `start` (keys through objects, indexes through arrays) and stops at the
 * first segment the tree does not have. Auth0's 400s, the per-strategy checker's ajv paths and the CLI all use it.
 */
export function locatePath(start: BodyNode | undefined, path: readonly PathSegment[], startProperty?: BodyProperty): PathLocation {
  let node = start;
  let property = startProperty;
  let found = 0;
  for (const segment of path) {
    if (!node) break;
    if (node.kind === 'array') {
      const item = typeof segment === 'number' || /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (!item) break;
      node = item;
      property = undefined;
    } else if (node.kind === 'object') {
      const next = typeof segment === 'string' ? getProperty(node, segment) : undefined;
      if (!next) break;
      property = next;
      node = next.value;
    } else {
      break;
    }
    found++;
  }
  return { node, property, found, exact: found === path.length };
}

/**
 * The text span a person should see for a location: the key of a property (the name the message talks about), an
 * array item's value, or the first character of the root value.
 */
export function spanOf(location: PathLocation): { offset: number; length: number } | undefined {
  if (location.property) return { offset: location.property.keyOffset, length: location.property.keyLength };
  if (location.node) return { offset: location.node.offset, length: location.found === 0 ? Math.min(location.node.length, 1) : location.node.length };
  return undefined;
}

/** Follows a path of keys (and array indexes) from `root`; undefined unless the whole path exists. */
export function nodeAtPath(root: BodyNode | undefined, path: readonly PathSegment[]): BodyNode | undefined {
  const location = locatePath(root, path);
  return location.exact ? location.node : undefined;
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

/** A place in the text found for a path, and whether the whole path was there. */
export interface PropertySpan {
  offset: number;
  length: number;
  /** True when the whole path was found; false when the span is the deepest part of it present in the document. */
  exact: boolean;
}

/**
 * Where a property named by Auth0 (a 400's `options.attributes`) sits: the key of the property at `path` (so the
 * squiggle sits on the name the message talks about); when only a prefix of the path exists (a missing required
 * property, an item that is not there), the key of the deepest property found, or the start of the root value.
 */
export function locateProperty(parsed: { root: BodyNode | undefined }, path: readonly PathSegment[]): PropertySpan | undefined {
  const location = locatePath(parsed.root, path);
  const span = spanOf(location);
  return span && { ...span, exact: location.exact };
}
