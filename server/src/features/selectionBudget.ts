/**
 * A bound on the work of one selectionRange request. yaml-language-server walks the whole document for each position
 * it is given (services/yamlSelectionRanges.ts), about 10 ms per position on an 86 KB file: 1000 positions held the
 * server, and every other document, for 10 s, and nothing in the protocol limits how many a client sends. So the
 * positions computed are bounded by the document's size; the others get the empty range at the position itself
 * (the answer must have one entry per position), and the log says so once per request.
 */
import type { Position, SelectionRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Logger } from '../utils/runner';

/** Positions times characters one request may cost (~1 s): 4,000 positions of a 2 KB file, 8 of a 1 MB one. */
export const SELECTION_BUDGET = 8_000_000;

export function selectionRangesWithinBudget(
  document: TextDocument,
  positions: readonly Position[],
  logger: Logger,
  compute: (positions: Position[]) => SelectionRange[],
): SelectionRange[] {
  const affordable = Math.max(1, Math.floor(SELECTION_BUDGET / Math.max(1, document.getText().length)));
  if (positions.length <= affordable) return compute([...positions]);
  logger.warn(
    `Selection ranges were asked for ${positions.length} positions of ${document.uri}; only the first ${affordable} are ` +
      'computed (each one walks the whole document), the others answer the position itself.',
  );
  const rest = positions.slice(affordable).map((position) => ({ range: { start: position, end: position } }));
  return [...compute(positions.slice(0, affordable)), ...rest];
}
