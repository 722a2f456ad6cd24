/**
 * The findings of a deploy-cli document beyond the schema: every connection item through the engine's own rules
 * (with the implied strategy of a database item, and the file's shape accepted where deploy-cli turns it into the API
 * body), the files deploy-cli must read, and the keywords it must replace.
 */
import type { DeployCliLayout } from '../../common/deployCliFiles';
import type { Finding } from '../findings';
import { runRules } from '../rules/index';
import type { BodyProperty, DocumentFormat, ObjectNode } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import { MAPPINGS_KEY, type KeywordMappings } from './config';
import { isKeywordName, type KeywordOccurrence } from './keywords';
import { basenameOf } from './paths';
import type { DeployCliItem, FileReference } from './shape';
import { lineStartOf } from '../tree/lines';

export const MISSING_FILE = 'missing-file';
export const UNMAPPED_KEYWORD = 'unmapped-keyword';
export const KEYWORD_FROM_ENVIRONMENT = 'keyword-from-environment';

/**
 * Top-level keys deploy-cli takes beside the API body and sends through endpoints of their own (its scimHandler
 * deletes them from the POST/PATCH body): what each one is, for the item schemas.
 */
export const DEPLOY_CLI_ITEM_PROPERTIES: Readonly<Record<string, string>> = {
  directory_provisioning_configuration:
    "deploy-cli: the connection's directory provisioning (Google Workspace), set through its own endpoint once the connection exists; never sent in the connection body.",
  scim_configuration: "deploy-cli: the connection's SCIM configuration, set through the SCIM endpoints; never sent in the connection body.",
};

/** The engine's rules over one item, its offsets those of the whole document. */
export function itemFindings(format: DocumentFormat, item: DeployCliItem, layout: DeployCliLayout): Finding[] {
  const root = item.impliedStrategy ? withStrategy(item.node, 'auth0') : item.node;
  const enabledClients = getProperty(item.node, 'enabled_clients');
  const rootScripts = layout === 'database-file' ? getProperty(item.node, 'customScripts') : undefined;
  const ownKeys = Object.keys(DEPLOY_CLI_ITEM_PROPERTIES).map((key) => getProperty(item.node, key));
  return runRules({ format, root, syntaxProblems: [], duplicateKeys: [] }).filter((finding) => {
    // deploy-cli never sends enabled_clients in the body: it enables the named applications through
    // PATCH /api/v2/connections/{id}/clients, which is what the deprecation asks for.
    if (finding.code === 'deprecated-property' && isKeyOf(enabledClients, finding)) return false;
    if (finding.code === 'missing-required' && finding.data?.['property'] === 'strategy' && item.kind === 'database') return false;
    // database.json may hold customScripts at its top level; deploy-cli moves it into options.
    if (finding.code === 'unknown-property' && isKeyOf(rootScripts, finding)) return false;
    if (finding.code === 'unknown-property' && ownKeys.some((property) => isKeyOf(property, finding))) return false;
    return true;
  });
}

function isKeyOf(property: BodyProperty | undefined, finding: Finding): boolean {
  return property !== undefined && finding.offset === property.keyOffset;
}

/** The item with `strategy` set (no text: offsets at the item's start, length 0), for rules that read the strategy. */
function withStrategy(node: ObjectNode, strategy: string): ObjectNode {
  const at = node.offset;
  const implied: BodyProperty = { key: 'strategy', keyOffset: at, keyLength: 0, value: { kind: 'string', offset: at, length: 0, value: strategy } };
  return { ...node, properties: [...node.properties, implied] };
}

/** A file deploy-cli must read that is not there: it stops the whole import at it ("Unable to load file ..."). */
export function missingFileFindings(references: readonly FileReference[], fileExists: (path: string) => boolean): Finding[] {
  return references
    .filter((reference) => !fileExists(reference.resolved))
    .map((reference) => ({
      code: MISSING_FILE,
      severity: 'error' as const,
      message:
        reference.purpose === 'custom-script'
          ? `The ${reference.scriptName ?? ''} script "${reference.written}" does not exist (${reference.resolved}): a0deploy stops the whole import at it.`
          : `The email template "${reference.written}" does not exist (${reference.resolved}; deploy-cli reads options.email.body as a path relative to the connections folder): a0deploy stops the whole import at it.`,
      offset: reference.node.offset,
      length: reference.node.length,
      data: { path: reference.resolved, purpose: reference.purpose, ...(reference.scriptName ? { scriptName: reference.scriptName } : {}) },
    }));
}

/** The keyword is the value of a key that names a secret (`client_secret: "##X##"`), as written in `text`. */
export function inSecretField(text: string, occurrence: KeywordOccurrence): boolean {
  const lineStart = lineStartOf(text, occurrence.offset);
  return /(secret|password|token|private_?key)["']?\s*:/i.test(text.slice(lineStart, occurrence.offset));
}

/** Key names that stand for a secret (deploy-cli's export writes `##CONNECTIONS_<STRATEGY>_SECRET##`). */
export function isSecretKeyword(key: string): boolean {
  return /(^|_)(SECRET|SECRETS|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIALS?|API_?KEY|KEY)(_|$)/.test(key);
}

/**
 * Every keyword the mappings do not resolve, at the keyword (source offsets): a warning saying what deploy-cli will do
 * with it, or, for a secret placeholder, a note that it is expected from the environment when a0deploy runs. Only
 * with mappings known: without a config every keyword is a placeholder.
 */
export function keywordFindings(
  occurrences: readonly KeywordOccurrence[],
  mappings: KeywordMappings,
  format: DocumentFormat,
  inSecretField: (occurrence: KeywordOccurrence) => boolean = () => false,
): Finding[] {
  const config = basenameOf(mappings.configPath);
  return occurrences
    .filter((occurrence) => isKeywordName(occurrence.key) && !Object.prototype.hasOwnProperty.call(mappings.values, occurrence.key))
    .map((occurrence) => {
      const text = `${occurrence.marker}${occurrence.key}${occurrence.marker}`;
      const missing = `${text} is not in ${MAPPINGS_KEY} (${config})`;
      const range = { offset: occurrence.offset, length: occurrence.length, data: { key: occurrence.key } };
      if (isSecretKeyword(occurrence.key) || inSecretField(occurrence)) {
        return {
          code: KEYWORD_FROM_ENVIRONMENT,
          severity: 'information' as const,
          message:
            `${missing}: a secret placeholder, to be supplied from the environment variable ${occurrence.key} when a0deploy runs ` +
            '(it adds the environment to the mappings unless run with --env=false). Unset, deploy-cli will send it literally.',
          ...range,
        };
      }
      return { code: UNMAPPED_KEYWORD, severity: 'warning' as const, message: `${missing}: ${consequence(occurrence, format)}`, ...range };
    });
}

function consequence(occurrence: KeywordOccurrence, format: DocumentFormat): string {
  if (occurrence.bare && occurrence.marker === '##' && format === 'yaml') {
    return 'deploy-cli will leave it as written, and YAML reads it as a comment, so the value is empty (null).';
  }
  if (occurrence.bare) {
    return `deploy-cli will leave it as written, which is not valid ${format === 'json' ? 'JSON' : 'YAML'}: the import stops there.`;
  }
  if (occurrence.wholeValue) {
    return 'deploy-cli will send it literally (a0deploy 8.42 and later leave a property holding only an unmapped keyword out of the request instead).';
  }
  return 'deploy-cli will send it literally.';
}
