/**
 * The real bodies the live Auth0 API accepted (corpus files 09-41, see test/fixtures/corpus/SOURCES.md) must get zero
 * error-severity diagnostics from the full engine, as JSON and converted to YAML; the rejected ones (42-46) must not.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'yaml';
import { validateDocument } from '../../languages/validateDocument';
import { createJsonMode } from '../../languages/jsonMode';
import { createYamlMode } from '../../languages/yamlMode';

export const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');
const files = readdirSync(CORPUS_DIR).filter((name) => /^\d\d-.*\.json$/.test(name));
const numbered = (from: number, to: number): string[] =>
  files.filter((name) => Number(name.slice(0, 2)) >= from && Number(name.slice(0, 2)) <= to);

const jsonMode = createJsonMode();
const yamlMode = createYamlMode();

async function errorsFor(name: string, format: 'json' | 'yaml'): Promise<string[]> {
  const json = readFileSync(join(CORPUS_DIR, name), 'utf8');
  const text = format === 'json' ? json : stringify(JSON.parse(json));
  const document = TextDocument.create(`file:///corpus/${name}.${format}`, format, 1, text);
  const diagnostics = await validateDocument(document, format === 'json' ? jsonMode : yamlMode);
  return diagnostics
    .filter((d) => d.severity === 1)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
}

describe('accepted corpus: zero errors', () => {
  const accepted = numbered(9, 41);
  test('the corpus is where we expect it', () => assert.equal(accepted.length, 33));
  for (const name of accepted) {
    for (const format of ['json', 'yaml'] as const) {
      test(`${name} as ${format}`, async () => assert.deepEqual(await errorsFor(name, format), []));
    }
  }
});

describe('rejected corpus: at least one error each', () => {
  for (const name of numbered(42, 46)) {
    for (const format of ['json', 'yaml'] as const) {
      test(`${name} as ${format}`, async () => assert.ok((await errorsFor(name, format)).length > 0));
    }
  }
});

describe('JSON and YAML say the same thing', () => {
  test('a wrong type is an error in both formats, a deprecated field a warning in both', async () => {
    const body = { name: 'my-db', strategy: 'auth0', is_domain_connection: 'yes', enabled_clients: ['abc'] };
    const results: Record<string, Array<[number | undefined, string]>> = {};
    for (const format of ['json', 'yaml'] as const) {
      const text = format === 'json' ? JSON.stringify(body, null, 2) : stringify(body);
      const document = TextDocument.create(`file:///same.connection.${format}`, format, 1, text);
      const diagnostics = await validateDocument(document, format === 'json' ? jsonMode : yamlMode);
      results[format] = diagnostics.map((d) => [d.severity, String(d.code)]);
    }
    assert.deepEqual(results['yaml'], results['json']);
    assert.ok(results['json']?.some(([severity, code]) => severity === 1 && code === 'schema'), 'the wrong type is an error');
    assert.ok(results['json']?.some(([severity]) => severity === 2), 'the deprecated field is a warning');
  });
});
