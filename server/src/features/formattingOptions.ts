/**
 * Formatting options as the formatters may safely take them. The protocol allows any `tabSize` (a uinteger) and any
 * extra key, but both formatters build each indentation as a string of `tabSize` spaces per level: a 5-line file
 * formatted with tabSize 1e8 ran the server out of memory, and tabSize 1000 on 255 nested arrays answered 65 MB.
 * So the size is clamped to what an editor means, and only the protocol's own keys reach a formatter (the YAML
 * one, prettier, would also take `printWidth`, `tabWidth` and the like from whatever the client sent).
 */
import type { FormattingOptions } from 'vscode-languageserver';

/** No editor preset goes past 8; 16 leaves room, and keeps 255 levels of nesting under ~1 MB of indentation. */
export const MAX_TAB_SIZE = 16;
const DEFAULT_TAB_SIZE = 2;

export function saneFormattingOptions(options: FormattingOptions | undefined): FormattingOptions {
  const given = (options ?? {}) as Partial<Record<keyof FormattingOptions, unknown>>;
  const sane: FormattingOptions = { tabSize: tabSizeOf(given.tabSize), insertSpaces: given.insertSpaces !== false };
  for (const key of ['trimTrailingWhitespace', 'insertFinalNewline', 'trimFinalNewlines'] as const) {
    if (typeof given[key] === 'boolean') sane[key] = given[key];
  }
  return sane;
}

function tabSizeOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) return DEFAULT_TAB_SIZE;
  return Math.min(MAX_TAB_SIZE, Math.floor(value));
}
