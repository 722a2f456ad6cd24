/**
 * vscode-languageclient 9 writes plain lines (`[Error - 10:00:00 AM] message`) to its output channel. This adapter
 * gives it our LogOutputChannel with each line at its real level, so the log's own level filter and colours work, and
 * drops the bare `true`/`false` the library logs as data after "Connection to server got closed" (a 9.0.1 quirk).
 * Trace lines (`auth0Connections.trace.server`) are logged at info level so that they show without changing the
 * channel's level.
 */
import type * as vscode from 'vscode';

type Level = 'error' | 'warn' | 'info';

const HEADER = /^\[(Error|Warn|Info|Trace|Debug|Log)\s*-\s*[^\]]*\]\s?(.*)$/s;

export class LanguageClientChannel implements vscode.OutputChannel {
  /** Lines after a header (request params, stack traces) keep the header's level. */
  #level: Level = 'info';

  constructor(readonly log: vscode.LogOutputChannel) {}

  get name(): string {
    return this.log.name;
  }

  append(value: string): void {
    this.appendLine(value);
  }

  appendLine(value: string): void {
    const header = HEADER.exec(value);
    if (header) {
      const message = header[2] ?? '';
      this.#level = header[1] === 'Error' ? 'error' : header[1] === 'Warn' ? 'warn' : 'info';
      // The library reports every exit as an error, including the clean one of a stop or restart.
      if (/^Server process exited with code 0\.?$/.test(message)) this.#level = 'info';
      this.log[this.#level](message);
      return;
    }
    if (value === 'true' || value === 'false') return;
    this.log[this.#level](value);
  }

  replace(value: string): void {
    this.log.replace(value);
  }

  clear(): void {
    this.log.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    this.log.show(typeof columnOrPreserveFocus === 'boolean' ? columnOrPreserveFocus : preserveFocus);
  }

  hide(): void {
    this.log.hide();
  }

  /** The log belongs to Ctx, which outlives every language client it creates. */
  dispose(): void {}
}
