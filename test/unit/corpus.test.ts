/**
 * Every body whose verdict from the live API is known, through the full check (the mode's schema diagnostics and the
 * engine's rules, as the editor and the CLI run it), as JSON and converted to YAML:
 *  - accepted: no error, and no warning that calls a value invalid (deprecation warnings and notes are fine);
 *  - rejected: an error on the property Auth0's message names.
 * Sets: recorded/ (101 terraform-provider-auth0 bodies, verdicts in cases.json), recorded-sweep/ (go-auth0 bodies that
 * back the relaxations and rules of docs/SEVERITY.md, cases.json) and corpus 09-46 (verdicts in SOURCES.md).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { getProperty, parseBody, type BodyNode, type DocumentFormat } from '../../engine/index';
import { validateDocument } from '../../languages/validateDocument';
import { createJsonMode } from '../../languages/jsonMode';
import { createYamlMode } from '../../languages/yamlMode';

export const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');

interface Case {
  file: string;
  verdict: 'accepted' | 'rejected';
  message?: string;
}

/**
 * Where each of Auth0's 400 messages points: the property (or properties, when it names two) an error must sit on.
 * `options.domain is required` was answered to a body without `options`: the error sits on the strategy that needs it.
 */
const NAMED_PROPERTIES: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  'attribute phone_number must also be required on signup': [['options', 'attributes', 'phone_number']],
  'attributes must contain one active identifier': [['options', 'attributes']],
  'Cannot set both options.attributes and options.validation': [['options', 'validation'], ['options', 'attributes']],
  'Cannot set both options.attributes and options.requires_username': [['options', 'requires_username'], ['options', 'attributes']],
  'Cross App Access Requesting App is not supported for this connection.': [['cross_app_access_requesting_app']],
  'options.domain is required': [['options', 'domain'], ['strategy']],
};

/** Corpus 42-46 (SOURCES.md: NEG, with Auth0's answer quoted); 09-41 were accepted. */
const CORPUS_REJECTIONS: Readonly<Record<string, string>> = {
  '42': 'Cannot set both options.attributes and options.validation',
  '43': 'Cannot set both options.attributes and options.requires_username',
  '44': 'attributes must contain one active identifier',
  '45': 'attribute phone_number must also be required on signup',
  '46': 'Cross App Access Requesting App is not supported for this connection.',
};

function casesIn(folder: string): Case[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, folder, 'cases.json'), 'utf8')) as Case[];
}

function corpusCases(): Case[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => /^\d\d-.*\.json$/.test(name) && Number(name.slice(0, 2)) >= 9 && Number(name.slice(0, 2)) <= 46)
    .map((file) => {
      const message = CORPUS_REJECTIONS[file.slice(0, 2)];
      return message ? { file, verdict: 'rejected', message } : { file, verdict: 'accepted' };
    });
}

const SETS: ReadonlyArray<[string, string, Case[]]> = [
  ['recorded', 'recorded', casesIn('recorded')],
  ['recorded-sweep', 'recorded-sweep', casesIn('recorded-sweep')],
  ['corpus 09-46', '.', corpusCases()],
];

const jsonMode = createJsonMode();
const yamlMode = createYamlMode();

interface Checked {
  text: string;
  format: DocumentFormat;
  document: TextDocument;
  diagnostics: Diagnostic[];
}

async function check(folder: string, file: string, format: DocumentFormat): Promise<Checked> {
  const json = readFileSync(join(CORPUS_DIR, folder, file), 'utf8');
  const text = format === 'json' ? json : stringify(JSON.parse(json));
  const document = TextDocument.create(`file:///corpus/${file}.${format}`, format, 1, text);
  return { text, format, document, diagnostics: await validateDocument(document, format === 'json' ? jsonMode : yamlMode) };
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${String(diagnostic.code)} ${diagnostic.message}`;
}

/** A deprecation is not a claim that the value is wrong: the rule's deprecated-* codes, or the schema's deprecation tag. */
function isDeprecation(diagnostic: Diagnostic): boolean {
  return String(diagnostic.code).startsWith('deprecated-') || (diagnostic.tags ?? []).includes(DiagnosticTag.Deprecated);
}

function valueWarnings(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning && !isDeprecation(d)).map(describeDiagnostic);
}

function errors(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(describeDiagnostic);
}

/** From the key to the end of the value of the property at `path`, or undefined when the body has no such property. */
function propertySpan(root: BodyNode | undefined, path: readonly string[]): [number, number] | undefined {
  let node: BodyNode | undefined = root;
  let span: [number, number] | undefined;
  for (const key of path) {
    const property = getProperty(node, key);
    if (!property) return undefined;
    const end = property.value ? property.value.offset + property.value.length : property.keyOffset + property.keyLength;
    span = [property.keyOffset, end];
    node = property.value;
  }
  return span;
}

function errorOnNamedProperty(checked: Checked, message: string): boolean {
  const paths = NAMED_PROPERTIES[message];
  assert.ok(paths, `no named property recorded for Auth0's message "${message}"`);
  const root = parseBody(checked.text, checked.format).root;
  const spans = paths.map((path) => propertySpan(root, path)).filter((span) => span !== undefined);
  return checked.diagnostics.some((d) => {
    if (d.severity !== DiagnosticSeverity.Error) return false;
    const start = checked.document.offsetAt(d.range.start);
    return spans.some(([from, to]) => start >= from && start < to);
  });
}

for (const [name, folder, cases] of SETS) {
  void describe(`${name}: the live API's verdict`, () => {
    void test('the set is where we expect it', () => {
      assert.ok(cases.length > 0);
      assert.ok(cases.some((entry) => entry.verdict === 'rejected'));
    });
    for (const entry of cases) {
      for (const format of ['json', 'yaml'] as const) {
        if (entry.verdict === 'accepted') {
          void test(`${entry.file} as ${format}: accepted, so no error and no warning about a value`, async () => {
            const { diagnostics } = await check(folder, entry.file, format);
            assert.deepEqual({ errors: errors(diagnostics), warnings: valueWarnings(diagnostics) }, { errors: [], warnings: [] });
          });
        } else {
          void test(`${entry.file} as ${format}: rejected, so an error on what "${entry.message}" names`, async () => {
            const checked = await check(folder, entry.file, format);
            assert.ok(errorOnNamedProperty(checked, entry.message ?? ''), checked.diagnostics.map(describeDiagnostic).join('\n'));
          });
        }
      }
    }
  });
}

void describe('recorded/ holds every body of the shared corpus, with its verdict', () => {
  void test('101 bodies, each listed once in cases.json, 4 of them rejected', () => {
    const files = readdirSync(join(CORPUS_DIR, 'recorded')).filter((file) => /^\d{3}-.*\.json$/.test(file));
    const cases = casesIn('recorded');
    assert.equal(files.length, 101);
    assert.deepEqual(cases.map((entry) => entry.file).sort(), files.sort());
    assert.equal(cases.filter((entry) => entry.verdict === 'rejected').length, 4);
  });
});

void describe('JSON and YAML say the same thing', () => {
  void test('a wrong type is an error in both formats, a deprecated field a warning in both', async () => {
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
