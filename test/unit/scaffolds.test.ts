import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBody, toPlainValue } from '../../engine/index';
import type { ConnectionFileFormat } from '../../common/connectionFiles';
import { isValidConnectionName } from '../../common/connectionFiles';
import { SCAFFOLDS, renderScaffold, scaffoldBody, scaffoldFor, snippetFile } from '../../common/scaffolds';
import { STRATEGIES } from '../../common/strategies';

const ROOT = path.resolve(__dirname, '../..');
const FORMATS: ConnectionFileFormat[] = ['json', 'yaml'];
const REQUIRED = ['auth0', 'google-oauth2', 'github', 'samlp', 'oidc', 'okta', 'waad', 'adfs', 'sms', 'email'];

/**
 * Expands VS Code / LSP snippet syntax the way the editor does when the user accepts every default: `${n:text}`
 * becomes text, `$n` nothing, `\$ \} \\` their character. Throws on anything malformed (an unescaped `$` that starts
 * no tab stop, an unclosed placeholder, a nested `}` left unescaped inside a placeholder).
 */
function expandSnippet(snippet: string): { text: string; stops: number[] } {
  let text = '';
  const stops: number[] = [];
  let i = 0;
  const readEscaped = (stopAt: string | undefined): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i] as string;
      if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1] as string)) {
        out += snippet[i + 1];
        i += 2;
        continue;
      }
      if (stopAt !== undefined && c === stopAt) {
        return out;
      }
      if (c === '$') {
        throw new Error(`unescaped $ at ${i} inside a placeholder`);
      }
      out += c;
      i++;
    }
    if (stopAt !== undefined) {
      throw new Error('unclosed placeholder');
    }
    return out;
  };
  while (i < snippet.length) {
    const c = snippet[i] as string;
    if (c === '\\' && '$}\\'.includes(snippet[i + 1] ?? '')) {
      text += snippet[i + 1];
      i += 2;
    } else if (c === '$') {
      const tabstop = /^\$(\d+)/.exec(snippet.slice(i));
      const placeholder = /^\$\{(\d+):/.exec(snippet.slice(i));
      if (tabstop?.[1]) {
        stops.push(Number(tabstop[1]));
        i += tabstop[0].length;
      } else if (placeholder?.[1]) {
        stops.push(Number(placeholder[1]));
        i += placeholder[0].length;
        text += readEscaped('}');
        i++; // the closing brace
      } else {
        throw new Error(`unescaped $ at ${i}: ${snippet.slice(i, i + 20)}`);
      }
    } else {
      text += c;
      i++;
    }
  }
  return { text, stops };
}

void test('the required strategies all have a dedicated scaffold, each with a known strategy and a valid name', () => {
  for (const strategy of REQUIRED) {
    assert.ok(SCAFFOLDS.some((s) => s.strategy === strategy), `no scaffold for ${strategy}`);
  }
  for (const scaffold of SCAFFOLDS) {
    assert.ok(Object.prototype.hasOwnProperty.call(STRATEGIES, scaffold.strategy), scaffold.strategy);
    assert.ok(isValidConnectionName(scaffold.defaultName), scaffold.defaultName);
    assert.ok(scaffold.prefixes.length > 0);
  }
  const prefixes = SCAFFOLDS.flatMap((s) => s.prefixes);
  assert.equal(new Set(prefixes).size, prefixes.length, 'snippet prefixes are unique');
});

void test('every scaffold renders to JSON and YAML that parse, with name and strategy set', () => {
  for (const scaffold of SCAFFOLDS) {
    for (const format of FORMATS) {
      const text = renderScaffold(scaffold.strategy, format, { name: 'my-test-connection' });
      const parsed = parseBody(text, format);
      assert.deepEqual(parsed.syntaxProblems, [], `${scaffold.strategy} ${format}`);
      assert.deepEqual(parsed.duplicateKeys, []);
      const value = toPlainValue(parsed.root) as Record<string, unknown>;
      assert.equal(value['name'], 'my-test-connection');
      assert.equal(value['strategy'], scaffold.strategy);
      assert.deepEqual(value, scaffoldBody(scaffold.strategy, 'my-test-connection'));
      assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'));
    }
  }
});

void test('JSON rendering is exactly JSON.stringify with two spaces', () => {
  for (const scaffold of SCAFFOLDS) {
    assert.equal(
      renderScaffold(scaffold.strategy, 'json'),
      `${JSON.stringify(scaffoldBody(scaffold.strategy), null, 2)}\n`,
    );
  }
});

void test('snippet syntax is well formed and expands (all defaults) to the plain rendering', () => {
  for (const scaffold of SCAFFOLDS) {
    for (const format of FORMATS) {
      const snippet = renderScaffold(scaffold.strategy, format, { snippet: true });
      const { text, stops } = expandSnippet(snippet);
      assert.equal(text, renderScaffold(scaffold.strategy, format), `${scaffold.strategy} ${format}`);
      assert.equal(stops[0], 1, 'the name is the first tab stop');
      assert.deepEqual(stops, stops.map((_, i) => i + 1), 'tab stops are numbered in document order');
      assert.ok(snippet.includes(`\${1:${scaffold.defaultName}}`));
    }
  }
});

void test('a given name is used and escaped in the snippet', () => {
  const snippet = renderScaffold('samlp', 'yaml', { snippet: true, name: 'a$b}c' });
  assert.ok(snippet.startsWith('name: "${1:a\\$b\\}c}"') || snippet.startsWith('name: ${1:a\\$b\\}c}'), snippet);
  assert.equal(expandSnippet(snippet).text, renderScaffold('samlp', 'yaml', { name: 'a$b}c' }));
});

void test('strategies without a dedicated scaffold get a generic body', () => {
  for (const strategy of ['apple', 'oauth2', 'salesforce-community']) {
    const scaffold = scaffoldFor(strategy);
    assert.ok(isValidConnectionName(scaffold.defaultName), scaffold.defaultName);
    for (const format of FORMATS) {
      const parsed = parseBody(renderScaffold(strategy, format), format);
      assert.deepEqual(toPlainValue(parsed.root), { name: scaffold.defaultName, strategy, options: {} });
    }
  }
});

void test('the committed snippet files are fresh (run npm run snippets)', () => {
  for (const format of FORMATS) {
    const file = path.join(ROOT, 'snippets', `connection.${format}.json`);
    assert.equal(readFileSync(file, 'utf8'), snippetFile(format), `${file} is stale: run npm run snippets`);
    const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { body: string[]; prefix: string[] }>;
    assert.equal(Object.keys(snippets).length, SCAFFOLDS.length);
    for (const snippet of Object.values(snippets)) {
      expandSnippet(snippet.body.join('\n'));
    }
  }
});

void test('the extension contributes no snippets (they would show in every JSON and YAML file)', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: Record<string, unknown>; categories: string[] };
  assert.equal(manifest.contributes.snippets, undefined);
  assert.ok(!manifest.categories.includes('Snippets'));
});
