/**
 * A comparison's changes as lines a person reads (`-` the tenant's side, `+` the file's, as `git diff` does), shared
 * by the CLI's `diff` / `apply` and the editor's Apply confirmation. Values come from the comparison already masked;
 * nothing here sees a secret. Pure.
 */
import type { PropertyChange } from './connectionDiff';

const MAX_VALUE_CHARS = 160;

/** A value as one line: JSON, cut after 160 characters; `(absent)` for none. */
export function showValue(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)` : text;
}

export function changeLines(change: PropertyChange): string[] {
  switch (change.kind) {
    case 'added':
      return [`+ ${change.path}: ${showValue(change.file)}`];
    case 'removed': {
      const why = change.segments[0] === 'options' ? '   (apply deletes it: options are replaced whole)' : '';
      return [`- ${change.path}: ${showValue(change.live)}${why}`];
    }
    case 'changed':
      return [`- ${change.path}: ${showValue(change.live)}`, `+ ${change.path}: ${showValue(change.file)}`];
    default: {
      const never: never = change.kind;
      return never;
    }
  }
}
