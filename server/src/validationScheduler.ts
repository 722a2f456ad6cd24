/**
 * Debounced diagnostics (after json-language-features' utils/validation.ts): each edit restarts a per-document
 * timer, and a result computed for an older version is dropped instead of published.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface ValidationTarget {
  validate(document: TextDocument): Promise<Diagnostic[]>;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  currentVersion(uri: string): number | undefined;
  reportError(what: string, error: unknown): void;
}

export class ValidationScheduler {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #target: ValidationTarget;
  #delayMs: number;

  constructor(target: ValidationTarget, delayMs: number) {
    this.#target = target;
    this.#delayMs = delayMs;
  }

  set delayMs(value: number) {
    this.#delayMs = Math.max(0, value);
  }

  schedule(document: TextDocument, immediately = false): void {
    this.cancel(document.uri);
    const run = (): void => {
      this.#timers.delete(document.uri);
      void this.#validateNow(document);
    };
    if (immediately || this.#delayMs === 0) {
      // setImmediate keeps the didOpen handler itself short.
      this.#timers.set(document.uri, setTimeout(run, 0));
    } else {
      this.#timers.set(document.uri, setTimeout(run, this.#delayMs));
    }
  }

  cancel(uri: string): void {
    const timer = this.#timers.get(uri);
    if (timer) clearTimeout(timer);
    this.#timers.delete(uri);
  }

  async #validateNow(document: TextDocument): Promise<void> {
    try {
      const diagnostics = await this.#target.validate(document);
      if (this.#target.currentVersion(document.uri) !== document.version) return;
      this.#target.publish(document.uri, document.version, diagnostics);
    } catch (error) {
      this.#target.reportError(`Validating ${document.uri}`, error);
    }
  }
}
