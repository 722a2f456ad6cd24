/**
 * Decides, per open document, whether we serve it, with which language mode, and through which features: a
 * connection file (by name, `$schema`, modeline or the `files` setting) answers from its mode; an auth0-deploy-cli
 * file (tenant.yaml, the directory layout, see common/deployCliFiles.ts) answers through its keyword view and items.
 * Parsed trees are cached by the modes and the deploy-cli documents by uri + version, so validation, completion and
 * code actions on one version share one parse.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DeployCliLayout } from '../../common/deployCliFiles';
import { ConnectionFileMatcher, documentFormat, type ConnectionFileMatch } from '../../common/fileMatching';
import type { DocumentFormat } from '../../engine/index';
import type { LanguageMode } from '../../languages/index';
import { connectionFileFeatures } from './features/connectionFileFeatures';
import { deployCliFeatures, documentPath, type DeployCliServing } from './features/deployCliFeatures';
import type { DocumentFeatures } from './features/documentFeatures';

export interface ServedDocument {
  document: TextDocument;
  /** The language mode of its format (structure requests: outline, folding, selection). */
  mode: LanguageMode;
  match: ConnectionFileMatch;
  /** Set for an auth0-deploy-cli file: which of its layouts. */
  deployCli?: DeployCliLayout;
  /** Every request that reads the document's meaning goes through here (positions translated for deploy-cli files). */
  features: DocumentFeatures;
}

export class DocumentRegistry {
  #matcher = new ConnectionFileMatcher();
  /**
   * The answer of `serve` per open document, for its version and the settings and files it was given under: every
   * request asks (code actions on each cursor move), and answering parses uris, matches globs and may look at disk.
   */
  readonly #served = new Map<string, { version: number; generation: number; served: ServedDocument | undefined }>();
  /** Bumped whenever an answer may change for the same text: settings, workspace folders, files on disk. */
  #generation = 0;
  readonly #modes: Record<DocumentFormat, LanguageMode>;
  readonly #deployCli: DeployCliServing;

  constructor(modes: Record<DocumentFormat, LanguageMode>, deployCli: DeployCliServing) {
    this.#modes = modes;
    this.#deployCli = deployCli;
  }

  configure(extraPatterns: readonly string[], workspaceFolderUris: readonly string[], deployCliConfig = ''): void {
    const folders = workspaceFolderUris.map((uri) => URI.parse(uri).path);
    this.#matcher = new ConnectionFileMatcher(extraPatterns, folders);
    this.#deployCli.workspace.configure(deployCliConfig, workspaceFolderUris.flatMap((uri) => documentPath(uri) ?? []));
    this.#generation++;
  }

  /** Path globs of the connection files served by name or setting (formatting is registered for these). */
  get pathPatterns(): readonly string[] {
    return this.#matcher.pathPatterns;
  }

  /** The served view of a document, or undefined when it is neither a connection file nor a deploy-cli file. */
  serve(document: TextDocument): ServedDocument | undefined {
    const known = this.#served.get(document.uri);
    if (known?.version === document.version && known.generation === this.#generation && (known.served?.document ?? document) === document) return known.served;
    const served = this.#serveNow(document);
    this.#served.set(document.uri, { version: document.version, generation: this.#generation, served });
    return served;
  }

  #serveNow(document: TextDocument): ServedDocument | undefined {
    const path = URI.parse(document.uri).path;
    const format = documentFormat(path, document.languageId);
    if (!format) return undefined;
    const mode = this.#modes[format];
    const match = this.#matcher.match(path, document.getText(), format);
    if (match.reason !== 'file name' && match.reason !== '$schema' && match.reason !== 'modeline') {
      const layout = this.#deployCli.workspace.layoutOf(documentPath(document.uri) ?? path, document.getText(), format, match.reason === 'setting');
      if (layout) {
        return {
          document,
          mode,
          match: { isConnectionFile: true, reason: layout === 'tenant' ? 'deploy-cli tenant file' : 'deploy-cli directory layout' },
          deployCli: layout,
          features: deployCliFeatures(document, mode, layout, this.#deployCli),
        };
      }
    }
    return match.isConnectionFile ? { document, mode, match, features: connectionFileFeatures(document, mode) } : undefined;
  }

  /** Files changed on disk: scripts and templates may exist now, a folder may have become a deploy-cli repository. */
  filesChanged(): void {
    this.#deployCli.workspace.invalidate();
    this.#generation++;
  }

  forget(uri: string): void {
    this.#served.delete(uri);
    for (const mode of Object.values(this.#modes)) mode.onDocumentRemoved(uri);
    this.#deployCli.documents.onDocumentRemoved(uri);
  }
}
