/**
 * Every request handler goes through here (after json-language-features' runner.ts): a cancelled request answers
 * RequestCancelled, and an exception is logged and answered with a harmless default, so one bad document can never
 * take the server down.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  /** A line of information in the log (what was declined and why), never a popup. */
  info(message: string): void;
}

export async function runSafe<T>(
  logger: Logger,
  what: string,
  token: CancellationToken | undefined,
  fallback: T,
  work: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    logger.error(`${what} failed: ${describeError(error)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
