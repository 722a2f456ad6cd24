/**
 * An auth0-deploy-cli tenant.yaml in a real VS Code: completion inside `connections[1].options` offers that item's
 * strategy's options, and a keyword missing from AUTH0_KEYWORD_REPLACE_MAPPINGS (config.json beside it) is a warning
 * at the keyword, while the mapped ones are read with their values.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeDiagnostics,
  labelOf,
  openInEditor,
  rangeOf,
  screenshot,
  screenshotsEnabled,
  waitFor,
  waitForOurDiagnostics,
  waitForUi,
  workspaceFile,
} from './helpers';

suite('auth0-deploy-cli tenant.yaml', () => {
  let editor: vscode.TextEditor;
  /** The blank line inside the options of connections[1] (a samlp connection), at the options' indentation. */
  let inSamlOptions: vscode.Position;

  suiteSetup(async () => {
    editor = await openInEditor(workspaceFile('deploy-cli', 'tenant.yaml'));
    const domainAliases = rangeOf(editor.document, 'domain_aliases');
    inSamlOptions = new vscode.Position(domainAliases.start.line + 1, domainAliases.start.character);
  });

  test('completion inside connections[1].options offers the options of that item\'s strategy (samlp)', async () => {
    const { document } = editor;
    const labels = await waitFor('samlp option completions', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inSamlOptions);
      const found = list.items.map(labelOf);
      return found.includes('signatureAlgorithm') ? found : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    for (const expected of ['signOutEndpoint', 'signatureAlgorithm', 'protocolBinding']) {
      assert.ok(labels.includes(expected), `no "${expected}" among: ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('signInEndpoint'), 'an option the item already has is offered again');
    assert.ok(!labels.includes('passwordPolicy'), 'a database option is offered in a samlp item');
  });

  test('an unmapped keyword is a warning at the keyword; the mapped ones and the secret placeholder are not warnings', async () => {
    const { document } = editor;
    const brand = rangeOf(document, '##BRAND##');
    const diagnostics = await waitForOurDiagnostics(document.uri, (found) => found.some((d) => d.range.isEqual(brand)));
    const warning = diagnostics.find((d) => d.range.isEqual(brand));
    assert.equal(warning?.severity, vscode.DiagnosticSeverity.Warning, describeDiagnostics(diagnostics));
    assert.match(warning?.message ?? '', /##BRAND## is not in AUTH0_KEYWORD_REPLACE_MAPPINGS \(config\.json\)/);
    const others = diagnostics.filter((d) => d !== warning && d.severity !== undefined && d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(others, [], describeDiagnostics(others));
  });

  if (screenshotsEnabled()) {
    test('screenshot: completion in a tenant.yaml item, with the unmapped keyword underlined', async () => {
      editor = await openInEditor(editor.document.uri);
      editor.selection = new vscode.Selection(inSamlOptions, inSamlOptions);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await waitForUi('.suggest-widget.visible .monaco-list-row.focused');
      await vscode.commands.executeCommand('toggleSuggestionDetails');
      await screenshot('deploy-cli', '.suggest-widget.visible .monaco-list-row.focused|.suggest-details');
      await vscode.commands.executeCommand('hideSuggestWidget');
    });
  }
});
