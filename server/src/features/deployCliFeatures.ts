/**
 * A deploy-cli file (tenant.yaml, the directory layout's connection and database files): every feature through
 * DeployCliDocuments, in the context read now (its keyword mappings, the files it names). Formatting is refused for
 * a file whose keywords are replaced: edits computed on the replaced text cannot be put back safely.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DeployCliLayout } from '../../../common/deployCliFiles';
import { basenameOf, customScriptTemplate, emailTemplate, MISSING_FILE, type DocumentFormat } from '../../../engine/index';
import type { DeployCliContext, DeployCliDocuments, LanguageMode } from '../../../languages/index';
import type { DeployCliWorkspace } from '../deployCli/deployCliWorkspace';
import type { Logger } from '../utils/runner';
import { offsetDiagnostics, toCodeActions } from './codeActions';
import type { DocumentFeatures } from './documentFeatures';

/** What serving deploy-cli files needs, built once per server. */
export interface DeployCliServing {
  documents: DeployCliDocuments;
  workspace: DeployCliWorkspace;
  logger: Logger;
  /** True when the client applies workspace edits that create files. */
  canCreateFiles(): boolean;
}

/** The document's path as deploy-cli would see it (forward slashes), or undefined for an unsaved document. */
export function documentPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath.replace(/\\/g, '/') : undefined;
}

export function deployCliFeatures(
  document: TextDocument,
  mode: LanguageMode,
  layout: DeployCliLayout,
  serving: DeployCliServing,
): DocumentFeatures {
  const { documents, workspace, logger } = serving;
  const format: DocumentFormat = mode.format;
  const path = documentPath(document.uri);
  const context = (): DeployCliContext => workspace.contextFor(path, layout);
  return {
    validate: () => documents.validate(document, format, context()),
    complete: (position) => documents.complete(document, format, context(), position),
    hover: (position) => documents.hover(document, format, context(), position),
    codeActions: (diagnostics) => {
      if (diagnostics.length === 0) return [];
      const fixes = documents.quickFixes(document, format, context(), offsetDiagnostics(document, diagnostics));
      return [...toCodeActions(document, diagnostics, fixes), ...(serving.canCreateFiles() ? createFileActions(diagnostics) : [])];
    },
    format: async (range, options) => {
      if (!documents.analysis(document, format, context()).substitution.map.isIdentity) {
        logger.info(`Not formatting ${document.uri}: its deploy-cli keywords are replaced when it is checked, and edits made on that text cannot be put back safely.`);
        return [];
      }
      return mode.formatDocument(document, range, options);
    },
    statusName: () => statusName(documents, document, format, context()),
    // The mode's preparation is for completion on the whole document as one connection; items are completed as small
    // documents of their own, so preparing the tenant file would be work no request uses (313 ms on a 300 KB tenant).
    prepareForRequests: () => Promise.resolve(),
    itemAt: (position) => documents.itemAt(document, format, context(), position),
  };
}

/** "Create <file> from a template" for each missing script or email template a diagnostic names. */
function createFileActions(diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic): CodeAction[] => {
    const data = diagnostic.data as { path?: unknown; purpose?: unknown; scriptName?: unknown } | undefined;
    if (diagnostic.code !== MISSING_FILE || typeof data?.path !== 'string') return [];
    const uri = URI.file(data.path).toString();
    const text = data.purpose === 'custom-script' ? customScriptTemplate(String(data.scriptName ?? 'login')) : emailTemplate();
    return [
      {
        title: `Create ${basenameOf(data.path)} from a template`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: {
          documentChanges: [
            { kind: 'create', uri, options: { ignoreIfExists: true } },
            { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
          ],
        },
      },
    ];
  });
}

function statusName(documents: DeployCliDocuments, document: TextDocument, format: DocumentFormat, context: DeployCliContext): string {
  const analysis = documents.analysis(document, format, context);
  const connections = analysis.items.filter((item) => item.kind === 'connection').length;
  const databases = analysis.items.length - connections;
  const what =
    context.layout === 'tenant'
      ? `auth0-deploy-cli tenant file · ${connections} connection${connections === 1 ? '' : 's'}, ${databases} database${databases === 1 ? '' : 's'}`
      : `auth0-deploy-cli ${context.layout === 'database-file' ? 'database connection' : 'connection'} file`;
  const keywords = context.mappings ? `keywords from ${context.mappings.configPath}` : 'no deploy-cli config found: keywords read as placeholders';
  return `${what} · ${keywords}`;
}
