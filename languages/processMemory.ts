/**
 * The process settings a long-running language server needs to give memory back, set by the server itself so that
 * every editor gets them from the plain `node dist/server.js --stdio` (no editor passes Node flags but VS Code's
 * client, and users copy the plain command into Neovim, Emacs or Helix configurations).
 *
 * - A young generation that does not grow: V8 grows its semi-spaces to 16 MB each under a large parse and keeps them;
 *   `--semi-space-growth-factor=1`, unlike `--max-semi-space-size`, takes effect when set at run time (measured with
 *   bench/ on large.yaml opened and closed three times: 190 MB with nothing set, 115 MB with only `gc` exposed, 85 MB
 *   with both, the same as starting Node with `--expose-gc --max-semi-space-size=1`).
 * - `gc`, for the collections after a large document closes (memory.ts): `--expose-gc` set at run time applies to
 *   contexts created afterwards, so the function is taken from a fresh context.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function prepareProcessMemory(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  const global = globalThis as { gc?: unknown };
  if (typeof global.gc !== 'function') {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') global.gc = gc;
  }
}
