/**
 * Giving memory back after a large document is closed.
 *
 * Evicting the closed document from the language services' caches makes its memory garbage, but V8 collects that
 * garbage only when its own heuristics say so, and a 0.9 MB YAML body leaves ~40 MB of it per open (parse tokens,
 * two ASTs). Measured in the server (bench/, large.yaml opened and closed three times): the heap in use at each close
 * grows 35 -> 72 -> 109 MB although nothing is retained; after one full collection it is back at 16 MB.
 *
 * So when a large document is closed we ask for full collections, on a timer (after the didClose handling, off
 * any request's latency). That needs the process to run with `--expose-gc`; without it this does nothing: no flag is
 * flipped at run time. The other part of the resident size that stays after a large parse is the young generation
 * growing to its maximum (16 MB semi-spaces by default); `--max-semi-space-size=1` keeps it small with no measurable
 * cost on our parse times. The server sets both up itself at start (processMemory.ts), whatever command started it.
 */


/** Documents at least this long trigger a collection when closed; small ones leave nothing worth a pause. */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

let scheduled: NodeJS.Timeout | undefined;

/** Asks for one full garbage collection soon (coalesced), when the process exposes `gc`. */
export function collectGarbageSoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function' || scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    // Twice: the first collection frees the closed document; the second, finding little garbage, compacts the pages
    // it left half-empty and returns them to the system. Measured with a fixed young generation on large.yaml opened and
    // closed three times: RSS growth 22-36 MB with one collection, 3-5 MB with two (two take ~20-40 ms, off any request).
    gc();
    gc();
  }, 0);
  scheduled.unref();
}
