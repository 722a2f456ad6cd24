/**
 * The tenant and create features' log: every line goes through `redact` (known secrets of this session plus the
 * JWT / bearer / client_secret patterns) before it reaches the shared output channel. The channel is never revealed
 * from here (style.md: popups carry "Show Output" instead). The last lines written are kept so that the
 * extension-host tests can assert that no secret ever reached the channel.
 */
import type * as vscode from 'vscode';
import { redact } from '../../../common/auth0/redact';

const KEPT_LINES = 500;

export class Auth0Log {
  readonly #channel: vscode.LogOutputChannel;
  readonly #secrets = new Set<string>();
  readonly #lines: string[] = [];

  constructor(channel: vscode.LogOutputChannel) {
    this.#channel = channel;
  }

  /** Remembers secrets seen this session (read from SecretStorage or typed), so that they are masked wherever they appear. */
  addSecrets(...secrets: Array<string | undefined>): void {
    for (const secret of secrets) {
      if (secret !== undefined && secret.trim() !== '') this.#secrets.add(secret.trim());
    }
  }

  scrub(text: string): string {
    return redact(text, this.#secrets);
  }

  info(message: string): void {
    this.#write('info', message);
  }

  warn(message: string): void {
    this.#write('warn', message);
  }

  error(message: string): void {
    this.#write('error', message);
  }

  /** The lines written (already redacted), oldest first. */
  lines(): readonly string[] {
    return this.#lines;
  }

  #write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `[auth0] ${this.scrub(message)}`;
    this.#lines.push(`${level}: ${line}`);
    if (this.#lines.length > KEPT_LINES) this.#lines.splice(0, this.#lines.length - KEPT_LINES);
    this.#channel[level](line);
  }
}
