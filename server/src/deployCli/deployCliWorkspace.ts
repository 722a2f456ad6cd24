/**
 * What the server reads from disk for deploy-cli files (the engine stays free of the file system): whether a
 * folder is a deploy-cli repository, which config holds the keyword mappings (the `deployCli.config` setting, else
 * the nearest config.json with AUTH0_KEYWORD_REPLACE_MAPPINGS up the tree; an open, unsaved config counts as
 * written), and whether a file a document names exists. Answers about folders (and their mappings) are cached until
 * files change: a config.json edited in the editor or changed on disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { deployCliLayoutOf, RepositoryRoots, type DeployCliLayout } from '../../../common/deployCliFiles';
import { dirnameOf, lookUpMappings, resolvePath, type KeywordMappings } from '../../../engine/index';
import type { DeployCliContext } from '../../../languages/index';
import type { Logger } from '../utils/runner';

/** Text of an open document by its path, when it is open (unsaved edits count). */
export type OpenText = (path: string) => string | undefined;

export class DeployCliWorkspace {
  readonly #openText: OpenText;
  readonly #logger: Logger;
  readonly #roots = new RepositoryRoots((root, name) => existsSync(`${root}/${name}`), (root) => this.#mappingsFor(root) !== undefined);
  #configSetting = '';
  #folders: readonly string[] = [];
  /**
   * Mappings found per folder (key: the folder, '' for none): every request on a deploy-cli file asks (code actions on
   * each cursor move), and finding them walks up the tree reading config files. Cleared with the folder answers.
   */
  readonly #mappings = new Map<string, KeywordMappings | undefined>();
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
    this.#mappings.clear();
  }

  /** The deploy-cli layout of a document (see common/deployCliFiles.ts); `bySetting`: the `files` setting names it. */
  layoutOf(path: string, text: string, format: 'json' | 'yaml', bySetting: boolean): DeployCliLayout | undefined {
    return deployCliLayoutOf(path, text, format, bySetting, (root) => this.#roots.is(root));
  }

  /** The context a deploy-cli document is checked in: its mappings (read now) and the file system. */
  contextFor(path: string | undefined, layout: DeployCliLayout): DeployCliContext {
    return { layout, path, mappings: this.#mappingsFor(path === undefined ? undefined : dirnameOf(path)), fileExists };
  }

  #mappingsFor(folder: string | undefined): KeywordMappings | undefined {
    const key = folder ?? '';
    if (!this.#mappings.has(key)) this.#mappings.set(key, this.#lookUpMappings(folder));
    return this.#mappings.get(key);
  }

  #lookUpMappings(folder: string | undefined): KeywordMappings | undefined {
    const configPath = this.#configSetting === '' ? undefined : resolvePath(this.#folders[0] ?? '/', this.#configSetting);
    if (folder === undefined && configPath === undefined) return undefined;
    const start = folder ?? '/';
    const stopAt = this.#folders.find((root) => start === root || start.startsWith(`${root}/`));
    const found = lookUpMappings({ folder: start, readText: (path) => this.#read(path), configPath, stopAt, env: process.env });
    if (found.problem) this.#logOnce(found.problem.path, `Keyword mappings of ${found.problem.path} are not used: ${found.problem.message}.`);
    return found.mappings;
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
