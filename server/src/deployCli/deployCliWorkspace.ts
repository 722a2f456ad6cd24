/**
 * What the server reads from disk for deploy-cli files (the engine stays free of the file system): whether a
 * folder is a deploy-cli repository, which config holds the keyword mappings (the `deployCli.config` setting, else
 * the nearest config.json with AUTH0_KEYWORD_REPLACE_MAPPINGS up the tree; an open, unsaved config counts as
 * written), and whether a file a document names exists. Answers about folders are cached until files change.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  directoryLayoutOf,
  isTenantFileName,
  looksLikeDeployCliRoot,
  looksLikeTenantDocument,
  type DeployCliLayout,
} from '../../../common/deployCliFiles';
import { dirnameOf, effectiveMappings, findConfig, readConfigText, resolvePath, type KeywordMappings } from '../../../engine/index';
import type { DeployCliContext } from '../../../languages/index';
import type { Logger } from '../utils/runner';

/** Text of an open document by its path, when it is open (unsaved edits count). */
export type OpenText = (path: string) => string | undefined;

export class DeployCliWorkspace {
  readonly #openText: OpenText;
  readonly #logger: Logger;
  readonly #roots = new Map<string, boolean>();
  #configSetting = '';
  #folders: readonly string[] = [];
  /** Config problems already logged, so that a broken config is said once, not on every validation. */
  readonly #logged = new Set<string>();

  constructor(openText: OpenText, logger: Logger) {
    this.#openText = openText;
    this.#logger = logger;
  }

  /** The `deployCli.config` setting (absolute, or relative to the first workspace folder) and the workspace folders. */
  configure(configSetting: string, folders: readonly string[]): void {
    this.#configSetting = configSetting.trim();
    this.#folders = folders.map((folder) => folder.replace(/\/+$/, '') || '/');
    this.invalidate();
  }

  /** Files changed on disk: folder answers may have changed. */
  invalidate(): void {
    this.#roots.clear();
  }

  /**
   * The deploy-cli layout of a document, or undefined when it is not a deploy-cli file (see common/deployCliFiles.ts).
   * `bySetting`: the `files` setting names the document.
   */
  layoutOf(path: string, text: string, format: 'json' | 'yaml', bySetting: boolean): DeployCliLayout | undefined {
    if (format === 'yaml' && isTenantFileName(path)) return 'tenant';
    const directory = format === 'json' ? directoryLayoutOf(path) : undefined;
    if (directory && (bySetting || this.#isRepositoryRoot(directory.root))) return directory.layout;
    if (bySetting && looksLikeTenantDocument(text, format)) return 'tenant';
    return undefined;
  }

  #isRepositoryRoot(root: string): boolean {
    let known = this.#roots.get(root);
    if (known === undefined) {
      known = looksLikeDeployCliRoot((name) => existsSync(`${root}/${name}`)) || this.#configFor(root) !== undefined;
      this.#roots.set(root, known);
    }
    return known;
  }

  /** The context a deploy-cli document is checked in: its mappings (read now) and the file system. */
  contextFor(path: string | undefined, layout: DeployCliLayout): DeployCliContext {
    return { layout, path, mappings: path === undefined ? this.#settingMappings() : this.#configFor(dirnameOf(path)), fileExists };
  }

  #configFor(folder: string): KeywordMappings | undefined {
    const fromSetting = this.#settingMappings();
    if (fromSetting || this.#configSetting !== '') return fromSetting;
    const stopAt = this.#folders.find((root) => folder === root || folder.startsWith(`${root}/`));
    const found = findConfig(folder, (path) => this.#read(path), stopAt);
    if (!found) return undefined;
    if (!found.read.ok) {
      this.#logOnce(found.path, `Keyword mappings in ${found.path} are ignored: ${found.read.message}.`);
      return undefined;
    }
    return effectiveMappings(found.path, found.read.values, process.env);
  }

  #settingMappings(): KeywordMappings | undefined {
    if (this.#configSetting === '') return undefined;
    const path = resolvePath(this.#folders[0] ?? '/', this.#configSetting);
    const text = this.#read(path);
    const read = text === undefined ? undefined : readConfigText(text);
    if (!read?.ok) {
      this.#logOnce(path, `The auth0Connections.deployCli.config setting names ${path}, which ${read ? read.message : 'cannot be read'}.`);
      return undefined;
    }
    return effectiveMappings(path, read.values, process.env);
  }

  #read(path: string): string | undefined {
    const open = this.#openText(path);
    if (open !== undefined) return open;
    try {
      return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  #logOnce(key: string, message: string): void {
    if (this.#logged.has(key)) return;
    this.#logged.add(key);
    this.#logger.error(message);
  }
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

