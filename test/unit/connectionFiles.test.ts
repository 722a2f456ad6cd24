import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  CONNECTION_NAME_PATTERN,
  connectionFileFormat,
  connectionFileName,
  connectionNameProblem,
  firstFreeConnectionName,
} from '../../common/connectionFiles';

void test('connection names follow the API rule, with a specific message for each way to break it', () => {
  for (const good of ['a', 'my-connection', 'Google2', 'a-b-c', '0', 'x'.repeat(128)]) {
    assert.equal(connectionNameProblem(good), undefined, good);
    assert.ok(CONNECTION_NAME_PATTERN.test(good));
  }
  const cases: Array<[string, RegExp]> = [
    ['', /Enter a name/],
    ['x'.repeat(129), /129 characters.*maximum is 128/],
    ['my connection', /a space \(position 3\)/],
    ['my_connection', /'_' \(position 3\)/],
    ['-abc', /start with a letter or a digit/],
    ['abc-', /end with a letter or a digit/],
    ['a--b', /two hyphens/],
    ['café', /'é'/],
  ];
  for (const [bad, message] of cases) {
    const problem = connectionNameProblem(bad);
    assert.ok(problem && message.test(problem), `${bad}: ${problem}`);
    if (bad.length <= 128) {
      assert.equal(CONNECTION_NAME_PATTERN.test(bad), false, bad); // the length is a separate rule (maxLength)
    }
  }
});

void test('file names are <name>.connection.<ext> and map back to their format', () => {
  assert.equal(connectionFileName('my-db', 'json'), 'my-db.connection.json');
  assert.equal(connectionFileName('my-db', 'yaml'), 'my-db.connection.yaml');
  assert.equal(connectionFileFormat('a.connection.json'), 'json');
  assert.equal(connectionFileFormat('a.connection.YML'), 'yaml');
  assert.equal(connectionFileFormat('a.connection.yaml'), 'yaml');
  assert.equal(connectionFileFormat('package.json'), undefined);
});

void test('a free name is suggested when the file already exists', () => {
  const taken = new Set(['google.connection.yaml', 'google-2.connection.yaml']);
  assert.equal(firstFreeConnectionName('google', 'yaml', (f) => taken.has(f)), 'google-3');
  assert.equal(firstFreeConnectionName('google', 'json', (f) => taken.has(f)), 'google');
});
