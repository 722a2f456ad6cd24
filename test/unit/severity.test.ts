/**
 * Severity from evidence (docs/SEVERITY.md), through the full check the editor and the CLI run (the mode's schema
 * diagnostics, then the engine's rules), in JSON and YAML alike:
 *  - the primary spec's constraints on database options are errors (Auth0 validates them: auth0/docs#9278,
 *    alexkappa/terraform-provider-auth0#40), said once, where the value or key is;
 *  - what only the per-strategy spec says is a warning that says whose opinion it is;
 *  - what a recording shows the API accepting is nothing.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { combineItemFindings, parseBody, type DocumentFormat, type Finding } from '../../engine/index';
import { validateDocument } from '../../languages/validateDocument';
import { createJsonMode } from '../../languages/jsonMode';
import { createYamlMode } from '../../languages/yamlMode';

type Body = Record<string, unknown>;

const jsonMode = createJsonMode();
const yamlMode = createYamlMode();
let counter = 0;

interface Seen {
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  at: string;
  message: string;
}

const SEVERITY_NAMES: Record<number, Seen['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

async function diagnose(body: Body, format: DocumentFormat): Promise<Seen[]> {
  const text = format === 'json' ? JSON.stringify(body, null, 2) : stringify(body);
  const document = TextDocument.create(`file:///severity/${++counter}.connection.${format}`, format, 1, text);
  const diagnostics: Diagnostic[] = await validateDocument(document, format === 'json' ? jsonMode : yamlMode);
  return diagnostics.map((d) => ({
    severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
    code: String(d.code),
    at: text.slice(document.offsetAt(d.range.start), document.offsetAt(d.range.end)).replace(/^["']|["']$/g, '').trim(),
    message: d.message,
  }));
}

/**
 * The problems (errors and warnings) that underline `at`, in both formats: at least one, all of `severity` (a
 * warning never repeats an error there). Returns the first, in JSON. The services may say one value breaks two
 * keywords (type and listed values): both are kept.
 */
async function expectProblemAt(body: Body, at: string, severity: 'error' | 'warning'): Promise<Seen> {
  let first: Seen | undefined;
  for (const format of ['json', 'yaml'] as const) {
    const seen = await diagnose(body, format);
    const problems = seen.filter((d) => (d.severity === 'error' || d.severity === 'warning') && d.at === at);
    assert.ok(problems.length > 0, `${format}: a problem at "${at}", got ${JSON.stringify(seen, null, 1)}`);
    assert.deepEqual(problems.filter((d) => d.severity !== severity), [], `${format}: only ${severity}s at "${at}"`);
    if (severity === 'warning') assert.equal(problems.length, 1, `${format}: one warning at "${at}": ${JSON.stringify(problems)}`);
    first ??= problems[0];
  }
  return first as Seen;
}

async function expectNoProblem(body: Body): Promise<void> {
  for (const format of ['json', 'yaml'] as const) {
    const problems = (await diagnose(body, format)).filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(problems, [], format);
  }
}

const db = (options: Body): Body => ({ name: 'probe-db', strategy: 'auth0', options });

void describe('the primary spec on database options: errors (Auth0 validates options of auth0 connections)', () => {
  const cases: Array<[string, Body, string]> = [
    ['passwordPolicy outside its enum', { passwordPolicy: 'strongest' }, 'strongest'],
    ['passwordPolicy of the wrong type', { passwordPolicy: 5 }, '5'],
    ['password_complexity_options.min_length as a string', { password_complexity_options: { min_length: '8' } }, '8'],
    ['password_complexity_options.min_length above 128', { password_complexity_options: { min_length: 200 } }, '200'],
    ['password_complexity_options.min_length below 1', { password_complexity_options: { min_length: 0 } }, '0'],
    // auth0/docs#9278: 400 "Additional properties not allowed: requires_username' on property options.validation".
    ['a key options.validation does not have', { validation: { requires_username: true, username: { min: 1, max: 15 } } }, 'requires_username'],
    // alexkappa/terraform-provider-auth0#40: "Expected type boolean but found type string' on property options.password_history.enable".
    ['password_history.enable as a string', { password_history: { enable: 'yes', size: 5 } }, 'yes'],
    ['password_history.size above 24', { password_history: { enable: true, size: 30 } }, '30'],
    ['a precedence entry that is no attribute', { precedence: ['email', 'phone', 'username'] }, 'phone'],
    ['signup.status outside its enum', { attributes: { email: { identifier: { active: true }, signup: { status: 'mandatory' } } } }, 'mandatory'],
    ['enable_script_context as a string', { enable_script_context: 'true' }, 'true'],
    ['an upstream parameter alias that is no alias', { upstream_params: { screen_name: { alias: 'nonsense' } } }, 'nonsense'],
  ];
  for (const [what, options, at] of cases) {
    void test(what, async () => {
      await expectProblemAt(db(options), at, 'error');
    });
  }

  void test('passwordPolicy "strongest" fails `validate` (an error, not a warning)', async () => {
    const found = await expectProblemAt(db({ passwordPolicy: 'strongest' }), 'strongest', 'error');
    assert.match(found.message, /none|low|fair|good|excellent/);
  });
});

void describe('what only the per-strategy spec says: warnings, worded as the spec\'s', () => {
  const cases: Array<[string, Body, string]> = [
    ['database: brute_force_protection as a string', db({ brute_force_protection: 'yes' }), 'yes'],
    ['database: requires_username as a string', db({ requires_username: 'yes' }), 'yes'],
    ['database: mfa.active as a string', db({ mfa: { active: 'yes' } }), 'yes'],
    ['samlp: signSAMLRequest as a string', { name: 's', strategy: 'samlp', options: { signInEndpoint: 'https://idp.example.com', signSAMLRequest: 'yes' } }, 'yes'],
  ];
  for (const [what, body, at] of cases) {
    void test(what, async () => {
      const found = await expectProblemAt(body, at, 'warning');
      assert.match(found.message, /spec/);
      assert.doesNotMatch(found.message, /Auth0 rejects/);
    });
  }

  void test('the primary spec\'s options rules on another strategy: a warning (no recording shows Auth0 enforcing them there)', async () => {
    const body = { name: 'o', strategy: 'oidc', options: { client_id: 'abc', token_endpoint_auth_method: 'basic' } };
    const found = await expectProblemAt(body, 'basic', 'warning');
    assert.doesNotMatch(found.message, /Auth0 rejects/);
  });
});

void describe('what a recording shows the API accepting: nothing', () => {
  void test('null for an optional enum option is "unset" (waad identity_api, recorded 004 and 036; oidc type, recorded-sweep 03)', async () => {
    await expectNoProblem({ name: 'w', strategy: 'waad', options: { client_id: 'a', tenant_domain: 'x.onmicrosoft.com', identity_api: null } });
    await expectNoProblem({ name: 'o', strategy: 'oidc', options: { client_id: 'a', issuer: 'https://x', type: null } });
  });

  void test('a username identifier with default_method (recorded 077), though both specs close that object', async () => {
    const attributes = { username: { identifier: { active: true, default_method: 'password' }, signup: { status: 'required' } } };
    await expectNoProblem(db({ attributes }));
  });

  void test('still closed: any other unknown key there is an error', async () => {
    const attributes = { username: { identifier: { active: true, fallback: 'password' }, signup: { status: 'required' } } };
    await expectProblemAt(db({ attributes }), 'fallback', 'error');
  });
});

void describe('a deploy-cli item combines its findings as a connection file does', () => {
  const item = parseBody('name: s1\nstrategy: samlp\noptions:\n  signSAMLRequest: "yes"\n', 'yaml').root!;
  const at = (offset: number, code: string, severity: Finding['severity'], message: string): Finding => ({ code, severity, message, offset, length: 4 });
  const shown = (findings: Finding[]) => findings.map((f) => [f.offset, f.code, f.severity, f.message]);

  void test('a rule warning does not hide a schema error at the same place; an error rule does', () => {
    assert.deepEqual(shown(combineItemFindings(item, undefined, [at(0, 'a-rule', 'warning', 'Rule.')], [at(0, 'schema', 'error', 'Schema')])), [
      [0, 'schema', 'error', 'Schema.'],
      [0, 'a-rule', 'warning', 'Rule.'],
    ]);
    assert.deepEqual(shown(combineItemFindings(item, undefined, [at(0, 'a-rule', 'error', 'Rule.')], [at(0, 'schema', 'error', 'Schema')])), [[0, 'a-rule', 'error', 'Rule.']]);
  });

  void test('a schema error inside the options of a strategy Auth0 is not known to check is the spec\'s word: a warning', () => {
    const inOptions = item.kind === 'object' ? item.properties.find((p) => p.key === 'options')!.value!.offset + 2 : 0;
    const [weighed] = combineItemFindings(item, undefined, [], [at(inOptions, 'schema', 'error', 'Incorrect type')]);
    assert.equal(weighed?.severity, 'warning');
    assert.match(weighed?.message ?? '', /^Incorrect type\. \(The spec's rule for options\.signSAMLRequest; Auth0 is not known to refuse it on samlp connections\.\)$/);
  });
});
