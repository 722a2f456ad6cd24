/**
 * What a command may touch of the outside world, passed in rather than reached for: output streams, the working
 * folder, the environment, and whether a person is at the terminal to answer a question.
 */
export interface CliIO {
  /** Results (reports, the new connection's id, a dry-run request). */
  out(text: string): void;
  /** Everything else: problems, progress, the rate-limit countdown, prompts. */
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stdin and stderr are a terminal, so a confirmation can be asked. */
  interactive: boolean;
  /** Asks a question on the terminal; resolves with the answer line (empty at end of input). */
  ask(question: string): Promise<string>;
  /** Aborts when the user presses Ctrl+C after `catchInterrupts()`. */
  signal: AbortSignal;
  /**
   * From now on, Ctrl+C aborts `signal` (so that a request in flight can be reported truthfully) instead of ending
   * the process; a second Ctrl+C still ends it. Before this, Ctrl+C ends the process at once (nothing to clean up).
   */
  catchInterrupts(): void;
}
