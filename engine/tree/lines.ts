/** Offsets of lines in a text (the offset maps and edits of the engine work on raw text). */

/** The offset where the line holding `offset` starts. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
