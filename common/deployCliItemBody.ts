/**
 * Pure pieces of reading one auth0-deploy-cli item as deploy-cli sends it (the editor's deployCliItem.ts does the
 * reading): where the item's properties sit in the document, and the item's value with the files it names read in.
 */
/** A property name or an array index (as the protocol writes paths). */
type PathSegment = string | number;

/** `connections[1]` -> `['connections', 1]`: where the item's properties sit in the document's tree. */
export function itemPath(label: string | undefined): PathSegment[] {
  if (label === undefined) return [];
  const match = /^(\w+)\[(\d+)\]$/.exec(label);
  return match ? [match[1] ?? '', Number(match[2])] : [];
}

/** A deep copy of `value` with the text of each named file at its path. */
export function withFileTexts(value: Record<string, unknown>, texts: ReadonlyArray<{ path: readonly PathSegment[]; text: string }>): Record<string, unknown> {
  const copy = structuredClone(value);
  for (const { path, text } of texts) {
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[segment];
    const last = path[path.length - 1];
    if (parent !== null && typeof parent === 'object' && last !== undefined) (parent as Record<string | number, unknown>)[last] = text;
  }
  return copy;
}
