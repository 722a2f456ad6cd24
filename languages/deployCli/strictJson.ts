/**
 * Comments in a directory-format JSON file: the engine's JSON parser reads them, JSON.parse (deploy-cli's reader)
 * does not. (Trailing commas are already syntax problems of the engine's parse.) Said in the words the JSON mode uses
 * for connection files.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { LibraryDiagnosticCodes } from '../../common/protocol';
import type { Finding } from '../../engine/index';

export function strictJsonProblems(text: string): Finding[] {
  if (!text.includes('//') && !text.includes('/*')) return [];
  const findings: Finding[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    findings.push({
      code: LibraryDiagnosticCodes.strictJson,
      severity: 'error',
      message: 'Comments are not allowed: deploy-cli reads this file with JSON.parse.',
      offset: scanner.getTokenOffset(),
      length: scanner.getTokenLength(),
    });
  }
  return findings;
}
