/**
 * How the suite talks to the code-server runner. The extension host's console reaches the runner only mixed with
 * the workbench's own console output, so the suite prefixes its lines (when the runner sets E2E_LINE_PREFIX) and the
 * runner relays exactly those. A line `SCREENSHOT <name> [<css selector>]` asks for a PNG; the runner answers by
 * writing the file `<E2E_ACK_DIR>/<name>` once it is taken (or failed), which the suite waits for.
 */
export const SUITE_LINE_PREFIX = 'e2e| ';
