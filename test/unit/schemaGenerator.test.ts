/**
 * The generated schema: fresh, enriched for editors, and strategy-aware in both language services (in-process, the
 * same libraries the server uses).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { stringify as toYaml } from 'yaml';
import { STRATEGIES } from '../../common/strategies';
import { createJsonMode } from '../../languages/jsonMode';
import { createYamlMode } from '../../languages/yamlMode';
import {
  CONNECTION_SCHEMA_FILE,
  generateSchemas,
  serialise,
  STRATEGY_OPTIONS_FILE,
} from '../../scripts/generate-schema';
import { loadPerStrategySpec, loadPrimarySpec } from '../../scripts/schema/openapi';
import { RECORDED_ACCEPTANCES, withRecordedAcceptances } from '../../scripts/schema/recordedAcceptances';

const CORPUS_DIR = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const generated = generateSchemas();
const schema = generated.connectionSchema;
type Schema = Record<string, unknown>;

/** Every schema object in the generated file, with its JSON pointer. */
function* walkSchemas(node: unknown, pointer = '#'): Generator<[string, Schema]> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* walkSchemas(item, `${pointer}/${index}`);
  } else if (node && typeof node === 'object') {
    yield [pointer, node as Schema];
    for (const [key, value] of Object.entries(node)) {
      if (['enum', 'examples', 'default', 'const', 'defaultSnippets'].includes(key)) continue;
      yield* walkSchemas(value, `${pointer}/${key}`);
    }
  }
}

function definition(name: string): Schema {
  const found = (schema['definitions'] as Record<string, Schema>)[name];
  assert.ok(found, `definition ${name} exists`);
  return found;
}

function rootProperty(name: string): Schema {
  return (schema['properties'] as Record<string, Schema>)[name] as Schema;
}

/** Accepted by the live API (SOURCES.md: 09-41 got 201). */
function acceptedCorpus(): Array<{ file: string; text: string }> {
  return readdirSync(CORPUS_DIR)
    .filter((file) => /^(09|[1-3]\d|4[01])-.*\.json$/.test(file))
    .map((file) => ({ file, text: readFileSync(path.join(CORPUS_DIR, file), 'utf8') }));
}

// --- in-process language services -------------------------------------------------------------------------------
// The product's own language modes, configured as the server configures them, with the committed schema (the
// freshness test above proves it equals `schema`).

const jsonMode = createJsonMode();
const yamlMode = createYamlMode();

let documentCounter = 0;

/** Text with a `|` caret marker -> document and caret position (the yaml-language-server test convention). */
function withCaret(textWithCaret: string, language: 'json' | 'yaml') {
  const offset = textWithCaret.indexOf('|');
  assert.ok(offset >= 0, 'caret marker present');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1);
  const uri = `file:///test/doc${++documentCounter}.connection.${language}`;
  const document = TextDocument.create(uri, language, 1, text);
  return { document, position: document.positionAt(offset) };
}

async function jsonDiagnostics(text: string): Promise<Diagnostic[]> {
  const document = TextDocument.create(`file:///test/doc${++documentCounter}.connection.json`, 'json', 1, text);
  return jsonMode.doValidation(document);
}

async function yamlDiagnostics(text: string): Promise<Diagnostic[]> {
  const document = TextDocument.create(`file:///test/doc${++documentCounter}.connection.yaml`, 'yaml', 1, text);
  return yamlMode.doValidation(document);
}

async function jsonCompletionLabels(textWithCaret: string): Promise<string[]> {
  const { document, position } = withCaret(textWithCaret, 'json');
  const list = await jsonMode.doComplete(document, position);
  return list.items.map((item) => item.label);
}

async function yamlCompletionLabels(textWithCaret: string): Promise<string[]> {
  const { document, position } = withCaret(textWithCaret, 'yaml');
  const list = await yamlMode.doComplete(document, position);
  return list.items.map((item) => item.label);
}

async function jsonHover(textWithCaret: string): Promise<string> {
  const { document, position } = withCaret(textWithCaret, 'json');
  const hover = await jsonMode.doHover(document, position);
  return hoverText(hover?.contents);
}

async function yamlHover(textWithCaret: string): Promise<string> {
  const { document, position } = withCaret(textWithCaret, 'yaml');
  const hover = await yamlMode.doHover(document, position);
  return hoverText(hover?.contents);
}

function hoverText(contents: unknown): string {
  if (contents === undefined || contents === null) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  const value = (contents as { value?: unknown }).value;
  return typeof value === 'string' ? value : '';
}

const errorsOnly = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.severity === 1);
const describeDiagnostics = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n');

// --- tests ----------------------------------------------------------------------------------------------------------

void describe('generated files', () => {
  void it('are committed and fresh', () => {
    const stale = 'is stale: run `npm run schemas` and commit the result';
    assert.equal(readFileSync(CONNECTION_SCHEMA_FILE, 'utf8'), serialise(schema), `schemas/connection.schema.json ${stale}`);
    assert.equal(
      readFileSync(STRATEGY_OPTIONS_FILE, 'utf8'),
      serialise(generated.strategyOptions),
      `schemas/strategy-options.json ${stale}`,
    );
  });

  void it('are draft-07 with no $id (the server registers its own URI)', () => {
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
    for (const [pointer, node] of walkSchemas(schema)) {
      assert.equal(node['$id'], undefined, `${pointer} has no $id`);
      const ref = node['$ref'];
      if (typeof ref === 'string') {
        assert.match(ref, /^#\/definitions\//, `${pointer} refers into definitions`);
        definition(ref.slice('#/definitions/'.length));
      }
      for (const key of Object.keys(node)) assert.ok(!key.startsWith('x-'), `${pointer} keeps no vendor key ${key}`);
    }
  });
});

void describe('enrichment', () => {
  void it('gives every described schema a markdownDescription without raw HTML or escaped punctuation', () => {
    let described = 0;
    for (const [pointer, node] of walkSchemas(schema)) {
      if (typeof node['description'] !== 'string') continue;
      described++;
      const markdown = node['markdownDescription'];
      assert.equal(typeof markdown, 'string', `${pointer} has a markdownDescription`);
      assert.doesNotMatch(markdown as string, /<\/?[a-z][^>]*>/i, `${pointer} has no raw HTML`);
      assert.doesNotMatch(markdown as string, /\\[_*.()[\]{}#+!-]|&(quot|amp|lt|gt|#\d+);/, `${pointer} has no escapes`);
      assert.doesNotMatch(node['description'] as string, /<\/?[a-z][^>]*>/i, `${pointer} plain description has no HTML`);
    }
    assert.ok(described > 300, `many schemas are described (${described})`);
  });

  void it('renders <code> as backticks', () => {
    assert.match(String(rootProperty('is_domain_connection')['markdownDescription']), /^`true` promotes/);
  });

  void it('describes every strategy value', () => {
    const strategyEnum = definition('ConnectionIdentityProviderEnum');
    const values = strategyEnum['enum'] as string[];
    const descriptions = strategyEnum['enumDescriptions'] as string[];
    const markdown = strategyEnum['markdownEnumDescriptions'] as string[];
    assert.equal(descriptions.length, values.length);
    assert.equal(markdown.length, values.length);
    for (const [index, value] of values.entries()) {
      assert.ok(STRATEGIES[value], `common/strategies.ts knows ${value}`);
      assert.notEqual(descriptions[index], 'Unknown strategy');
    }
    assert.equal(descriptions[values.indexOf('samlp')], 'SAML identity provider (enterprise)');
    assert.match(markdown[values.indexOf('ip')] ?? '', /^\*\*Deprecated\*\*/);
  });

  void it('marks enabled_clients deprecated and says how clients are enabled instead', () => {
    const enabledClients = rootProperty('enabled_clients');
    assert.match(String(enabledClients['deprecationMessage']), /PATCH \/api\/v2\/connections\/\{id\}\/clients/);
    assert.match(String(enabledClients['markdownDescription']), /^\*\*Deprecated\*\*/);
  });

  void it('states the name rule as a sentence, and its limits in the hover', () => {
    const name = rootProperty('name');
    assert.equal(typeof name['patternErrorMessage'], 'string');
    assert.doesNotMatch(String(name['patternErrorMessage']), /[\^$\\[\]]/);
    assert.match(String(name['markdownDescription']), /at most 128 characters/);
  });

  void it('shows release lifecycle badges', () => {
    assert.match(String(rootProperty('cross_app_access_requesting_app')['markdownDescription']), /^\*\*Early Access\*\*/);
    const passwordMethod = definition('ConnectionPasswordAuthenticationMethod')['properties'] as Record<string, Schema>;
    const apiBehavior = passwordMethod['api_behavior'] as Schema;
    assert.match(String(apiBehavior['markdownDescription']), /^\*\*Early Access\*\*/);
  });

  void it('says what the file is at the root and tolerates $schema', () => {
    assert.match(String(schema['markdownDescription']), /POST \/api\/v2\/connections/);
    assert.match(String(schema['markdownDescription']), /`create:connections`/);
    assert.match(String(schema['markdownDescription']), /\]\(https:\/\/auth0\.com\/docs\//);
    assert.equal(schema['additionalProperties'], false);
    assert.equal(rootProperty('$schema')['type'], 'string');
  });
});

void describe('in the JSON language service', () => {
  void it('accepted corpus bodies (09-41) get no error', async () => {
    const corpus = acceptedCorpus();
    assert.equal(corpus.length, 33);
    for (const { file, text } of corpus) {
      const errors = errorsOnly(await jsonDiagnostics(text));
      assert.deepEqual(errors, [], `${file}:\n${describeDiagnostics(errors)}`);
    }
  });

  void it('does not flag $schema and explains a bad name without a regex', async () => {
    const diagnostics = await jsonDiagnostics(
      '{"$schema": "./connection.schema.json", "name": "my_conn", "strategy": "auth0"}',
    );
    assert.equal(diagnostics.length, 1, describeDiagnostics(diagnostics));
    assert.match(diagnostics[0]?.message ?? '', /letters, digits and single hyphens/);
  });

  void it('lists the valid strategies for a misspelt one (the quick fix reads them from the message)', async () => {
    for (const diagnostics of [
      await jsonDiagnostics('{"name": "x", "strategy": "googel-oauth2"}'),
      await yamlDiagnostics('name: x\nstrategy: googel-oauth2\n'),
    ]) {
      assert.equal(diagnostics.length, 1, describeDiagnostics(diagnostics));
      assert.match(diagnostics[0]?.message ?? '', /Valid values: .*"google-oauth2"/);
    }
  });

  void it('offers only the strategy\'s options inside options', async () => {
    const google = await jsonCompletionLabels('{"name": "g", "strategy": "google-oauth2", "options": {|}}');
    assert.ok(google.includes('client_id'), 'google-oauth2 offers client_id');
    assert.ok(!google.includes('passwordPolicy'), 'google-oauth2 does not offer passwordPolicy');
    const database = await jsonCompletionLabels('{"name": "d", "strategy": "auth0", "options": {|}}');
    assert.ok(database.includes('passwordPolicy'), 'auth0 offers passwordPolicy');
    const saml = await jsonCompletionLabels('{"name": "s", "strategy": "samlp", "options": {|}}');
    assert.ok(saml.includes('signInEndpoint'), 'samlp offers signInEndpoint');
    assert.ok(!saml.includes('passwordPolicy'), 'samlp does not offer passwordPolicy');
  });

  void it('checks every primary option of a database connection, offering only the database ones', async () => {
    const json = await jsonCompletionLabels('{"name": "d", "strategy": "auth0", "options": {|}}');
    const yaml = await yamlCompletionLabels('name: d\nstrategy: auth0\noptions:\n  |');
    for (const [language, labels] of [['JSON', json], ['YAML', yaml]] as const) {
      assert.ok(labels.includes('passwordPolicy'), `${language}: ${labels.join(' ')}`);
      for (const notOffered of ['api_enable_users', 'ext_profile', 'upstream_params', 'tenant_domain']) {
        assert.ok(!labels.includes(notOffered), `${language}: auth0 does not offer ${notOffered}`);
      }
    }
    // The primary spec types api_enable_users as boolean; Auth0 validates database options against it.
    const diagnostics = await jsonDiagnostics('{"name": "d", "strategy": "auth0", "options": {"api_enable_users": "yes"}}');
    assert.equal(errorsOnly(diagnostics).length, 1, describeDiagnostics(diagnostics));
  });

  void it('keeps the generic options when the strategy is missing or unknown', async () => {
    const missing = await jsonCompletionLabels('{"name": "x", "options": {|}}');
    assert.ok(missing.includes('passwordPolicy'));
    const unknown = await jsonCompletionLabels('{"name": "x", "strategy": "nope", "options": {|}}');
    assert.ok(unknown.includes('passwordPolicy'));
  });

  void it('hovers a per-strategy option with its description and rules in words', async () => {
    const hover = await jsonHover('{"name": "s", "strategy": "samlp", "options": {"signIn|Endpoint": "https://idp"}}');
    assert.match(hover, /SingleSignOnService endpoint URL/);
    assert.match(hover, /Must start with `https:\/\/`/);
    assert.doesNotMatch(hover, /\\[_.()-]/);
  });

  void it('offers the spec\'s listed values for a per-strategy option without enforcing them', async () => {
    const values = await jsonCompletionLabels('{"name": "s", "strategy": "samlp", "options": {"signatureAlgorithm": |}}');
    assert.ok(values.includes('"rsa-sha256"'), values.join(' '));
    const diagnostics = await jsonDiagnostics('{"name": "s", "strategy": "samlp", "options": {"signatureAlgorithm": "x"}}');
    assert.deepEqual(errorsOnly(diagnostics), []);
  });

  void it('still enforces the primary spec inside a strategy\'s options', async () => {
    // passwordPolicy is described by the primary spec, whose enum the API enforces.
    const diagnostics = await jsonDiagnostics('{"name": "d", "strategy": "auth0", "options": {"passwordPolicy": "weak"}}');
    assert.equal(errorsOnly(diagnostics).length, 1, describeDiagnostics(diagnostics));
  });

  void it('does not turn per-strategy-only rules into errors', async () => {
    // linkedin's client_id pattern matches nothing (spec README caveat 4); google-apps accepted an empty client_id.
    const diagnostics = await jsonDiagnostics(
      '{"name": "l", "strategy": "linkedin", "options": {"client_id": "abc", "strategy_version": 2}}',
    );
    assert.deepEqual(errorsOnly(diagnostics), [], describeDiagnostics(diagnostics));
  });
});

/** One option each strategy's schema offers (issue 5: per-strategy completion for at least these ten). */
const STRATEGY_SAMPLES: ReadonlyArray<[strategy: string, option: string]> = [
  ['auth0', 'passwordPolicy'],
  ['samlp', 'signInEndpoint'],
  ['oidc', 'discovery_url'],
  ['okta', 'domain'],
  ['waad', 'tenant_domain'],
  ['adfs', 'adfs_server'],
  ['google-apps', 'domain'],
  ['google-oauth2', 'allowed_audiences'],
  ['sms', 'totp'],
  ['email', 'totp'],
];

void describe('per-strategy completion in both languages', () => {
  for (const [strategy, option] of STRATEGY_SAMPLES) {
    void it(`${strategy} offers ${option}${strategy === 'auth0' ? '' : ' and not passwordPolicy'}`, async () => {
      const json = await jsonCompletionLabels(`{"name": "x", "strategy": "${strategy}", "options": {|}}`);
      const yaml = await yamlCompletionLabels(`name: x\nstrategy: ${strategy}\noptions:\n  |`);
      for (const [language, labels] of [['JSON', json], ['YAML', yaml]] as const) {
        assert.ok(labels.includes(option), `${language}: ${labels.join(' ')}`);
        if (strategy !== 'auth0') assert.ok(!labels.includes('passwordPolicy'), `${language} offers passwordPolicy`);
      }
    });
  }
});

void describe('in the YAML language service', () => {
  void it('accepted corpus bodies (09-41), converted to YAML, break no schema rule', async () => {
    // yaml-language-server reports every schema problem as a warning, so "no error" would prove nothing here: only
    // the deprecation notes the schema asks for may appear.
    const deprecationMessages = new Set(
      [...walkSchemas(schema)].map(([, node]) => node['deprecationMessage']).filter((message) => message !== undefined),
    );
    for (const { file, text } of acceptedCorpus()) {
      const problems = (await yamlDiagnostics(toYaml(JSON.parse(text)))).filter(
        (diagnostic) => !deprecationMessages.has(diagnostic.message),
      );
      assert.deepEqual(problems, [], `${file}:\n${describeDiagnostics(problems)}`);
    }
  });

  void it('reports a schema problem in YAML as it does in JSON', async () => {
    const diagnostics = await yamlDiagnostics('name: my_conn\nstrategy: auth0\n');
    assert.equal(diagnostics.length, 1, describeDiagnostics(diagnostics));
    assert.match(diagnostics[0]?.message ?? '', /letters, digits and single hyphens/);
  });

  void it('offers the strategy\'s options inside options', async () => {
    const saml = await yamlCompletionLabels('name: s\nstrategy: samlp\noptions:\n  |');
    assert.ok(saml.includes('signInEndpoint'), `samlp offers signInEndpoint (got ${saml.length} items)`);
    assert.ok(!saml.includes('passwordPolicy'));
    const google = await yamlCompletionLabels('name: g\nstrategy: google-oauth2\noptions:\n  |');
    assert.ok(google.includes('client_id'));
    assert.ok(!google.includes('passwordPolicy'));
    const database = await yamlCompletionLabels('name: d\nstrategy: auth0\noptions:\n  |');
    assert.ok(database.includes('passwordPolicy'));
    const missing = await yamlCompletionLabels('name: x\noptions:\n  |');
    assert.ok(missing.includes('passwordPolicy'));
  });

  void it('offers each root key once and the spec\'s listed values for a per-strategy option', async () => {
    const root = await yamlCompletionLabels('name: s\nstrategy: samlp\n|');
    assert.equal(root.filter((label) => label === 'options').length, 1, root.join(' '));
    const values = await yamlCompletionLabels('name: s\nstrategy: samlp\noptions:\n  signatureAlgorithm: |\n');
    assert.ok(values.includes('rsa-sha256'), values.join(' '));
  });

  void it('hovers without escaped punctuation', async () => {
    const hover = await yamlHover('name: x\nstrategy: auth0\nis_domain_|connection: true\n');
    // Starts with the description itself: no title heading repeated over every hover.
    assert.match(hover, /^`true` promotes/);
    assert.doesNotMatch(hover, /\\[_.()#-]/);
  });

  void it('does not flag $schema', async () => {
    const diagnostics = await yamlDiagnostics('$schema: ./connection.schema.json\nname: x\nstrategy: auth0\n');
    assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
  });
});

void describe('recorded acceptances (scripts/schema/recordedAcceptances.ts)', () => {
  const strict = generated.strategyOptions.definitions;
  const vendoredPrimary = loadPrimarySpec();
  const vendoredPerStrategy = loadPerStrategySpec();

  void it('each relaxes a constraint the vendored spec has, and names its evidence', () => {
    for (const acceptance of RECORDED_ACCEPTANCES) {
      assert.match(acceptance.evidence, /recorded|corpus/, acceptance.component);
      // Applied alone, it changes the component; the vendored documents are left as they were.
      const before = JSON.stringify(vendoredPerStrategy.components.schemas[acceptance.component] ?? vendoredPrimary.components.schemas[acceptance.component]);
      const { primary, perStrategy } = withRecordedAcceptances(vendoredPrimary, vendoredPerStrategy, [acceptance]);
      const after = JSON.stringify(perStrategy.components.schemas[acceptance.component] ?? primary.components.schemas[acceptance.component]);
      assert.notEqual(after, before, acceptance.component);
      const unchanged = JSON.stringify(vendoredPerStrategy.components.schemas[acceptance.component] ?? vendoredPrimary.components.schemas[acceptance.component]);
      assert.equal(unchanged, before, `${acceptance.component}: the vendored spec is not modified`);
    }
  });

  void it('reach the generated data: the lengths, patterns, values and keys the API took', () => {
    assert.deepEqual(strict['ConnectionClientIdLinkedin'], { type: 'string' });
    assert.deepEqual(strict['ConnectionTwilioSidSMS'], { type: 'string' });
    assert.deepEqual((strict['ConnectionMappingModeEnumOIDC'] as Schema)['enum'], ['bind_all', 'use_map', 'basic_profile']);
    assert.deepEqual((strict['ConnectionSignatureMethodOAuth1'] as Schema)['enum'], ['RSA-SHA1', 'HMAC-SHA1']);
    const username = definition('UsernameAttributeIdentifier');
    assert.equal(username['additionalProperties'], false, 'still closed');
    assert.ok((username['properties'] as Schema)['default_method'], 'but takes default_method (recorded 077)');
  });

  void it('fail generation once the spec no longer has what they relax', () => {
    assert.throws(
      () => withRecordedAcceptances(vendoredPrimary, vendoredPerStrategy, [
        { spec: 'per-strategy', component: 'ConnectionClientIdLine', relaxation: { change: 'not-required', property: 'client_id' }, evidence: 'recorded' },
      ]),
      /ConnectionClientIdLine: the spec no longer requires client_id; remove the entry/,
    );
    assert.throws(
      () => withRecordedAcceptances(vendoredPrimary, vendoredPerStrategy, [
        { spec: 'primary', component: 'NoSuchComponent', relaxation: { change: 'drop-keywords', keywords: ['pattern'] }, evidence: 'recorded' },
      ]),
      /has no such component/,
    );
  });
});
