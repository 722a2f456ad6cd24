/**
 * The plain-YAML fast path (engine/tree/plainYaml.ts) gives exactly the tree of the `yaml` library's parse
 * (parseYamlBody) whenever it gives one: on every YAML document of the repository, on the benchmark documents, on
 * generated bodies written every way the exporters write them, and on those bodies broken at random (where it must
 * either agree or decline). It must also actually take the benchmark's large documents, or it speeds nothing up.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { generateDocument } from '../../bench/documents/generate';
import { parsePlainYaml } from '../../engine/tree/plainYaml';
import { parseYamlBody } from '../../engine/tree/yamlTree';
import { Random } from '../fuzz/random';

const ROOT = resolve(__dirname, '../..');

function yamlFilesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}

/** The fast path agrees with the library, or declines; returns whether it took the text. */
function agrees(text: string, what: string): boolean {
  const fast = parsePlainYaml(text);
  if (!fast) return false;
  const library = parseYamlBody(text);
  assert.deepEqual(library.syntaxProblems, [], `${what}: the fast path took a text the library finds broken:\n${text}`);
  assert.deepEqual(fast, library, `${what}:\n${text}`);
  return true;
}

/** A seeded generator (the fuzz suite's): the same documents on every run. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.float();
}

const SCALARS: unknown[] = [
  'plain', 'two words', 'http://x.example/a:b', 'a#b', 'x, y', 'x]', "it's", 'say "hi"', '', ' padded ', 'true', 'null', '~', '012', '0x1F',
  '1e3', '-', '-x', ':x', '?x', 'a: b', '#c', '@at', '&a', '*b', '!t', '|', '>', '[a]', '{a}', '%p', '`b`', 'line\nbreak', 'tab\there', 'é ü 中',
  0, -1, 7, 3.5, 1e21, -0.25, true, false, null, '##KEY##', '@@KEY@@', 'https://##ENV##.example.com',
];

function randomValue(next: () => number, depth: number): unknown {
  const roll = next();
  if (depth > 3 || roll < 0.5) return SCALARS[Math.floor(next() * SCALARS.length)];
  if (roll < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const object: Record<string, unknown> = {};
  const keys = ['name', 'strategy', 'options', 'a b', '1', 'true', 'null', 'x-y', 'k:v', '#k', 'enabled_clients'];
  for (let i = Math.floor(next() * 5); i > 0; i--) object[keys[Math.floor(next() * keys.length)] as string] = randomValue(next, depth + 1);
  return object;
}

/** The same text written other ways exporters and people write it: comments after values, blank lines, CRLF, trailing spaces. */
function variants(text: string, next: () => number): string[] {
  const lines = text.split('\n');
  const withComments = lines.map((line) => (/:\s\S/.test(line) && next() < 0.3 ? `${line}  # note` : line)).join('\n');
  const withBlank = lines.flatMap((line) => (next() < 0.2 ? [line, ''] : [line])).join('\n');
  const withSpaces = lines.map((line) => (next() < 0.3 && line.trim() !== '' ? `${line}   ` : line)).join('\n');
  const withEmptyValues = text.replace(/: null$/gm, ':').replace(/^(\s*)- null$/gm, '$1-');
  return [text, withComments, withBlank, withSpaces, withEmptyValues, text.replace(/\n/g, '\r\n'), `# header\n\n${text}`, text.trimEnd()];
}

void describe('the plain-YAML fast path', () => {
  test('agrees with the library on every YAML document of the repository', () => {
    const files = ['test', 'examples', 'bench/documents'].flatMap((folder) => yamlFilesUnder(join(ROOT, folder)));
    assert.ok(files.length > 10, `only ${files.length} YAML files found`);
    let taken = 0;
    for (const file of files) if (agrees(readFileSync(file, 'utf8'), file)) taken++;
    assert.ok(taken > files.length / 3, `the fast path took only ${taken} of ${files.length} files`);
  });

  test('agrees on every body of the corpus, written as YAML', () => {
    const corpus = join(ROOT, 'test/fixtures/corpus');
    let taken = 0;
    let total = 0;
    for (const name of readdirSync(corpus).filter((file) => file.endsWith('.json'))) {
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(join(corpus, name), 'utf8'));
      } catch {
        continue; // deploy-cli fixtures with bare keywords are not JSON until replaced
      }
      total++;
      if (agrees(stringify({ connections: [body] }), name)) taken++;
    }
    assert.ok(taken > total / 2, `the fast path took only ${taken} of ${total} corpus bodies`);
  });

  test('takes the benchmark documents (tenant.yaml, large.yaml) and agrees on them', () => {
    for (const name of ['tenant.yaml', 'large.yaml'] as const) assert.ok(agrees(generateDocument(name), name), `${name} was not taken`);
  });

  test('agrees on generated bodies, written as yaml.stringify writes them and as people edit them', () => {
    const next = random(15);
    let taken = 0;
    let total = 0;
    for (let i = 0; i < 400; i++) {
      const value = { connections: [randomValue(next, 0), randomValue(next, 0)], other: randomValue(next, 1) };
      for (const options of [{}, { indentSeq: false }, { indent: 4 }]) {
        for (const text of variants(stringify(value, options), next)) {
          total++;
          if (agrees(text, `generated ${i}`)) taken++;
        }
      }
    }
    // Many generated values are ones it declines on purpose (multi-line strings, anchors, tags, flow collections).
    assert.ok(taken > total / 4, `the fast path took only ${taken} of ${total} generated documents`);
  });

  test('on texts broken at random it agrees or declines, never gives another tree', () => {
    const next = random(7);
    // Cut at an item's start: a text cut mid-line is declined, and every mutation of it too (nothing was compared).
    const head = generateDocument('tenant.yaml').slice(0, 20_000);
    const base = head.slice(0, head.lastIndexOf('\n  - name:') + 1);
    assert.ok(parsePlainYaml(base), 'the fast path reads the unbroken text');
    const pieces = [' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '\n', '\n  ', '[', ']', '{}', 'x', '&a ', '*a', '|', '\t'];
    let taken = 0;
    for (let i = 0; i < 600; i++) {
      const at = Math.floor(next() * base.length);
      const piece = pieces[Math.floor(next() * pieces.length)] as string;
      const cut = next() < 0.3 ? Math.floor(next() * 6) : 0;
      if (agrees(base.slice(0, at) + piece + base.slice(at + cut), `mutation ${i} at ${at}`)) taken++;
    }
    // Most single mutations leave a text it reads (and so compares); a fast path that declined all would prove nothing.
    assert.ok(taken > 0, 'the fast path took none of the mutated texts');
  });
});
