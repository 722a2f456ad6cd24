/**
 * What a command says on stderr while it talks to a tenant: each request's progress line, and the 429 wait as a
 * countdown (rewritten in place on a terminal, one line per wait otherwise, for CI logs).
 */
import type { ApiSettings } from '../common/auth0';
import type { CliIO } from './io';

/** The 429 wait on stderr. */
export class Countdown {
  #active = false;
  #lastAttempt = 0;

  constructor(private readonly io: CliIO) {}

  tick(secondsLeft: number, attempt: number, tenant: string): void {
    const text = `${tenant} is rate-limiting requests (429); retrying in ${secondsLeft} s (retry ${attempt})`;
    if (this.io.interactive) {
      this.io.err(`\r${text} `);
      this.#active = true;
    } else if (attempt !== this.#lastAttempt) {
      this.io.err(text + '\n');
    }
    this.#lastAttempt = attempt;
  }

  end(): void {
    if (this.#active) this.io.err('\n');
    this.#active = false;
  }
}

/**
 * The progress callbacks of an operation's settings. `verbose` false keeps request-by-request lines off stderr
 * (a pull of 500 connections would print a thousand); the rate-limit countdown is always shown.
 */
export function progressReporting(io: CliIO, tenant: string, verbose = true): Pick<ApiSettings, 'onProgress' | 'onRateLimitWait'> & { end(): void } {
  const countdown = new Countdown(io);
  return {
    onProgress: (progress) => {
      if (progress.stage === 'rate-limited' || !verbose) return;
      countdown.end();
      io.err(progress.message + '\n');
    },
    onRateLimitWait: (secondsLeft, attempt) => countdown.tick(secondsLeft, attempt, tenant),
    end: () => countdown.end(),
  };
}
