/**
 * Debounced diagnostics (after json-language-features' utils/validation.ts): each edit restarts a per-document
 * timer, and a result computed for an older version is dropped instead of published.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ServedDocument } from './documentRegistry';

export interface ValidationTarget {
  validate(served: ServedDocument): Promise<Diagnostic[]>;
  publish(served: ServedDocument, diagnostics: Diagnostic[]): void;
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

  schedule(served: ServedDocument, immediately = false): void {
    const uri = served.document.uri;
    this.cancel(uri);
    const run = (): void => {
      this.#timers.delete(uri);
      void this.#validateNow(served);
    };
    // A zero timeout (not a synchronous call) keeps the didOpen handler itself short.
    this.#timers.set(uri, setTimeout(run, immediately ? 0 : this.#delayMs));
  }

  cancel(uri: string): void {
    const timer = this.#timers.get(uri);
    if (timer) clearTimeout(timer);
    this.#timers.delete(uri);
  }

  async #validateNow(served: ServedDocument): Promise<void> {
    const { document } = served;
    try {
      const diagnostics = await this.#target.validate(served);
      if (this.#target.currentVersion(document.uri) !== document.version) return;
      this.#target.publish(served, diagnostics);
    } catch (error) {
      this.#target.reportError(`Validating ${document.uri}`, error);
    }
  }
}
