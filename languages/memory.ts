/**
 * Giving memory back after a large document is closed.
 *
 * Evicting the closed document from the language services' caches makes its memory garbage, but V8 collects that
 * garbage only when its own heuristics say so, and a 0.9 MB YAML body leaves ~40 MB of it per open (parse tokens,
 * two ASTs). Measured in the server (bench/, large.yaml opened and closed three times): the heap in use at each close
 * grows 35 -> 72 -> 109 MB although nothing is retained; after one full collection it is back at 16 MB.
 *
 * So when a large document is closed we ask for full collections, on a timer (after the didClose handling, off
 * any request's latency), and also when the last open document is closed after documents of as much text in all
 * have closed since the last collection: many small documents grow the heap too (the fuzz suite, seed 11, 1000
 * documents opened and closed beside one kept open, then that one closed: resident size 85 MB after warm-up and still
 * 181 MB 15 s after the last close; with this, 79 -> 111 MB). Not on every last close: two collections cost 20-50 ms
 * of CPU, which one small file opened and closed again and again (an editor switching tabs, the benchmark) would pay
 * each time for nothing (typical.yaml: 58 ms of server CPU per open + close with a collection each, 5 without). That needs
 * `gc` exposed, which the server does itself at start (processMemory.ts); without it this does nothing. The other
 * part of the resident size that stays after a large parse is the young generation growing to its maximum (16 MB
 * semi-spaces by default); the server keeps it from growing, also at start (processMemory.ts), whatever command
 * started it.
 */

/** Documents at least this long trigger a collection when closed; small ones leave nothing worth a pause. */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

let scheduled: NodeJS.Timeout | undefined;
/** Characters of the documents closed since the last collection. */
let closedSinceCollection = 0;

/**
 * A document of `chars` characters has closed (the server calls this, once per close, for every kind of document):
 * a large one is collected soon, and every one counts towards the next collection (see collectIfLastClosed).
 */
export function noteDocumentClosed(chars: number): void {
  closedSinceCollection += chars;
  if (chars >= LARGE_DOCUMENT_CHARS) collectGarbageSoon();
}

/** The last open document has closed: collect when the documents closed since the last collection were large in all. */
export function collectIfLastClosed(): void {
  if (closedSinceCollection >= LARGE_DOCUMENT_CHARS) collectGarbageSoon();
}

/** Asks for one full garbage collection soon (coalesced), when the process exposes `gc`. */
export function collectGarbageSoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function' || scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    closedSinceCollection = 0;
    // Twice: the first collection frees the closed document; the second, finding little garbage, compacts the pages
    // it left half-empty and returns them to the system. Measured with a fixed young generation on large.yaml opened and
    // closed three times: RSS growth 22-36 MB with one collection, 3-5 MB with two (two take ~20-40 ms, off any request).
    gc();
    gc();
  }, 0);
  scheduled.unref();
}
