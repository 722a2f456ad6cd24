/**
 * The engine's public surface: everything a front end (the language server, the language modes, the CLI, the VS Code
 * client, the benchmark) may use. Pure language logic: no LSP connection, no language-service library, no `vscode`.
 * Files below this folder are private to it; the build enforces it (eslint.config.mjs, "walls").
 */
export type {
  ArrayNode,
  BodyNode,
  BodyProperty,
  DocumentFormat,
  ObjectNode,
  ParsedBody,
  ScalarNode,
  SyntaxProblem,
} from './tree/bodyTree';
export { parseBody, parseBodyPreferPlain } from './tree/parse';
export { bodyFromJsonTree, type JsonTreeReader } from './tree/jsonTree';
export { bodyFromYamlDocuments, MAX_ALIAS_VALUES } from './tree/yamlTree';
export { MAX_NESTING_DEPTH, nestingDepth, tooDeepBody } from './tree/nesting';
export { lineStartOf } from './tree/lines';
export {
  getProperty,
  locatePath,
  locateProperty,
  nodeAtPath,
  spanOf,
  stringValue,
  toPlainValue,
  type PathLocation,
  type PathSegment,
  type PropertySpan,
} from './tree/navigate';
export { checkBeforeSending, type SendCheck } from './sendCheck';

export { DIAGNOSTIC_SOURCE, type Finding, type FindingSeverity } from './findings';
export { RULE_TABLE, runRules, type RuleTableEntry } from './rules/index';
export type { RuleFix } from './rules/ruleContext';
export {
  combineDiagnostics,
  combineItemFindings,
  tidyServiceMessage,
  fromFinding,
  SCHEMA_VALIDATION_LIMIT_CHARS,
  schemaSkippedDiagnostic,
  sortDiagnostics,
  unreadableDocumentDiagnostics,
} from './diagnostics';
export { applyEdits, type TextEdit } from './fixes/bodyEdits';
export { computeQuickFixes, fixesDeclaredFor, type QuickFix, type QuickFixDiagnostic, type QuickFixInput } from './fixes/quickFixes';


export { TextMap, type Bias, type Replacement } from './deployCli/textMap';
export {
  isKeywordName,
  scanKeywords,
  substituteKeywords,
  type KeywordMarker,
  type KeywordOccurrence,
  type KeywordValues,
  type Substitution,
} from './deployCli/keywords';
export {
  CONFIG_FILE_NAME,
  effectiveMappings,
  findConfig,
  lookUpMappings,
  MAPPINGS_KEY,
  readConfigText,
  type ConfigRead,
  type KeywordMappings,
  type MappingOrigin,
  type MappingsLookup,
} from './deployCli/config';
export { basenameOf, dirnameOf, isAbsolutePath, joinPath, resolvePath } from './deployCli/paths';
export {
  DATABASE_SCRIPT_NAMES,
  deployCliItems,
  fileReferences,
  type DeployCliItem,
  type DeployCliItemKind,
  type FileReference,
} from './deployCli/shape';
export {
  DEPLOY_CLI_ITEM_PROPERTIES,
  inSecretField,
  isSecretKeyword,
  itemFindings,
  keywordFindings,
  KEYWORD_FROM_ENVIRONMENT,
  MISSING_FILE,
  missingFileFindings,
  UNMAPPED_KEYWORD,
} from './deployCli/checks';
export { customScriptTemplate, emailTemplate } from './deployCli/templates';
export { reparseEditedItem, shifted } from './deployCli/incremental';
