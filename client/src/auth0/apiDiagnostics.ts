/**
 * Diagnostics for Auth0's own 400 answers (source "Auth0 API"), at the property the message names. They describe the
 * document as it was sent, so the next edit of that document clears them.
 */
import * as vscode from 'vscode';
import { locateProperty, parseBody, type DocumentFormat, type PathSegment } from '../../../engine/index';

export const API_DIAGNOSTIC_SOURCE = 'Auth0 API';

export class ApiDiagnostics implements vscode.Disposable {
  readonly #collection = vscode.languages.createDiagnosticCollection('auth0-api');
  readonly #disposables: vscode.Disposable[] = [this.#collection];

  constructor() {
    this.#disposables.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.#collection.has(event.document.uri)) {
          this.#collection.delete(event.document.uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.#collection.delete(document.uri)),
    );
  }

  clear(uri: vscode.Uri): void {
    this.#collection.delete(uri);
  }

  /** Puts Auth0's message at `path` in the document (or at the deepest part of it present). Returns the diagnostic. */
  set(document: vscode.TextDocument, format: DocumentFormat, path: readonly PathSegment[] | undefined, message: string): vscode.Diagnostic {
    const span = path ? locateProperty(parseBody(document.getText(), format), path) : undefined;
    const range = span
      ? new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length))
      : new vscode.Range(0, 0, 0, document.lineAt(0).text.length);
    const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = API_DIAGNOSTIC_SOURCE;
    this.#collection.set(document.uri, [diagnostic]);
    return diagnostic;
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }
}
