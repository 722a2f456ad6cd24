/**
 * The depth guard every parse goes through. The parsers here and in both language services recurse once per level,
 * and V8 can abort the whole process (not just throw) when a regular expression is compiled near the stack limit, so
 * a document past MAX_NESTING_DEPTH is never handed to a parser at all.
 */
import type { DocumentFormat, ParsedBody } from './bodyTree';

/** Deeper than any connection body (they stay under 20 levels). */
export const MAX_NESTING_DEPTH = 256;

/**
 * The body to use instead of any parse when `text` is nested deeper than MAX_NESTING_DEPTH, else undefined. Every
 * path to a parser goes through this first (parseBody, and a language mode that builds the body from its own parse).
 */
export function tooDeepBody(text: string, format: DocumentFormat): ParsedBody | undefined {
  const depth = nestingDepth(text);
  if (depth <= MAX_NESTING_DEPTH) return undefined;
  return {
    format,
    root: undefined,
    syntaxProblems: [
      {
        message: `The document is nested ${depth} levels deep; a connection body is never deeper than ${MAX_NESTING_DEPTH}, so it is not read further.`,
        offset: 0,
        length: 0,
      },
    ],
    duplicateKeys: [],
    tooDeep: true,
  };
}

/**
 * Upper bound of the nesting depth in one linear pass: brackets outside quoted strings, plus, for block YAML, the
 * indentation of a line counted as one level per column (an over-estimate, which is the safe side).
 */
export function nestingDepth(text: string): number {
  // It runs over the whole text before every parse, so runs of characters that cannot change the answer are skipped
  // with one sticky regular expression each instead of visited one by one (2.8 -> 1.5 ms on the 1 MB benchmark JSON).
  let depth = 0;
  let deepest = 0;
  /** The open quote's character code, or 0 outside quotes. */
  let quote = 0;
  let lineStart = true;
  let indent = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      if (c === SPACE) {
        indent++;
        i++;
        continue;
      }
      if (indent > deepest) deepest = indent;
      lineStart = false;
    }
    if (c === NEWLINE) {
      lineStart = true;
      indent = 0;
      if (quote === SINGLE_QUOTE) quote = 0;
      i++;
      continue;
    }
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE_QUOTE) i += 2;
      else if (c === quote) {
        quote = 0;
        i++;
      } else i = skipPast(quote === DOUBLE_QUOTE ? INSIDE_DOUBLE_QUOTES : INSIDE_SINGLE_QUOTES, text, i);
      continue;
    }
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) quote = c;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (depth > 0) depth--;
    } else {
      i = skipPast(OUTSIDE_QUOTES, text, i);
      continue;
    }
    i++;
  }
  return deepest;
}

// Runs of characters that change nothing in nestingDepth where they stand (each pattern matches at least the
// character at hand, which the caller has already found uninteresting).
const INSIDE_DOUBLE_QUOTES = /[^"\\\n]+/y;
const INSIDE_SINGLE_QUOTES = /[^'\n]+/y;
const OUTSIDE_QUOTES = /[^"'[\]{}\n]+/y;

function skipPast(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  return run.test(text) ? run.lastIndex : from + 1;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
