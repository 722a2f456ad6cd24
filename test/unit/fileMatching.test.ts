import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ConnectionFileMatcher, declaredSchema, namesConnectionSchema } from '../../common/fileMatching';

test('default names are served whatever the content; other files only by $schema, modeline or setting', () => {
  const matcher = new ConnectionFileMatcher(['tenant/*.yaml', 'idp.yml'], ['/work/repo']);
  const cases: Array<[string, string, 'json' | 'yaml', string | undefined]> = [
    ['/work/repo/a/google.connection.json', '{}', 'json', 'file name'],
    ['/work/repo/A.CONNECTION.YML', '', 'yaml', 'file name'],
    ['/work/repo/tenant/okta.yaml', '', 'yaml', 'setting'],
    ['/elsewhere/tenant/okta.yaml', '', 'yaml', undefined],
    ['/work/repo/deep/idp.yml', '', 'yaml', 'setting'],
    ['/work/repo/x.json', '{ "$schema": "../schemas/connection.schema.json" }', 'json', '$schema'],
    ['/work/repo/x.yaml', '# yaml-language-server: $schema=./connection.schema.json\nname: x\n', 'yaml', 'modeline'],
    ['/work/repo/package.json', '{ "$schema": "https://json.schemastore.org/package.json" }', 'json', undefined],
    ['/work/repo/other.yaml', 'name: x\n', 'yaml', undefined],
  ];
  for (const [path, text, format, reason] of cases) {
    assert.equal(matcher.match(path, text, format).reason, reason, path);
  }
});

test('the path patterns are the defaults plus the setting anchored like the matcher anchors them', () => {
  const matcher = new ConnectionFileMatcher(['tenant/*.yaml', 'idp.yml', '/abs/*.json'], ['/work/repo/']);
  assert.deepEqual(matcher.pathPatterns, [
    '**/*.connection.json',
    '**/*.connection.yaml',
    '**/*.connection.yml',
    '/work/repo/tenant/*.yaml',
    '**/idp.yml',
    '/abs/*.json',
  ]);
});

test('our schema is recognised by URI or by a path ending in its file name, and only at the head of a file', () => {
  assert.ok(namesConnectionSchema('auth0-connections:/schemas/connection.schema.json'));
  assert.ok(namesConnectionSchema('https://example.com/x/connection.schema.json?v=2'));
  assert.ok(!namesConnectionSchema('https://example.com/x/my-connection.schema.json'));
  assert.equal(declaredSchema(' '.repeat(5000) + '{"$schema": "connection.schema.json"}', 'json'), undefined);
});
