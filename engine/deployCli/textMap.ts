/**
 * The one translation between the text a user wrote (the source) and the text the engine reads (the view: the
 * source with deploy-cli's keywords substituted). Outside the replaced spans the two texts are the same character
 * for character, shifted; a replaced span maps as a whole. Every diagnostic, hover and completion of a deploy-cli
 * file goes through one of these, so they all land on the text the user wrote.
 */

/** One replaced span: source [sourceStart, sourceEnd) reads as view [viewStart, viewEnd). */
export interface Replacement {
  sourceStart: number;
  sourceEnd: number;
  viewStart: number;
  viewEnd: number;
}

/** Which end of a replaced span an offset inside it maps to. */
export type Bias = 'start' | 'end';

export class TextMap {
  /** Sorted, non-overlapping, in both coordinates alike. */
  readonly replacements: readonly Replacement[];

  constructor(replacements: readonly Replacement[] = []) {
    this.replacements = replacements;
  }

  static readonly identity = new TextMap();

  get isIdentity(): boolean {
    return this.replacements.length === 0;
  }

  toView(sourceOffset: number, bias: Bias = 'start'): number {
    return translate(this.replacements, sourceOffset, bias, 'sourceStart', 'sourceEnd', 'viewStart', 'viewEnd');
  }

  toSource(viewOffset: number, bias: Bias = 'start'): number {
    return translate(this.replacements, viewOffset, bias, 'viewStart', 'viewEnd', 'sourceStart', 'sourceEnd');
  }

  /** A view span in source coordinates; a span that starts or ends inside a replacement grows to cover it. */
  spanToSource(offset: number, length: number): { offset: number; length: number } {
    const start = this.toSource(offset, 'start');
    const end = Math.max(start, this.toSource(offset + length, length === 0 ? 'start' : 'end'));
    return { offset: start, length: end - start };
  }

  /** A source span in view coordinates (the same growth at replacements). */
  spanToView(offset: number, length: number): { offset: number; length: number } {
    const start = this.toView(offset, 'start');
    const end = Math.max(start, this.toView(offset + length, length === 0 ? 'start' : 'end'));
    return { offset: start, length: end - start };
  }

  /** The replacement a view span overlaps (or touches, for an empty span inside one), if any. */
  replacementAtView(offset: number, length: number): Replacement | undefined {
    const end = offset + length;
    return this.replacements.find((r) => (length === 0 ? r.viewStart < offset && offset < r.viewEnd : r.viewStart < end && offset < r.viewEnd));
  }

  /** `this` (source -> middle) followed by `next` (middle -> view), as one map from source to view. */
  then(next: TextMap): TextMap {
    if (next.isIdentity) return this;
    if (this.isIdentity) return next;
    return composed(this, next);
  }
}

/** Offset translation through sorted replacements, with the shift of the last replacement before the offset. */
function translate(
  replacements: readonly Replacement[],
  offset: number,
  bias: Bias,
  fromStart: 'sourceStart' | 'viewStart',
  fromEnd: 'sourceEnd' | 'viewEnd',
  toStart: 'sourceStart' | 'viewStart',
  toEnd: 'sourceEnd' | 'viewEnd',
): number {
  // The last replacement starting at or before the offset.
  let low = 0;
  let high = replacements.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((replacements[middle] as Replacement)[fromStart] <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (found < 0) return offset;
  const r = replacements[found] as Replacement;
  if (offset >= r[fromEnd]) return r[toEnd] + (offset - r[fromEnd]);
  if (offset === r[fromStart]) return r[toStart];
  return bias === 'start' ? r[toStart] : r[toEnd];
}

/**
 * The flat map of two maps applied one after the other. Each replaced span of either map becomes a span in source
 * and view coordinates; spans that overlap are merged, so a replacement made inside an earlier one (a `##KEY##` in the
 * value an `@@KEY@@` put in) maps as one span.
 */
function composed(first: TextMap, second: TextMap): TextMap {
  const spans: Replacement[] = [];
  for (const r of first.replacements) {
    spans.push({ sourceStart: r.sourceStart, sourceEnd: r.sourceEnd, viewStart: second.toView(r.viewStart, 'start'), viewEnd: second.toView(r.viewEnd, 'end') });
  }
  for (const r of second.replacements) {
    spans.push({ sourceStart: first.toSource(r.sourceStart, 'start'), sourceEnd: first.toSource(r.sourceEnd, 'end'), viewStart: r.viewStart, viewEnd: r.viewEnd });
  }
  spans.sort((a, b) => a.sourceStart - b.sourceStart || a.viewStart - b.viewStart);
  const merged: Replacement[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.sourceStart < last.sourceEnd) {
      last.sourceEnd = Math.max(last.sourceEnd, span.sourceEnd);
      last.viewStart = Math.min(last.viewStart, span.viewStart);
      last.viewEnd = Math.max(last.viewEnd, span.viewEnd);
    } else if (last && span.sourceStart === last.sourceEnd && span.viewStart < last.viewEnd) {
      last.sourceEnd = span.sourceEnd;
      last.viewEnd = Math.max(last.viewEnd, span.viewEnd);
    } else {
      merged.push({ ...span });
    }
  }
  return new TextMap(merged);
}
