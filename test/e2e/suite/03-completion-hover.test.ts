/**
 * Completion after `strategy: ` offers the strategies with what each one is; hovering `name` documents it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  labelOf,
  openInEditor,
  plainText,
  rangeOf,
  screenshot,
  screenshotsEnabled,
  waitFor,
  waitForUi,
  workspaceFile,
} from './helpers';

/** Everything a user can read about an item in the suggest widget: label description, detail, documentation. */
function describedAs(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? '' : `${item.label.detail ?? ''} ${item.label.description ?? ''}`;
  return `${label} ${item.detail ?? ''} ${plainText(item.documentation)}`;
}

suite('Completion and hover', () => {
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openInEditor(workspaceFile('complete.connection.yaml'));
  });

  test('completion at `strategy: ` offers the strategies, each with a description', async () => {
    const document = editor.document;
    const position = rangeOf(document, 'strategy: ').end;
    // The first request can come before the server is up: poll until it answers with strategies.
    const items = await waitFor('strategy completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      return list.items.some((item) => labelOf(item) === 'samlp') ? list.items : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });

    const labels = items.map(labelOf);
    for (const expected of ['auth0', 'google-oauth2', 'samlp', 'oidc', 'waad', 'email']) {
      assert.ok(labels.includes(expected), `no completion "${expected}" among: ${labels.join(', ')}`);
    }
    // Completion may resolve documentation lazily; ask VS Code to resolve as many as the suggest widget would.
    const resolved = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
      undefined,
      items.length,
    );
    const samlp = resolved.items.find((item) => labelOf(item) === 'samlp');
    assert.ok(samlp, 'samlp disappeared from the resolved list');
    assert.match(describedAs(samlp), /SAML/, `samlp is described as: ${describedAs(samlp)}`);
    const github = resolved.items.find((item) => labelOf(item) === 'github');
    assert.ok(github && /GitHub/i.test(describedAs(github)), `github is described as: ${github && describedAs(github)}`);
  });

  if (screenshotsEnabled()) {
    test('screenshot: strategy completion in the suggest widget', async () => {
      const at = rangeOf(editor.document, 'strategy: ').end;
      editor = await openInEditor(editor.document.uri);
      // Typed "saml" so the widget shows samlp first, with its description expanded beside the list.
      await editor.edit((edit) => edit.insert(at, 'saml'));
      editor.selection = new vscode.Selection(at.translate(0, 4), at.translate(0, 4));
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await waitForUi('.suggest-widget.visible .monaco-list-row.focused');
      // As a second Ctrl+Space would: open the focused item's description beside the list (fresh profile: closed).
      await vscode.commands.executeCommand('toggleSuggestionDetails');
      await screenshot('completion', '.suggest-widget.visible .monaco-list-row.focused|.suggest-details');
      await vscode.commands.executeCommand('hideSuggestWidget');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  }

  test('hover on `name` documents the field', async () => {
    const document = editor.document;
    const position = rangeOf(document, 'name').start.translate(0, 1);
    const hovers = await waitFor('a hover on name', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    const text = hovers.flatMap((hover) => hover.contents.map((content) => plainText(content))).join('\n');
    assert.match(text, /name of the connection/i, `hover says: ${text}`);
    assert.match(text, /alphanumeric/i, `hover does not say which characters are allowed: ${text}`);
  });

  if (screenshotsEnabled()) {
    test('screenshot: hover on name', async () => {
      const at = rangeOf(editor.document, 'name').start.translate(0, 1);
      editor = await openInEditor(editor.document.uri);
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.showHover');
      await screenshot('hover', '.monaco-hover-content');
      await vscode.commands.executeCommand('editor.action.hideHover');
    });
  }
});
