/**
 * What `validate` reads from disk for auth0-deploy-cli repositories: which files are deploy-cli's (tenant.yaml, the
 * directory layout of a folder that is a deploy-cli repository; see common/deployCliFiles.ts), the keyword mappings
 * (`--config`, else the nearest config.json holding AUTH0_KEYWORD_REPLACE_MAPPINGS, plus the environment, as a0deploy
 * adds it), and whether the scripts and templates the files name exist. The checks themselves are the editor's
 * (languages/ DeployCliDocuments), so the CLI reports the same codes at the same positions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { deployCliLayoutOf, looksLikeTenantDocument, RepositoryRoots, type DeployCliLayout } from '../common/deployCliFiles';
import { dirnameOf, lookUpMappings, type KeywordMappings } from '../engine/index';
import type { DeployCliContext } from '../languages/index';
import { UsageError } from './exitCodes';

/** A path as deploy-cli's resolution takes it: forward slashes. */
export function forwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

export class DeployCliFiles {
  readonly #configPath: string | undefined;
  readonly #env: NodeJS.ProcessEnv;
  readonly #mappings = new Map<string, KeywordMappings | undefined>();
  readonly #roots = new RepositoryRoots((root, name) => existsSync(`${root}/${name}`), (root) => this.#mappingsFor(root) !== undefined);

  /** `configPath`: the `--config` file (absolute); it must hold the mappings, or this throws a usage error. */
  constructor(configPath: string | undefined, env: NodeJS.ProcessEnv) {
    this.#configPath = configPath === undefined ? undefined : forwardSlashes(configPath);
    this.#env = env;
    if (this.#configPath !== undefined) {
      const found = lookUpMappings({ folder: dirnameOf(this.#configPath), readText, configPath: this.#configPath, env });
      if (found.problem) throw new UsageError(`--config ${configPath}: ${found.problem.message}; it should hold AUTH0_KEYWORD_REPLACE_MAPPINGS.`);
    }
  }

  /**
   * The deploy-cli layout of a file by its place, or, for a file named on the command line (`explicit`), also by its
   * content: a YAML or JSON file whose top level lists `connections:` or `databases:` (deploy-cli's YAML file may
   * have any name).
   */
  layoutOf(absolutePath: string, format: 'json' | 'yaml', explicitText?: string): DeployCliLayout | undefined {
    const path = forwardSlashes(absolutePath);
    const layout = deployCliLayoutOf(path, '', format, false, (root) => this.#roots.is(root));
    if (layout || explicitText === undefined) return layout;
    return looksLikeTenantDocument(explicitText, format) ? 'tenant' : undefined;
  }

  contextFor(absolutePath: string, layout: DeployCliLayout): DeployCliContext {
    const path = forwardSlashes(absolutePath);
    return { layout, path, mappings: this.#mappingsFor(dirnameOf(path)), fileExists };
  }

  #mappingsFor(folder: string): KeywordMappings | undefined {
    // Once per folder: a run checks many files of one repository, and nothing changes during it.
    if (!this.#mappings.has(folder)) this.#mappings.set(folder, lookUpMappings({ folder, readText, configPath: this.#configPath, env: this.#env }).mappings);
    return this.#mappings.get(folder);
  }
}

function readText(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
