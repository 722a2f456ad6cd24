/**
 * The four large benchmark documents, built instead of committed (about 1 MB each). They are byte for byte the files
 * the benchmark was first run on, and that the peer figures in README.md were measured on; EXPECTED_SHA256 pins them
 * and a unit test checks the build still gives them, so figures stay comparable from run to run.
 *
 * `npx tsx bench/documents/generate.ts [folder]` writes them to disk (default `.cache/bench-documents/`, git-ignored)
 * to open them in an editor or check them with sha256sum; the benchmark and the tests build them in memory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';

export const GENERATED_DOCUMENT_NAMES = ['large.json', 'large.yaml', 'tenant.json', 'tenant.yaml'] as const;
export type GeneratedDocumentName = (typeof GENERATED_DOCUMENT_NAMES)[number];

/** sha256 of each document (as written to disk: UTF-8). */
export const EXPECTED_SHA256: Record<GeneratedDocumentName, string> = {
  'large.json': 'f68fdfe481de515ada02d970203ceac41b463aed4b68393051465996dfd997fc',
  'large.yaml': '3ba2e1176dccfea7f3a1932cff3eadab25ec1b8d02ca72ef829097ee17ac50d3',
  'tenant.json': '8f56b7218156700bca1f0e8130da93441728a3f9b6c9cde9964b92310895cca1',
  'tenant.yaml': '0d9c5704cf03932599a1035ca40778d0dfbaa3ca3f6053954863e411cdfb9ffa',
};

export function isGeneratedDocument(name: string): name is GeneratedDocumentName {
  return (GENERATED_DOCUMENT_NAMES as readonly string[]).includes(name);
}

/**
 * The strategies tenant.* cycles through: the Management API's `strategy` enum as it was when the documents were
 * first made. Kept here rather than read from schemas/ so that a schema update does not change the benchmark's input.
 */
const TENANT_STRATEGIES = [
  'ad', 'adfs', 'amazon', 'apple', 'dropbox', 'bitbucket', 'auth0-oidc', 'auth0', 'baidu', 'bitly', 'box', 'custom',
  'daccount', 'dwolla', 'email', 'evernote-sandbox', 'evernote', 'exact', 'facebook', 'fitbit', 'github', 'google-apps',
  'google-oauth2', 'instagram', 'ip', 'line', 'linkedin', 'oauth1', 'oauth2', 'office365', 'oidc', 'okta', 'paypal',
  'paypal-sandbox', 'pingfederate', 'planningcenter', 'salesforce-community', 'salesforce-sandbox', 'salesforce',
  'samlp', 'sharepoint', 'shopify', 'shop', 'sms', 'soundcloud', 'thirtysevensignals', 'twitter', 'untappd',
  'vkontakte', 'waad', 'weibo', 'windowslive', 'wordpress', 'yahoo', 'yandex',
];
const PASSWORD_POLICIES = ['none', 'low', 'fair', 'good', 'excellent'];
const TENANT_CONNECTIONS = 2_000;
const LARGE_CONFIGURATION_KEYS = 11_000;

/** typical.json with 11,000 keys in `options.configuration`: one big mapping, the worst case of a duplicate-key check. */
function largeBody(): Record<string, unknown> {
  const typical = JSON.parse(readFileSync(join(__dirname, 'typical.json'), 'utf8')) as { options: Record<string, unknown> };
  const configuration: Record<string, string> = {};
  for (let i = 0; i < LARGE_CONFIGURATION_KEYS; i++) {
    configuration[`SETTING_${String(i).padStart(6, '0')}_KEY`] = `value-${i}-${'x'.repeat(40 + (i % 17))}`;
  }
  return { ...typical, name: 'acme-large-config', options: { ...typical.options, configuration } };
}

/** A deploy-cli style tenant file: every fourth connection a database, the others cycling through the strategies. */
function tenantBody(): Record<string, unknown> {
  const connections = Array.from({ length: TENANT_CONNECTIONS }, (_, i) => {
    const strategy = i % 4 === 0 ? 'auth0' : (TENANT_STRATEGIES[i % TENANT_STRATEGIES.length] as string);
    const options =
      strategy === 'auth0'
        ? {
            passwordPolicy: PASSWORD_POLICIES[i % PASSWORD_POLICIES.length],
            password_complexity_options: { min_length: 8 + (i % 8) },
            brute_force_protection: true,
            precedence: ['email', 'username', 'phone_number'],
            attributes: { email: { identifier: { active: true }, signup: { status: 'required', verification: { active: true } } } },
          }
        : { client_id: `oauth-client-${i}`, scope: ['openid', 'profile', 'email'], set_user_root_attributes: 'on_first_login' };
    return {
      name: `conn-${String(i).padStart(4, '0')}-${strategy.replaceAll('-', '')}`,
      strategy,
      enabled_clients: [`client-app-${i % 37}`, `client-app-${(i * 7) % 37}`],
      is_domain_connection: false,
      realms: [`realm-${i}`],
      metadata: { owner: `team-${i % 11}`, tier: i % 3 === 0 ? 'gold' : 'silver' },
      options,
    };
  });
  return { connections };
}

const built = new Map<GeneratedDocumentName, string>();

/** The document's text, built once per process. */
export function generateDocument(name: GeneratedDocumentName): string {
  let text = built.get(name);
  if (text === undefined) {
    const body = name.startsWith('large.') ? largeBody() : tenantBody();
    text = name.endsWith('.json') ? `${JSON.stringify(body, null, 2)}\n` : toYaml(body);
    built.set(name, text);
  }
  return text;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

if (require.main === module) {
  const target = resolve(process.argv[2] ?? resolve(__dirname, '../../.cache/bench-documents'));
  mkdirSync(target, { recursive: true });
  for (const name of GENERATED_DOCUMENT_NAMES) {
    const text = generateDocument(name);
    writeFileSync(join(target, name), text);
    const actual = sha256(text);
    const expected = actual === EXPECTED_SHA256[name];
    if (!expected) process.exitCode = 1;
    console.log(`${join(target, name)}  ${actual}  ${expected ? 'as expected' : `EXPECTED ${EXPECTED_SHA256[name]}`}`);
  }
}
