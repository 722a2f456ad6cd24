/**
 * The language modes' public surface: JSON through vscode-json-languageservice, YAML through yaml-language-server's
 * language service, each behind the one LanguageMode interface, and the full check of a document (the mode's schema
 * diagnostics + the engine's rules). The language server, the CLI and the benchmark use it; the VS Code client never
 * does (it talks to the server). Files below this folder are private to it.
 */
import type { DocumentFormat } from '../engine/index';
import { JsonMode } from './jsonMode';
import type { LanguageMode } from './languageMode';
import { YamlMode } from './yamlMode';

export { JsonMode, createJsonMode } from './jsonMode';
export { YamlMode, createYamlMode } from './yamlMode';
export { RESULT_LIMITS, type LanguageMode } from './languageMode';
export { validateDocument } from './validateDocument';
export { CONNECTION_SCHEMA, requestSchema } from './schemaSource';
export { collectIfLastClosed, noteDocumentClosed } from './memory';
export { prepareProcessMemory } from './processMemory';
export { duplicateKeyCheckStatus, useLinearDuplicateKeyCheck, type DuplicateKeyCheckStatus } from './linearDuplicateKeys';
export { completionCopyCounts, pooledCopyOf, setCompletionCopyReuse } from './completionClone';
export { DeployCliDocuments, type DeployCliItemAt } from './deployCli/deployCliDocuments';
export type { DeployCliContext } from './deployCli/analysis';
export { CONNECTION_ITEM_SCHEMA, DATABASE_ITEM_SCHEMA } from './itemSchemas';

/** One mode per format; building them is costly (schemas compiled), so callers keep the result. */
export function createLanguageModes(): Record<DocumentFormat, LanguageMode> {
  return { json: new JsonMode(), yaml: new YamlMode() };
}
