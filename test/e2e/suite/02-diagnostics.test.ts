/**
 * Mistakes show as diagnostics exactly where they are: on the bad name and on the unknown strategy value.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeDiagnostics,
  describeRange,
  openInEditor,
  rangeOf,
  screenshot,
  screenshotsEnabled,
  waitFor,
  waitForOurDiagnostics,
  workspaceFile,
} from './helpers';
import { errorMessage } from '../../../common/errors';

/** Accepts a diagnostic on `value` whether the server's range includes the JSON quotes or not. */
function candidateRanges(document: vscode.TextDocument, value: string, key: string): vscode.Range[] {
  const bare = rangeOf(document, value, key);
  const ranges = [bare];
  if (document.getText(new vscode.Range(bare.start.translate(0, -1), bare.end.translate(0, 1))) === `"${value}"`) {
    ranges.push(new vscode.Range(bare.start.translate(0, -1), bare.end.translate(0, 1)));
  }
  return ranges;
}

function hasDiagnosticAt(diagnostics: vscode.Diagnostic[], ranges: vscode.Range[]): boolean {
  return diagnostics.some(
    (d) => d.severity === vscode.DiagnosticSeverity.Error && ranges.some((range) => d.range.isEqual(range)),
  );
}

for (const [file, badName, badStrategy] of [
  ['broken.connection.yaml', 'my connection!', 'samlpp'],
  ['broken.connection.json', 'bad name', 'github2'],
] as const) {
  suite(`Diagnostics in ${file}`, () => {
    let document: vscode.TextDocument;
    let diagnostics: vscode.Diagnostic[];

    suiteSetup(async () => {
      const uri = workspaceFile(file);
      document = (await openInEditor(uri)).document;
      const nameRanges = candidateRanges(document, badName, 'name');
      const strategyRanges = candidateRanges(document, badStrategy, 'strategy');
      // Both findings may arrive in separate publications: wait for the pair, not the first one.
      diagnostics = await waitForOurDiagnostics(uri, (found) => hasDiagnosticAt(found, nameRanges) && hasDiagnosticAt(found, strategyRanges)).catch(
        (error: unknown) => {
          throw new Error(
            `${errorMessage(error)}\nexpected errors at ${nameRanges.map(describeRange).join(' or ')} ` +
              `and ${strategyRanges.map(describeRange).join(' or ')}; got ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
          );
        },
      );
    });

    test(`the bad name "${badName}" is an error on exactly its value`, () => {
      const ranges = candidateRanges(document, badName, 'name');
      const found = diagnostics.find((d) => ranges.some((range) => d.range.isEqual(range)));
      assert.ok(found, `no diagnostic at ${ranges.map(describeRange).join(' or ')}: ${describeDiagnostics(diagnostics)}`);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(found.message.length > 0);
    });

    test(`the unknown strategy "${badStrategy}" is an error on exactly its value`, () => {
      const ranges = candidateRanges(document, badStrategy, 'strategy');
      const found = diagnostics.find((d) => ranges.some((range) => d.range.isEqual(range)));
      assert.ok(found, `no diagnostic at ${ranges.map(describeRange).join(' or ')}: ${describeDiagnostics(diagnostics)}`);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Error);
    });

    if (file.endsWith('.yaml') && screenshotsEnabled()) {
      test('screenshot: diagnostics in the editor and the Problems panel', async () => {
        const editor = await openInEditor(document.uri);
        const at = rangeOf(document, badStrategy).start;
        editor.selection = new vscode.Selection(at, at);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        await vscode.commands.executeCommand('editor.action.showHover');
        await screenshot('diagnostics', '.markers-panel .monaco-list-row|.monaco-hover-content');
        await vscode.commands.executeCommand('editor.action.hideHover');
        await vscode.commands.executeCommand('workbench.action.closePanel');
      });
    }
  });
}

suite('Nothing twice: syntax errors VS Code\'s JSON support already shows', () => {
  test('"End of file expected" shows once in a JSON connection file, and our own findings stay', async () => {
    const uri = workspaceFile('trailing.connection.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('{\n  "name": "bad name",\n  "strategy": "auth0"\n} trailing\n'));
    try {
      const document = (await openInEditor(uri)).document;
      const nameRanges = candidateRanges(document, 'bad name', 'name');
      // Our publication (the bad name) and VS Code's (the syntax error) arrive separately: wait for both.
      await waitForOurDiagnostics(uri, (found) => hasDiagnosticAt(found, nameRanges));
      const endOfFile = () => vscode.languages.getDiagnostics(uri).filter((d) => /End of file expected/i.test(d.message));
      await waitFor("VS Code's JSON support to report the trailing text", () => endOfFile().length > 0, { timeoutMs: 30_000 });
      assert.equal(endOfFile().length, 1, `shown ${endOfFile().length} times: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
