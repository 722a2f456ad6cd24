/**
 * The limits on following YAML aliases (languages/yamlAliases.ts), in-process: each alias resolves to the very node
 * the `yaml` library's own Alias.resolve finds (the patch changes how fast, never what), and each kind of document
 * that made the library work without bound is read as written, with its reason.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { visit, type Alias, type Document } from 'yaml';
import { yamlDocumentsCache } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import { createYamlMode } from '../../languages/yamlMode';
import { aliasesNotFollowed } from '../../languages/yamlAliases';

const mode = createYamlMode();
let counter = 0;

function parsed(text: string): { document: TextDocument; yamlDocuments: Document[] } {
  const document = TextDocument.create(`file:///aliases/${++counter}.connection.yaml`, 'yaml', 1, text);
  const yamlDocuments = yamlDocumentsCache.getYamlDocument(document).documents.map((single) => single.internalDocument);
  return { document, yamlDocuments };
}

function aliasesOf(document: Document): Alias[] {
  const found: Alias[] = [];
  visit(document, { Alias: (_key, node) => void found.push(node) });
  return found;
}

const CASES: Record<string, string> = {
  'an anchor used twice': 'name: a\nstrategy: auth0\nmetadata: &m { k: v }\nrealms: [*m, *m]\n',
  'an anchor redefined: each alias takes the last one before it': 'a: &x one\nb: *x\nc: &x two\nd: *x\ne: [*x, &x three, *x]\n',
  'an alias before its anchor (unresolved)': 'a: *later\nb: &later v\n',
  'anchors on keys, aliases as keys': '&k key: 1\n*k : 2\nother: *k\n',
  'nested anchors': 'a: &outer { b: &inner [1, 2], c: *inner }\nd: *outer\ne: *inner\n',
  'merge keys': 'base: &base { x: 1 }\nderived:\n  <<: *base\n  y: 2\n',
  'several YAML documents': 'a: &x 1\nb: *x\n---\nc: *x\nd: &x 2\ne: *x\n',
  'an alias inside its own anchor': 'metadata: &m [a: *m\n',
  'an alias bomb': `l0: &l0 [x, y]\n${Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(6).fill(`*l${i}`).join(', ')}]`).join('\n')}\n`,
};

describe('each alias resolves to the node the yaml library finds', () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(name, () => {
      const { document, yamlDocuments } = parsed(text);
      let compared = 0;
      for (const yamlDocument of yamlDocuments) {
        for (const alias of aliasesOf(yamlDocument)) {
          // With a context, Alias.resolve takes the library's own path (a walk of the whole document).
          assert.equal(alias.resolve(yamlDocument), alias.resolve(yamlDocument, {} as Parameters<Alias['resolve']>[1]), `*${alias.source} in ${JSON.stringify(text)}`);
          compared++;
        }
      }
      assert.ok(compared > 0);
      mode.onDocumentRemoved(document.uri);
    });
  }
});

describe('documents whose aliases are read as written', () => {
  test('an alias bomb: the values it would add, past the limit', () => {
    const { document } = parsed(CASES['an alias bomb']!);
    assert.match(aliasesNotFollowed(document) ?? '', /^would add [\d,]+ values to it, more than the 50,000 followed$/);
  });

  test('an alias inside its own anchor', () => {
    assert.match(aliasesNotFollowed(parsed(CASES['an alias inside its own anchor']!).document) ?? '', /alias inside its own anchor/);
  });

  test('a chain of anchors deeper than the nesting guard', () => {
    const chain = Array.from({ length: 300 }, (_, i) => `a${i + 1}: &a${i + 1} [${i === 0 ? 'x' : `*a${i}`}]`).join('\n');
    assert.match(aliasesNotFollowed(parsed(`a0: x\n${chain}\n`).document) ?? '', /would nest it \d+ levels deep/);
  });

  test('ordinary reuse, however much of it, is followed', () => {
    for (const text of [CASES['an anchor used twice']!, `a: &a v\nlist:\n${'  - *a\n'.repeat(10_000)}`, CASES['merge keys']!]) {
      assert.equal(aliasesNotFollowed(parsed(text).document), undefined, text.slice(0, 60));
    }
  });
});
