/**
 * Typing in one item of a tenant file re-reads that item, not the whole file. The previous version's tree is kept:
 * when everything the edit changed lies inside one item of `connections:` or `databases:` (its braces in JSON, its
 * lines in block YAML), only that item's text is parsed again, and the new tree is the old one with that item
 * replaced and what follows it moved by the edit's length. Anything else (an edit across items, a new item, a text
 * the item parse declines or finds broken) returns undefined: the caller parses the whole file, as the result must
 * be the whole parse's tree exactly (test/unit/deployCliIncremental.test.ts compares them).
 */
import { parseJsonBody } from '../tree/jsonTree';
import { tooDeepBody } from '../tree/nesting';
import { parsePlainYamlRegion } from '../tree/plainYaml';
import type { ArrayNode, BodyNode, BodyProperty, DocumentFormat, ObjectNode, ParsedBody, SyntaxProblem } from '../tree/bodyTree';
import { lineStartOf } from '../tree/lines';

const YAML_ANCHOR = /(^|[:\-[{,]\s*)&[^\s,\]}]/m;

/** The span an edit changed: `[start, oldEnd)` of the old text became `[start, start + length + delta)`. */
interface Change {
  start: number;
  oldEnd: number;
  delta: number;
}

/** The new tree of a tenant file, re-reading only the item the edit fell in; undefined when that is not possible. */
export function reparseEditedItem(oldText: string, old: ParsedBody, newText: string, format: DocumentFormat): ParsedBody | undefined {
  if (old.syntaxProblems.length > 0 || old.tooDeep || old.root?.kind !== 'object') return undefined;
  // With YAML anchors, a node of one item may stand for text elsewhere: moving offsets item by item would be wrong.
  if (format === 'yaml' && YAML_ANCHOR.test(oldText)) return undefined;
  const change = changeBetween(oldText, newText);
  if (!change) return undefined;
  const found = listItemAt(old.root, change);
  if (!found) return undefined;
  const { list, index, item } = found;
  const itemEnd = item.offset + item.length;
  // The nesting guard the whole parse applies, applied to the text read again.
  if (tooDeepBody(newText.slice(item.offset, itemEnd + change.delta), format)) return undefined;
  const fresh = format === 'yaml' ? yamlItem(newText, item, itemEnd + change.delta) : jsonItem(newText, item.offset, itemEnd + change.delta);
  if (!fresh || fresh.root?.kind !== 'object') return undefined;
  const shiftFrom = itemEnd;
  const items = list.value.items.map((node, i) => (i < index ? node : i === index ? (fresh.root as BodyNode) : shifted(node, change.delta)));
  const newList: ArrayNode = { ...list.value, length: list.value.length + change.delta, items };
  const root: ObjectNode = {
    ...old.root,
    length: old.root.length + change.delta,
    properties: old.root.properties.map((property) =>
      property === list ? { ...property, value: newList } : property.keyOffset >= shiftFrom ? shiftedProperty(property, change.delta) : property,
    ),
  };
  const duplicateKeys = [
    ...old.duplicateKeys.filter((d) => d.offset < item.offset),
    ...fresh.duplicateKeys,
    ...old.duplicateKeys.filter((d) => d.offset >= itemEnd).map((d): SyntaxProblem => ({ ...d, offset: d.offset + change.delta })),
  ];
  return { format, root, syntaxProblems: [], duplicateKeys };
}

function changeBetween(oldText: string, newText: string): Change | undefined {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  if (start === oldText.length && start === newText.length) return undefined;
  let suffix = 0;
  while (suffix < shorter - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start, oldEnd: oldText.length - suffix, delta: newText.length - oldText.length };
}

/** The item of a root list (`connections`, `databases`) holding the whole change, strictly inside it. */
function listItemAt(root: ObjectNode, change: Change): { list: BodyProperty & { value: ArrayNode }; index: number; item: BodyNode } | undefined {
  for (const property of root.properties) {
    const value = property.value;
    if (value?.kind !== 'array' || (property.key !== 'connections' && property.key !== 'databases')) continue;
    const index = value.items.findIndex((item) => item.offset < change.start && change.oldEnd < item.offset + item.length);
    const item = value.items[index];
    if (item?.kind === 'object') return { list: property as BodyProperty & { value: ArrayNode }, index, item };
  }
  return undefined;
}

/** A block YAML item re-read from its line to its new end; JSON-style items in YAML (flow) are not re-read. */
function yamlItem(text: string, item: BodyNode, end: number): Pick<ParsedBody, 'root' | 'duplicateKeys'> | undefined {
  if (text[item.offset] === '{') return undefined;
  const lineStart = lineStartOf(text, item.offset);
  // The item ends where its last line does; a YAML item's range already includes that line's newline.
  if (end > 0 && text[end - 1] !== '\n' && end !== text.length) return undefined;
  return parsePlainYamlRegion(text, lineStart, item.offset, end);
}

function jsonItem(text: string, start: number, end: number): Pick<ParsedBody, 'root' | 'duplicateKeys'> | undefined {
  if (text[start] !== '{' || text[end - 1] !== '}') return undefined;
  const parsed = parseJsonBody(text.slice(start, end));
  if (parsed.syntaxProblems.length > 0 || !parsed.root || parsed.root.length !== end - start) return undefined;
  return {
    root: shifted(parsed.root, start),
    duplicateKeys: parsed.duplicateKeys.map((d) => ({ ...d, offset: d.offset + start })),
  };
}

/** A copy of `node` with every offset moved by `delta` (recursive: trees here are within the nesting guard). */
export function shifted(node: BodyNode, delta: number): BodyNode {
  if (delta === 0) return node;
  switch (node.kind) {
    case 'object':
      return { ...node, offset: node.offset + delta, properties: node.properties.map((property) => shiftedProperty(property, delta)) };
    case 'array':
      return { ...node, offset: node.offset + delta, items: node.items.map((item) => shifted(item, delta)) };
    default:
      return { ...node, offset: node.offset + delta };
  }
}

function shiftedProperty(property: BodyProperty, delta: number): BodyProperty {
  return { ...property, keyOffset: property.keyOffset + delta, value: property.value && shifted(property.value, delta) };
}
