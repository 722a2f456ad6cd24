import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../common/protocol';
import { mergeSettings } from '../../server/src/mergeSettings';

const FROM_INITIALIZATION: ServerSettings = { files: ['custom/*.yaml'], validationDelayMs: 300, deployCliConfig: '' };

test('a section that is absent (null, undefined) or not an object keeps every previous setting', () => {
  for (const section of [null, undefined, 'files', 42, true, ['custom/*.yaml']]) {
    assert.deepEqual(mergeSettings(FROM_INITIALIZATION, section), FROM_INITIALIZATION, JSON.stringify(section));
  }
});

test('each field given replaces its previous value; each field absent or malformed keeps it', () => {
  assert.deepEqual(mergeSettings(FROM_INITIALIZATION, { files: ['tenant/*.yml'] }), {
    files: ['tenant/*.yml'],
    validationDelayMs: 300,
    deployCliConfig: '',
  });
  assert.deepEqual(mergeSettings(FROM_INITIALIZATION, { validationDelay: 50 }), { files: ['custom/*.yaml'], validationDelayMs: 50, deployCliConfig: '' });
  assert.deepEqual(mergeSettings(FROM_INITIALIZATION, {}), FROM_INITIALIZATION);
  assert.deepEqual(mergeSettings(FROM_INITIALIZATION, { files: 'custom/*.yaml', validationDelay: 'soon' }), FROM_INITIALIZATION);
  for (const delay of [-1, Number.NaN, Number.POSITIVE_INFINITY, null]) {
    assert.equal(mergeSettings(FROM_INITIALIZATION, { validationDelay: delay }).validationDelayMs, 300, String(delay));
  }
});

test('an empty files list is a value, not an absence: it clears the globs', () => {
  assert.deepEqual(mergeSettings(FROM_INITIALIZATION, { files: [] }).files, []);
});

test('non-string globs are dropped, the strings kept', () => {
  assert.deepEqual(mergeSettings(DEFAULT_SERVER_SETTINGS, { files: ['a/*.yaml', 3, null, 'b.yml'] }).files, ['a/*.yaml', 'b.yml']);
});

test('the delay is read under the setting name (validationDelay) before the server name (validationDelayMs)', () => {
  assert.equal(mergeSettings(DEFAULT_SERVER_SETTINGS, { validationDelayMs: 20 }).validationDelayMs, 20);
  assert.equal(mergeSettings(DEFAULT_SERVER_SETTINGS, { validationDelay: 10, validationDelayMs: 20 }).validationDelayMs, 10);
  assert.equal(mergeSettings(DEFAULT_SERVER_SETTINGS, { validationDelay: 0 }).validationDelayMs, 0);
});

test('the deploy-cli config is read as the setting names it (deployCli.config) or as the server names it', () => {
  assert.equal(mergeSettings(DEFAULT_SERVER_SETTINGS, { deployCli: { config: 'ops/config.json' } }).deployCliConfig, 'ops/config.json');
  assert.equal(mergeSettings(DEFAULT_SERVER_SETTINGS, { deployCliConfig: '/abs/config.json' }).deployCliConfig, '/abs/config.json');
  const given = { ...DEFAULT_SERVER_SETTINGS, deployCliConfig: 'kept.json' };
  assert.equal(mergeSettings(given, { deployCli: { config: 7 } }).deployCliConfig, 'kept.json');
  assert.equal(mergeSettings(given, { files: [] }).deployCliConfig, 'kept.json');
});
