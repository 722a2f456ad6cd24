/**
 * The shape of a deploy-cli document: which nodes are connection bodies (the items of `connections:` and
 * `databases:` in a tenant file, the whole of a directory-format file), what strategy each has (a database item
 * without one is `auth0`, as deploy-cli's schema default makes it), and which values are paths to files deploy-cli
 * reads (database custom scripts, the passwordless email body), resolved as deploy-cli resolves them.
 */
import type { DeployCliLayout } from '../../common/deployCliFiles';
import type { BodyNode, ObjectNode, ParsedBody, ScalarNode } from '../tree/bodyTree';
import { getProperty, stringValue } from '../tree/navigate';
import { dirnameOf, joinPath, resolvePath } from './paths';

export type DeployCliItemKind = 'connection' | 'database';

export interface DeployCliItem {
  kind: DeployCliItemKind;
  node: ObjectNode;
  /** Where it sits, for messages: `connections[1]`, `databases[0]`; undefined for a directory-format file. */
  label: string | undefined;
  /** Its `strategy` when it is a string, else `auth0` for a database item. */
  strategy: string | undefined;
  /** True when the item has no `strategy` and `auth0` is implied (database items). */
  impliedStrategy: boolean;
}

/** deploy-cli's database script names (constants.DATABASE_SCRIPTS); the directory format loads only these. */
export const DATABASE_SCRIPT_NAMES: readonly string[] = ['get_user', 'create', 'verify', 'login', 'change_password', 'delete', 'change_email'];

const TENANT_LISTS: ReadonlyArray<readonly [string, DeployCliItemKind]> = [
  ['databases', 'database'],
  ['connections', 'connection'],
];

/** The connection bodies of a deploy-cli document, in document order. */
export function deployCliItems(parsed: ParsedBody, layout: DeployCliLayout): DeployCliItem[] {
  const root = parsed.root;
  if (root?.kind !== 'object') return [];
  if (layout === 'connection-file') return [itemOf(root, 'connection', undefined)];
  if (layout === 'database-file') return [itemOf(root, 'database', undefined)];
  const items: DeployCliItem[] = [];
  for (const [list, kind] of TENANT_LISTS) {
    const value = getProperty(root, list)?.value;
    if (value?.kind !== 'array') continue;
    value.items.forEach((node, index) => {
      if (node.kind === 'object') items.push(itemOf(node, kind, `${list}[${index}]`));
    });
  }
  return items.sort((a, b) => a.node.offset - b.node.offset);
}

function itemOf(node: ObjectNode, kind: DeployCliItemKind, label: string | undefined): DeployCliItem {
  const own = stringValue(getProperty(node, 'strategy')?.value);
  const implied = kind === 'database' && getProperty(node, 'strategy') === undefined;
  return { kind, node, label, strategy: implied ? 'auth0' : own, impliedStrategy: implied };
}

/** A value deploy-cli reads as the path of a file whose text it sends instead. */
export interface FileReference {
  node: ScalarNode;
  /** The path as written. */
  written: string;
  /** Where it stands in the item (`options.customScripts.login`, `customScripts.login`, `options.email.body`). */
  path: Array<string | number>;
  /** Resolved as deploy-cli resolves it (forward slashes). */
  resolved: string;
  purpose: 'custom-script' | 'email-template';
  /** The custom script's name (`login`, `get_user`, ...). */
  scriptName?: string;
}

/**
 * The file references of an item in a document at `documentPath` (a forward-slash absolute path):
 * `options.customScripts.<name>` of database items (directory format: also a top-level `customScripts`, which
 * deploy-cli moves into options; only deploy-cli's script names, the others it skips) against the tenant file's folder
 * or the database's folder; `options.email.body` of `email` connections against `<tenant folder>/connections/` or the
 * connections folder.
 */
export function fileReferences(item: DeployCliItem, layout: DeployCliLayout, documentPath: string): FileReference[] {
  const folder = dirnameOf(documentPath);
  const references: FileReference[] = [];
  const options = getProperty(item.node, 'options')?.value;
  if (item.kind === 'database') {
    const scriptMaps = [{ scripts: getProperty(options, 'customScripts')?.value, at: ['options', 'customScripts'] }];
    if (layout === 'database-file') scriptMaps.push({ scripts: getProperty(item.node, 'customScripts')?.value, at: ['customScripts'] });
    for (const { scripts, at } of scriptMaps) {
      if (scripts?.kind !== 'object') continue;
      for (const property of scripts.properties) {
        if (layout === 'database-file' && !DATABASE_SCRIPT_NAMES.includes(property.key)) continue;
        const reference = referenceAt(property.value, [...at, property.key], folder, 'custom-script');
        if (reference) references.push({ ...reference, scriptName: property.key });
      }
    }
  }
  if (item.strategy === 'email') {
    const body = getProperty(getProperty(options, 'email')?.value, 'body')?.value;
    const connectionsFolder = layout === 'tenant' ? joinPath(folder, 'connections') : folder;
    const reference = referenceAt(body, ['options', 'email', 'body'], connectionsFolder, 'email-template');
    if (reference) references.push(reference);
  }
  return references;
}

function referenceAt(node: BodyNode | undefined, path: Array<string | number>, folder: string, purpose: FileReference['purpose']): FileReference | undefined {
  if (node?.kind !== 'string' || typeof node.value !== 'string' || node.value.trim() === '') return undefined;
  return { node, written: node.value, path, resolved: resolvePath(folder, node.value), purpose };
}
