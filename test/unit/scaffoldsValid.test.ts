/**
 * Every scaffold (as the New Connection File command writes it, and as a snippet expands with its defaults) and every
 * shipped example except the broken one gets zero error-severity diagnostics from the full engine; the broken example
 * shows each mistake it announces.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { connectionFileFormat, type ConnectionFileFormat } from '../../common/connectionFiles';
import { renderScaffold, SCAFFOLDS } from '../../common/scaffolds';
import { validateDocument } from '../../languages/validateDocument';
import { createJsonMode } from '../../languages/jsonMode';
import { createYamlMode } from '../../languages/yamlMode';

const EXAMPLES_DIR = resolve(__dirname, '../../examples');
const modes = { json: createJsonMode(), yaml: createYamlMode() };

async function diagnosticsFor(text: string, format: ConnectionFileFormat, name: string): Promise<Diagnostic[]> {
  const document = TextDocument.create(`file:///test/${name}`, format, 1, text);
  return validateDocument(document, modes[format]);
}

const describeAll = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);

const errors = (diagnostics: Diagnostic[]): string[] => describeAll(diagnostics.filter((d) => d.severity === 1));

void describe('scaffolds: zero errors', () => {
  for (const scaffold of SCAFFOLDS) {
    for (const format of ['json', 'yaml'] as const) {
      void test(`${scaffold.strategy} as ${format}`, async () => {
        const text = renderScaffold(scaffold.strategy, format, { name: 'my-new-connection' });
        const name = `my-new-connection.connection.${format}`;
        assert.deepEqual(errors(await diagnosticsFor(text, format, name)), [], text);
      });
    }
  }
});

void describe('examples: zero errors, except broken.connection.yaml', () => {
  const examples = readdirSync(EXAMPLES_DIR).filter((file) => connectionFileFormat(file) !== undefined);
  void test('the examples are there', () => assert.ok(examples.length >= 5, examples.join(', ')));
  for (const file of examples.filter((f) => !f.startsWith('broken.'))) {
    void test(file, async () => {
      const format = connectionFileFormat(file) as ConnectionFileFormat;
      const diagnostics = await diagnosticsFor(readFileSync(join(EXAMPLES_DIR, file), 'utf8'), format, file);
      assert.deepEqual(errors(diagnostics), []);
    });
  }

  void test('broken.connection.yaml shows the bad name, the unknown strategy and attributes + validation', async () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'broken.connection.yaml'), 'utf8');
    const found = errors(await diagnosticsFor(text, 'yaml', 'broken.connection.yaml'));
    const line = (needle: string): number => text.split('\n').findIndex((l) => l.startsWith(needle)) + 1;
    for (const [needle, code] of [
      ['name:', 'invalid-name'],
      ['strategy:', 'unknown-strategy'],
      ['  validation:', 'attributes-with-validation'],
    ] as const) {
      assert.ok(
        found.some((d) => d.startsWith(`${line(needle)}:`) && d.includes(code)),
        `no ${code} error on line ${line(needle)}; got:\n${found.join('\n')}`,
      );
    }
  });
});
