/**
 * The pure pieces of Compare/Apply on a deploy-cli item: the item's path in the document (where a 400's property is
 * looked up) and its value with the script and template files it names read in, the original left as it was.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemPath, withFileTexts } from '../../common/deployCliItemBody';

test('an item label is its path in the document; a directory-format file (no label) is the document itself', () => {
  assert.deepEqual(itemPath('connections[1]'), ['connections', 1]);
  assert.deepEqual(itemPath('databases[12]'), ['databases', 12]);
  assert.deepEqual(itemPath(undefined), []);
  assert.deepEqual(itemPath('not a label'), []);
});

test('the files an item names are read into a copy at their paths; the item itself is not changed', () => {
  const item = {
    name: 'users',
    strategy: 'auth0',
    options: { customScripts: { login: './users/login.js', get_user: './users/get_user.js' }, enabledDatabaseCustomization: true },
  };
  const read = withFileTexts(item, [
    { path: ['options', 'customScripts', 'login'], text: 'function login(email, password, callback) {}' },
    { path: ['options', 'customScripts', 'get_user'], text: 'function getByEmail(email, callback) {}' },
  ]);
  assert.deepEqual(read.options, {
    customScripts: { login: 'function login(email, password, callback) {}', get_user: 'function getByEmail(email, callback) {}' },
    enabledDatabaseCustomization: true,
  });
  assert.equal(item.options.customScripts.login, './users/login.js');
});

test('a path that does not lead to an object is left alone', () => {
  const item = { name: 'x', options: { email: 'not an object' } };
  assert.deepEqual(withFileTexts(item, [{ path: ['options', 'email', 'body'], text: '<p/>' }, { path: ['missing', 'body'], text: '<p/>' }]), item);
});
