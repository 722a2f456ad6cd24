/**
 * Text edits over a connection body that keep it valid JSON or YAML: rename a key, replace a scalar, remove a
 * property (with its comma in JSON, with its whole line(s) in YAML), insert a property at the top of the root object.
 * Pure functions of the text and the positioned tree; the quick fixes are built from them.
 */
import type { ArrayNode, BodyNode, BodyProperty, DocumentFormat, ObjectNode } from '../tree/bodyTree';
import { lineStartOf } from '../tree/lines';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** A property together with the object holding it, found by the offset of its key. */
export interface LocatedProperty {
  property: BodyProperty;
  parent: ObjectNode;
  index: number;
}

/** An array item together with the array holding it. */
export interface LocatedItem {
  item: BodyNode;
  parent: ArrayNode;
  index: number;
}

export interface BodyIndex {
  propertyByKeyOffset: Map<number, LocatedProperty>;
  valueByOffset: Map<number, BodyNode>;
  itemByOffset: Map<number, LocatedItem>;
}

/** Every key and value of the tree by start offset, built in one iterative pass (no recursion on deep documents). */
export function indexBody(root: BodyNode | undefined): BodyIndex {
  const propertyByKeyOffset = new Map<number, LocatedProperty>();
  const valueByOffset = new Map<number, BodyNode>();
  const itemByOffset = new Map<number, LocatedItem>();
  const pending: BodyNode[] = root ? [root] : [];
  while (pending.length > 0) {
    const node = pending.pop() as BodyNode;
    // The outermost node wins an offset shared with a nested one (a YAML block map starts at its first key).
    if (!valueByOffset.has(node.offset)) valueByOffset.set(node.offset, node);
    if (node.kind === 'object') {
      node.properties.forEach((property, index) => {
        propertyByKeyOffset.set(property.keyOffset, { property, parent: node, index });
        if (property.value) pending.push(property.value);
      });
    } else if (node.kind === 'array') {
      node.items.forEach((item, index) => {
        if (!itemByOffset.has(item.offset)) itemByOffset.set(item.offset, { item, parent: node, index });
        pending.push(item);
      });
    }
  }
  return { propertyByKeyOffset, valueByOffset, itemByOffset };
}

/** True when the object is written with braces (all JSON, YAML flow mappings), false for YAML block mappings. */
function isBraced(text: string, node: ObjectNode): boolean {
  return text[node.offset] === '{';
}

const PLAIN_YAML_SCALAR = /^[A-Za-z_$][A-Za-z0-9_$.-]*$/;
const YAML_WORDS_WITH_MEANING = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/**
 * `value` written as a string the way the surrounding text writes it: JSON strings in JSON; in YAML the quote
 * style of the text being replaced, or plain when the value cannot be mistaken for another type.
 */
export function formatString(value: string, format: DocumentFormat, replacedText = ''): string {
  if (format === 'json' || replacedText.startsWith('"')) return JSON.stringify(value);
  if (replacedText.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return PLAIN_YAML_SCALAR.test(value) && !YAML_WORDS_WITH_MEANING.test(value) ? value : JSON.stringify(value);
}

export function renameKey(text: string, format: DocumentFormat, property: BodyProperty, newKey: string): TextEdit {
  const oldKeyText = text.slice(property.keyOffset, property.keyOffset + property.keyLength);
  return { offset: property.keyOffset, length: property.keyLength, newText: formatString(newKey, format, oldKeyText) };
}

export function replaceScalar(text: string, format: DocumentFormat, node: BodyNode, newValue: string): TextEdit {
  const oldText = text.slice(node.offset, node.offset + node.length);
  return { offset: node.offset, length: node.length, newText: formatString(newValue, format, oldText) };
}


/** Offset just past the end of the line holding `offset` (after its newline, or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** End of a property in the text: its value's end, or past the `:` when the value is still missing. */
function propertyEnd(text: string, property: BodyProperty): number {
  if (property.value) return Math.max(property.value.offset + property.value.length, property.keyOffset + property.keyLength);
  const afterKey = property.keyOffset + property.keyLength;
  const colon = /^\s*:/.exec(text.slice(afterKey, afterKey + 200));
  return colon ? afterKey + colon[0].length : afterKey;
}

/** Removes one property so the document stays valid. */
export function removeProperty(text: string, located: LocatedProperty): TextEdit {
  const { property, parent, index } = located;
  const siblings = parent.properties;
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  const start = property.keyOffset;
  const end = propertyEnd(text, property);

  if (!isBraced(text, parent)) {
    const lineStart = lineStartOf(text, start);
    if (text.slice(lineStart, start).trim() === '') {
      // The key opens its line: take the whole line(s) of the entry, so no blank line or stray indent is left.
      // A block value's range may already end at the start of the next line.
      const valueEnd = end > start && text[end - 1] === '\n' ? end : nextLineStart(text, Math.max(start, end - 1));
      return { offset: lineStart, length: valueEnd - lineStart, newText: '' };
    }
    // The key follows "- " (first key of a sequence item): let the next key take its place.
    if (next) return { offset: start, length: next.keyOffset - start, newText: '' };
    return { offset: start, length: end - start, newText: '' };
  }

  // Braced: remove the entry with exactly one of its commas.
  if (next) return { offset: start, length: next.keyOffset - start, newText: '' };
  if (previous) {
    const previousEnd = propertyEnd(text, previous);
    return { offset: previousEnd, length: end - previousEnd, newText: '' };
  }
  // The only property: empty the braces.
  const inner = parent.offset + 1;
  const closing = text[parent.offset + parent.length - 1] === '}' ? parent.offset + parent.length - 1 : end;
  return { offset: inner, length: Math.max(0, closing - inner), newText: '' };
}

/** Removes one array item so the document stays valid: with one comma in brackets, with its `- ` line in YAML. */
export function removeArrayItem(text: string, located: LocatedItem): TextEdit {
  const { item, parent, index } = located;
  const start = item.offset;
  const end = item.offset + item.length;
  const next = parent.items[index + 1];
  const previous = parent.items[index - 1];
  if (text[parent.offset] !== '[') {
    // Block sequence: the item's line starts with its indent and "- ".
    const lineStart = lineStartOf(text, start);
    if (/^[ \t]*-[ \t]*$/.test(text.slice(lineStart, start))) {
      const valueEnd = end > start && text[end - 1] === '\n' ? end : nextLineStart(text, Math.max(start, end - 1));
      return { offset: lineStart, length: valueEnd - lineStart, newText: '' };
    }
  }
  if (next) return { offset: start, length: next.offset - start, newText: '' };
  if (previous) {
    const previousEnd = previous.offset + previous.length;
    return { offset: previousEnd, length: end - previousEnd, newText: '' };
  }
  return { offset: start, length: end - start, newText: '' };
}

/** Inserts `key: value` as the first property of the root object, indented like its siblings. */
export function insertRootProperty(
  text: string,
  format: DocumentFormat,
  root: ObjectNode,
  key: string,
  value: string,
): TextEdit {
  const braced = isBraced(text, root);
  const entry =
    format === 'json'
      ? `${JSON.stringify(key)}: ${JSON.stringify(value)}`
      : `${formatString(key, format)}: ${formatString(value, format)}`;
  const first = root.properties[0];

  if (!first) {
    // Only braces can be empty here (an empty YAML block mapping parses as null, not as an object).
    const inner = root.offset + 1;
    const closing = root.offset + root.length - 1;
    const interior = text.slice(inner, closing);
    if (interior.trim() !== '') return { offset: inner, length: 0, newText: entry };
    if (!interior.includes('\n')) return { offset: inner, length: interior.length, newText: entry };
    const lineStart = lineStartOf(text, root.offset);
    const baseIndent = /^[ \t]*/.exec(text.slice(lineStart, root.offset))?.[0] ?? '';
    return { offset: inner, length: interior.length, newText: `\n${baseIndent}  ${entry}\n${baseIndent}` };
  }

  const lineStart = lineStartOf(text, first.keyOffset);
  const beforeKey = text.slice(lineStart, first.keyOffset);
  const keyOpensLine = beforeKey.trim() === '';
  if (braced) {
    // Match the first entry's layout: on its own line with its indent, or inline after the brace.
    return keyOpensLine && lineStart > root.offset
      ? { offset: first.keyOffset, length: 0, newText: `${entry},\n${beforeKey}` }
      : { offset: first.keyOffset, length: 0, newText: `${entry}, ` };
  }
  return keyOpensLine
    ? { offset: lineStart, length: 0, newText: `${beforeKey}${entry}\n` }
    : { offset: first.keyOffset, length: 0, newText: `${entry}\n${' '.repeat(beforeKey.length)}` };
}

/** Applies non-overlapping edits to `text` (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  return result;
}
