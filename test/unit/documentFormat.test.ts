import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { documentFormat } from '../../common/fileMatching';

test('a JSON or YAML extension decides, whatever languageId the client sent', () => {
  const cases: Array<[string, string, 'json' | 'yaml']> = [
    ['/w/x.connection.json', 'yaml', 'json'],
    ['/w/plain.json', 'yaml', 'json'],
    ['/w/X.CONNECTION.JSON', 'yaml', 'json'],
    ['/w/settings.jsonc', 'yaml', 'json'],
    ['/w/x.connection.yaml', 'json', 'yaml'],
    ['/w/x.connection.yml', 'json', 'yaml'],
    ['/w/x.connection.json', 'js', 'json'],
    ['/w/x.connection.json', 'js-json', 'json'],
    ['/w/x.connection.yml', 'yaml-ts', 'yaml'],
    ['/w/x.connection.yaml', 'plaintext', 'yaml'],
  ];
  for (const [path, languageId, format] of cases) assert.equal(documentFormat(path, languageId), format, `${path} as ${languageId}`);
});

test('without such an extension (untitled, extension-less, other extensions) the languageId decides', () => {
  const cases: Array<[string, string, 'json' | 'yaml' | undefined]> = [
    ['Untitled-1', 'yaml', 'yaml'],
    ['Untitled-1', 'json', 'json'],
    ['Untitled-1', 'jsonc', 'json'],
    ['/w/connection', 'yaml', 'yaml'],
    ['/w/idp.conn', 'json', 'json'],
    ['Untitled-1', 'plaintext', undefined],
    ['/w/readme.md', 'markdown', undefined],
    ['/w/json', 'yaml', 'yaml'],
  ];
  for (const [path, languageId, format] of cases) assert.equal(documentFormat(path, languageId), format, `${path} as ${languageId}`);
});
