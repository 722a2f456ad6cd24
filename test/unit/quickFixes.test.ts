import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { applyEdits } from '../../engine/index';
import { parseBody, toPlainValue, type DocumentFormat } from '../../engine/index';
import type { Finding } from '../../engine/index';
import { computeQuickFixes, type QuickFix, type QuickFixDiagnostic } from '../../engine/index';
import { runRules } from '../../engine/index';

interface Applied {
  fix: QuickFix;
  text: string;
  value: unknown;
  findings: Finding[];
}

/**
 * Runs the rules on `text`, asks for fixes for the finding with `code`, applies the one whose title matches, and
 * checks what the user would then see: a document that still parses, re-validated without that finding.
 */
function applyFix(text: string, format: DocumentFormat, code: string, title: RegExp, diagnostics?: QuickFixDiagnostic[]): Applied {
  const given = diagnostics ?? runRules(parseBody(text, format));
  const target = given.findIndex((d) => d.code === code);
  assert.ok(target >= 0, `no ${code} on\n${text}`);
  const fixes = computeQuickFixes({ text, format, diagnostics: given }).filter((f) => f.diagnosticIndex === target);
  const fix = fixes.find((f) => title.test(f.title));
  assert.ok(fix, `no fix matching ${title} among ${JSON.stringify(fixes.map((f) => f.title))}`);
  const fixed = applyEdits(text, fix.edits);
  const parsed = parseBody(fixed, format);
  assert.deepEqual(parsed.syntaxProblems, [], `${format} no longer parses:\n${fixed}`);
  const findings = runRules(parsed);
  const original = given[target] as QuickFixDiagnostic;
  assert.ok(
    !findings.some((f) => f.code === code && f.message === original.message),
    `${code} still reported after "${fix.title}":\n${fixed}`,
  );
  return { fix, text: fixed, value: toPlainValue(parsed.root), findings };
}

void describe('misspelt enum values', () => {
  void test('unknown strategy -> closest strategy (JSON and YAML, preferred)', () => {
    const json = applyFix('{\n  "name": "g",\n  "strategy": "googel-oauth2"\n}', 'json', 'unknown-strategy', /google-oauth2/);
    assert.equal(json.fix.title, 'Change "googel-oauth2" to "google-oauth2"');
    assert.equal(json.fix.isPreferred, true);
    assert.equal(json.text, '{\n  "name": "g",\n  "strategy": "google-oauth2"\n}');

    assert.equal(applyFix('name: g\nstrategy: googel-oauth2\n', 'yaml', 'unknown-strategy', /google-oauth2/).text, 'name: g\nstrategy: google-oauth2\n');
    assert.equal(applyFix("name: g\nstrategy: 'Auth0'\n", 'yaml', 'unknown-strategy', /auth0/).text, "name: g\nstrategy: 'auth0'\n");
  });

  void test('no fix when nothing is close', () => {
    const text = '{"name": "g", "strategy": "quantum-login"}';
    assert.deepEqual(computeQuickFixes({ text, format: 'json', diagnostics: runRules(parseBody(text, 'json')) }), []);
  });

  void test('a schema enum diagnostic gets the closest listed value', () => {
    for (const [text, format] of [
      ['{\n  "name": "d",\n  "strategy": "auth0",\n  "options": { "passwordPolicy": "god" }\n}', 'json'],
      ['name: d\nstrategy: auth0\noptions:\n  passwordPolicy: god\n', 'yaml'],
    ] as const) {
      const offset = text.indexOf(format === 'json' ? '"god"' : 'god');
      const diagnostic: QuickFixDiagnostic = {
        code: 'schema',
        message: 'Value is not accepted. Valid values: "none", "low", "fair", "good", "excellent", null.',
        offset,
        length: format === 'json' ? 5 : 3,
      };
      const { value } = applyFix(text, format, 'schema', /"good"/, [diagnostic]);
      assert.deepEqual((value as { options: unknown }).options, { passwordPolicy: 'good' });
    }
  });
});

void describe('unknown properties', () => {
  void test('rename a top-level key to the closest known one', () => {
    const json = applyFix('{\n  "name": "d",\n  "strategy": "auth0",\n  "optoins": {}\n}', 'json', 'unknown-property', /^Rename/);
    assert.equal(json.fix.title, 'Rename "optoins" to "options"');
    assert.equal(json.fix.isPreferred, true);
    assert.ok(json.text.includes('"options": {}'));
    const yaml = applyFix('name: d\nstrategy: auth0\noptoins: {}\n', 'yaml', 'unknown-property', /^Rename/);
    assert.equal(yaml.text, 'name: d\nstrategy: auth0\noptions: {}\n');
  });

  const removals: Array<[string, DocumentFormat, string]> = [
    // middle, last and only property, pretty and minified JSON
    ['{\n  "name": "d",\n  "bogus": [1, 2],\n  "strategy": "auth0"\n}', 'json', '{\n  "name": "d",\n  "strategy": "auth0"\n}'],
    ['{\n  "name": "d",\n  "strategy": "auth0",\n  "bogus": { "a": 1 }\n}', 'json', '{\n  "name": "d",\n  "strategy": "auth0"\n}'],
    ['{"name":"d","strategy":"auth0","bogus":1}', 'json', '{"name":"d","strategy":"auth0"}'],
    ['{"bogus":1,"name":"d","strategy":"auth0"}', 'json', '{"name":"d","strategy":"auth0"}'],
    // YAML: the whole line(s), including a nested block and a comment on the entry's line
    ['name: d\nbogus:\n  a: 1\n  b:\n    - x\nstrategy: auth0\n', 'yaml', 'name: d\nstrategy: auth0\n'],
    ['name: d\nstrategy: auth0\nbogus: 1 # note\n', 'yaml', 'name: d\nstrategy: auth0\n'],
    ['name: d\nstrategy: auth0\nbogus: |\n  line one\n  line two\n', 'yaml', 'name: d\nstrategy: auth0\n'],
    ['name: d\nstrategy: auth0\nbogus:', 'yaml', 'name: d\nstrategy: auth0\n'],
    ['{name: d, bogus: 1, strategy: auth0}', 'yaml', '{name: d, strategy: auth0}'],
  ];
  for (const [text, format, expected] of removals) {
    void test(`remove cleanly: ${format} ${JSON.stringify(text)}`, () => {
      const applied = applyFix(text, format, 'unknown-property', /^Remove "bogus"$/);
      assert.equal(applied.text, expected);
      assert.notEqual(applied.fix.isPreferred, true, 'removing data is never the preferred fix');
    });
  }

  void test('the only property of an object is removed leaving empty braces', () => {
    const text = '{\n  "name": "d",\n  "strategy": "auth0",\n  "options": {\n    "bogus": 1\n  }\n}';
    const offset = text.indexOf('"bogus"');
    const diagnostic = { code: 'unknown-option', message: 'Unknown option "bogus".', offset, length: 7 };
    const applied = applyFix(text, 'json', 'unknown-option', /^Remove/, [diagnostic]);
    assert.deepEqual((applied.value as { options: unknown }).options, {});
  });

  void test('unknown options (from the per-strategy check) are renamed or removed inside options', () => {
    for (const [text, format] of [
      ['{\n  "name": "s",\n  "strategy": "samlp",\n  "options": {\n    "signInEndpiont": "https://idp/sso",\n    "debug": true\n  }\n}', 'json'],
      ['name: s\nstrategy: samlp\noptions:\n  signInEndpiont: https://idp/sso\n  debug: true\n', 'yaml'],
    ] as const) {
      const offset = text.indexOf('signInEndpiont') - (format === 'json' ? 1 : 0);
      const diagnostic: QuickFixDiagnostic = {
        code: 'unknown-option',
        message: 'samlp connections have no option "signInEndpiont". Did you mean "signInEndpoint"?',
        offset,
        length: format === 'json' ? 16 : 14,
        data: { replacement: 'signInEndpoint' },
      };
      const renamed = applyFix(text, format, 'unknown-option', /^Rename/, [diagnostic]);
      assert.deepEqual((renamed.value as { options: unknown }).options, { signInEndpoint: 'https://idp/sso', debug: true });
      const removed = applyFix(text, format, 'unknown-option', /^Remove/, [diagnostic]);
      assert.deepEqual((removed.value as { options: unknown }).options, { debug: true });
    }
  });

  void test('options that belong to another strategy can be removed', () => {
    const text = 'name: g\nstrategy: google-oauth2\noptions:\n  passwordPolicy: good\n  scope: email\n';
    const applied = applyFix(text, 'yaml', 'database-only-option', /^Remove "passwordPolicy"$/);
    assert.equal(applied.text, 'name: g\nstrategy: google-oauth2\noptions:\n  scope: email\n');
  });
});

void describe('invalid name', () => {
  void test('rename the connection to a valid derived name', () => {
    const json = applyFix('{\n  "name": "My DB_v2!",\n  "strategy": "auth0"\n}', 'json', 'invalid-name', /^Rename the connection/);
    assert.equal(json.fix.title, 'Rename the connection to "My-DB-v2"');
    assert.equal((json.value as { name: string }).name, 'My-DB-v2');
    const yaml = applyFix('name: "--My DB--"\nstrategy: auth0\n', 'yaml', 'invalid-name', /My-DB/);
    assert.equal(yaml.text, 'name: "My-DB"\nstrategy: auth0\n');
  });
});

void describe('missing required property', () => {
  const cases: Array<[string, DocumentFormat, string, string]> = [
    ['{\n  "strategy": "auth0"\n}', 'json', 'name', '{\n  "name": "my-connection",\n  "strategy": "auth0"\n}'],
    ['{\n    "name": "db"\n}', 'json', 'strategy', '{\n    "strategy": "auth0",\n    "name": "db"\n}'],
    ['{"strategy":"auth0"}', 'json', 'name', '{"name": "my-connection", "strategy":"auth0"}'],
    ['{}', 'json', 'name', '{"name": "my-connection"}'],
    ['{\n}', 'json', 'strategy', '{\n  "strategy": "auth0"\n}'],
    ['strategy: auth0\n', 'yaml', 'name', 'name: my-connection\nstrategy: auth0\n'],
    ['# yaml-language-server: $schema=./x.json\n\nname: db\n', 'yaml', 'strategy', '# yaml-language-server: $schema=./x.json\n\nstrategy: auth0\nname: db\n'],
    ['---\nname: db\noptions:\n  a: 1\n', 'yaml', 'strategy', '---\nstrategy: auth0\nname: db\noptions:\n  a: 1\n'],
    ['{strategy: auth0}', 'yaml', 'name', '{name: my-connection, strategy: auth0}'],
  ];
  for (const [text, format, property, expected] of cases) {
    void test(`insert "${property}": ${format} ${JSON.stringify(text)}`, () => {
      const diagnostics = runRules(parseBody(text, format)).filter((d) => d.code === 'missing-required' && d.data?.property === property);
      const applied = applyFix(text, format, 'missing-required', new RegExp(`^Add "${property}"`), diagnostics);
      assert.equal(applied.text, expected);
      assert.equal(applied.fix.isPreferred, true);
    });
  }
});

void describe('deprecated enabled_clients', () => {
  const cases: Array<[string, DocumentFormat, string]> = [
    ['{\n  "name": "d",\n  "enabled_clients": ["a", "b"],\n  "strategy": "auth0"\n}', 'json', '{\n  "name": "d",\n  "strategy": "auth0"\n}'],
    ['{\n  "name": "d",\n  "strategy": "auth0",\n  "enabled_clients": [\n    "a"\n  ]\n}', 'json', '{\n  "name": "d",\n  "strategy": "auth0"\n}'],
    ['name: d\nenabled_clients:\n  - a\n  - b\nstrategy: auth0\n', 'yaml', 'name: d\nstrategy: auth0\n'],
    ['name: d\nstrategy: auth0\nenabled_clients: [a, b]\n', 'yaml', 'name: d\nstrategy: auth0\n'],
  ];
  for (const [text, format, expected] of cases) {
    void test(`remove with a note on the clients endpoint: ${format} ${JSON.stringify(text)}`, () => {
      const applied = applyFix(text, format, 'deprecated-property', /^Remove deprecated "enabled_clients"/);
      assert.match(applied.fix.title, /clients endpoint/);
      assert.equal(applied.text, expected);
    });
  }

  void test('other deprecated fields are not offered for removal (they still configure the connection)', () => {
    const text = '{"name": "s", "strategy": "sms", "options": {"twilio_sid": "AC1"}}';
    const diagnostics = runRules(parseBody(text, 'json'));
    assert.ok(diagnostics.some((d) => d.code === 'deprecated-property'));
    assert.deepEqual(computeQuickFixes({ text, format: 'json', diagnostics }), []);
  });
});

void describe('duplicate precedence item', () => {
  const cases: Array<[string, DocumentFormat, string]> = [
    ['{"name": "d", "strategy": "auth0", "options": {"precedence": ["email", "username", "email"]}}', 'json', '["email", "username"]'],
    ['{"name": "d", "strategy": "auth0", "options": {"precedence": ["email", "email", "username"]}}', 'json', '["email", "username"]'],
    ['name: d\nstrategy: auth0\noptions:\n  precedence:\n    - email\n    - username\n    - email\n  mfa: {}\n', 'yaml', '    - username\n  mfa'],
    ['name: d\nstrategy: auth0\noptions:\n  precedence: [email, email, username]\n', 'yaml', '[email, username]'],
  ];
  for (const [text, format, expectedFragment] of cases) {
    void test(`remove the repeated item: ${format} ${JSON.stringify(text)}`, () => {
      const applied = applyFix(text, format, 'duplicate-precedence', /^Remove the repeated "email"$/);
      assert.ok(applied.text.includes(expectedFragment), applied.text);
      assert.deepEqual((applied.value as { options: { precedence: string[] } }).options.precedence.slice().sort(), ['email', 'username']);
    });
  }
});

void describe('flexible identifier conflicts', () => {
  void test('requires_username alongside attributes can be removed', () => {
    const text = 'name: d\nstrategy: auth0\noptions:\n  requires_username: true\n  attributes:\n    username:\n      identifier:\n        active: true\n';
    const applied = applyFix(text, 'yaml', 'attributes-with-requires-username', /^Remove "requires_username"$/);
    assert.ok(!applied.findings.some((f) => f.severity === 'error'), JSON.stringify(applied.findings));
  });
});

void describe('stale or foreign diagnostics', () => {
  void test('a diagnostic that no longer points at a node gets no fix', () => {
    const text = '{"name": "d", "strategy": "auth0"}';
    const diagnostics: QuickFixDiagnostic[] = [
      { code: 'unknown-property', message: 'x', offset: 3, length: 2, data: { replacement: 'options' } },
      { code: 'unknown-strategy', message: 'x', offset: 500, length: 2, data: { replacement: 'auth0' } },
      { code: 'something-else', message: 'x', offset: 0, length: 1 },
    ];
    assert.deepEqual(computeQuickFixes({ text, format: 'json', diagnostics }), []);
  });

  void test('malformed text never throws', () => {
    for (const text of ['', '{"name": ', '{{{', 'a: [', '- x']) {
      for (const format of ['json', 'yaml'] as const) {
        const diagnostics: QuickFixDiagnostic[] = [
          { code: 'missing-required', message: 'x', offset: 0, length: 1, data: { property: 'name' } },
          { code: 'unknown-property', message: 'x', offset: 1, length: 1, data: { replacement: 'name' } },
        ];
        assert.doesNotThrow(() => computeQuickFixes({ text, format, diagnostics }));
      }
    }
  });
});
