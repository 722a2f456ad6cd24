/**
 * Secrets written in clear. Connection files are made to be committed (deploy-cli, Terraform, source-control
 * extensions), and corpus 50 shows a real client secret that was. Information only: Auth0 accepts the body, and the
 * file may be a local scratch copy; the note says what to do.
 */
import type { BodyNode } from '../tree/bodyTree';
import type { Finding } from '../findings';
import { findingAt, type RuleDefinition } from './ruleContext';

/** Keys whose string value is a credential wherever they appear (client secrets, provider tokens). */
const SECRET_KEYS: readonly string[] = ['client_secret', 'app_secret', 'twilio_token', 'admin_access_token', 'admin_refresh_token'];

/** Parent key -> child key pairs that hold a secret or a private key. */
const SECRET_CHILD_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['gateway_authentication', 'secret'],
  ['signing_key', 'key'],
  ['decryptionKey', 'key'],
];

const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * Values that stand for a secret instead of being one: deploy-cli keywords (`##KEY##`, `@@KEY@@`), environment
 * references (`${KEY}`) and template variables (`{{ key }}`). Substituted at deploy time, so nothing leaks.
 */
const PLACEHOLDER = /^\s*(##[^#\s]+##|@@[^@\s]+@@|\$\{[^}]+\}|\{\{[^}]+\}\})\s*$/;

function isSecretLocation(parentKey: string | undefined, key: string): boolean {
  return SECRET_KEYS.includes(key) || SECRET_CHILD_KEYS.some(([parent, child]) => parent === parentKey && child === key);
}

interface WalkEntry {
  node: BodyNode;
  key: string;
  parent: WalkEntry | undefined;
}

function pathOf(entry: WalkEntry): string {
  const keys: string[] = [];
  for (let current: WalkEntry | undefined = entry; current?.parent; current = current.parent) keys.push(current.key);
  return keys.reverse().join('.');
}

const clearTextSecret: RuleDefinition = {
  code: 'clear-text-secret',
  severity: 'information',
  summary: 'A client secret, provider token or private key written in clear in the file.',
  check: ({ root }) => {
    const findings: Finding[] = [];
    // Iterative walk with parent links: a deeply nested document must neither exhaust the stack nor copy paths.
    const pending: WalkEntry[] = [{ node: root, key: '', parent: undefined }];
    while (pending.length > 0) {
      const entry = pending.pop() as WalkEntry;
      const { node } = entry;
      if (node.kind === 'object') {
        for (const property of node.properties) {
          if (property.value) pending.push({ node: property.value, key: property.key, parent: entry });
        }
      } else if (node.kind === 'array') {
        node.items.forEach((item, index) => pending.push({ node: item, key: String(index), parent: entry }));
      } else if (node.kind === 'string') {
        const value = String(node.value);
        if (value.trim() === '' || PLACEHOLDER.test(value)) continue;
        const isPrivateKey = PRIVATE_KEY_PEM.test(value);
        // `decryptionKey` may also be the PEM string itself.
        if (!isSecretLocation(entry.parent?.key, entry.key) && !isPrivateKey && entry.key !== 'decryptionKey') continue;
        const what = isPrivateKey ? 'A private key' : 'A secret';
        findings.push(
          findingAt(
            clearTextSecret,
            { offset: node.offset, length: node.length },
            `${what} is written in clear in ${pathOf(entry)}. Files like this tend to be committed: substitute it at deploy time ` +
              '(e.g. a deploy-cli keyword or an environment variable) and rotate it if this file was ever shared.',
          ),
        );
      }
    }
    return findings.sort((a, b) => a.offset - b.offset);
  },
};

export const secretRules: readonly RuleDefinition[] = [clearTextSecret];
