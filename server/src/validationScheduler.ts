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
  readonly #timers = new Map<string, { cancel(): void }>();
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
    if (immediately || this.#delayMs === 0) {
      // Right after the messages already received (setImmediate has no 1 ms clamp, unlike a zero timeout), and not
      // inside the didOpen handler itself.
      const immediate = setImmediate(run);
      this.#timers.set(uri, { cancel: () => clearImmediate(immediate) });
    } else {
      const timer = setTimeout(run, this.#delayMs);
      this.#timers.set(uri, { cancel: () => clearTimeout(timer) });
    }
  }

  cancel(uri: string): void {
    this.#timers.get(uri)?.cancel();
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
