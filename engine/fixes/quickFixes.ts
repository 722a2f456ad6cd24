/**
 * Quick fixes (code actions) as pure text edits. Input: the document text and the diagnostics shown on it (ours and
 * the schema's, turned back into offsets); output: the fixes each diagnostic's rule declares (RuleDefinition.fix),
 * built from the finding's own facts (`data`). Each fix is located again in a fresh parse of the text, so a
 * diagnostic that no longer matches the text (the user typed since it was computed) gets no fix rather than a wrong
 * one.
 */
import { closestMatch } from '../closestMatch';
import { declaredFixes, RULES } from '../rules/index';
import type { FixDeclaration, FixTitleParts, RuleFix } from '../rules/ruleContext';
import type { DocumentFormat, ObjectNode, ParsedBody } from '../tree/bodyTree';
import { parseBody } from '../tree/parse';
import { indexBody, insertRootProperty, removeArrayItem, removeProperty, renameKey, replaceScalar, type BodyIndex, type TextEdit } from './bodyEdits';

export interface QuickFixDiagnostic {
  code: string;
  message: string;
  offset: number;
  length: number;
  data?: Record<string, unknown>;
}

export interface QuickFix {
  title: string;
  /** Index into the diagnostics given, so the server can attach the fix to its diagnostic. */
  diagnosticIndex: number;
  isPreferred?: boolean;
  edits: TextEdit[];
}

export interface QuickFixInput {
  text: string;
  format: DocumentFormat;
  diagnostics: QuickFixDiagnostic[];
  /** The tree of `text` when the caller has it already (the server caches one per version); parsed here otherwise. */
  parsed?: ParsedBody;
  /**
   * The connection body a diagnostic at `offset` belongs to, where a missing property goes: by default the root;
   * in a deploy-cli tenant file, the list item holding the offset.
   */
  bodyAt?: (offset: number) => ObjectNode | undefined;
}

/**
 * The fixes of every code: each rule's declaration, plus the language services' schema diagnostics, whose enum
 * mismatches name the valid values in their message.
 */
const FIXES_BY_CODE: ReadonlyMap<string, readonly FixDeclaration[]> = new Map<string, readonly FixDeclaration[]>([
  ...RULES.map((rule): [string, readonly FixDeclaration[]] => [rule.code, declaredFixes(rule)]),
  ['schema', ['replace-value']],
]);

/** The kinds of fix declared for a code (empty when none). */
export function fixesDeclaredFor(code: string): readonly RuleFix[] {
  return (FIXES_BY_CODE.get(code) ?? []).map((fix) => (typeof fix === 'string' ? fix : fix.kind));
}

/** Placeholders for a missing required property: valid values the user is expected to overwrite. */
const REQUIRED_PLACEHOLDERS: Readonly<Record<string, string>> = {
  name: 'my-connection',
  strategy: 'auth0',
};

interface FixTarget {
  /** The title the rule declares for this fix, given what it touches; the builder's own wording otherwise. */
  title(parts: FixTitleParts, generic: string): string;
  input: QuickFixInput;
  diagnostic: QuickFixDiagnostic;
  index: BodyIndex;
  root: ObjectNode | undefined;
  add: (title: string, edits: TextEdit[], isPreferred?: boolean) => void;
}

/** How each kind of fix is built; a fix that does not fit the text at the diagnostic's place adds nothing. */
const BUILDERS: Readonly<Record<RuleFix, (target: FixTarget) => void>> = {
  'add-required-property': ({ title, input, diagnostic, root, add }) => {
    const property = typeof diagnostic.data?.property === 'string' ? diagnostic.data.property : undefined;
    if (!property || !root || root.properties.some((p) => p.key === property)) return;
    const placeholder = REQUIRED_PLACEHOLDERS[property] ?? '';
    const edit = insertRootProperty(input.text, input.format, root, property, placeholder);
    add(title({ key: property, target: placeholder }, `Add "${property}": "${placeholder}"`), [edit], true);
  },
  'remove-array-item': ({ title, input, diagnostic, index, add }) => {
    const item = index.itemByOffset.get(diagnostic.offset);
    if (!item || item.item.kind !== 'string') return;
    const current = String(item.item.value);
    add(title({ current }, `Remove the repeated "${current}"`), [removeArrayItem(input.text, item)], true);
  },
  'rename-key': ({ title, input, diagnostic, index, add }) => {
    const located = index.propertyByKeyOffset.get(diagnostic.offset);
    const replacement = typeof diagnostic.data?.replacement === 'string' ? diagnostic.data.replacement : undefined;
    if (!located || !replacement || replacement === located.property.key) return;
    const key = located.property.key;
    add(title({ key, target: replacement }, `Rename "${key}" to "${replacement}"`), [renameKey(input.text, input.format, located.property, replacement)], true);
  },
  'remove-property': ({ title, input, diagnostic, index, add }) => {
    const located = index.propertyByKeyOffset.get(diagnostic.offset);
    if (!located) return;
    add(title({ key: located.property.key }, `Remove "${located.property.key}"`), [removeProperty(input.text, located)]);
  },
  'replace-value': ({ title, input, diagnostic, index, add }) => {
    // A value the diagnostic points at, never a key (a YAML block map starts where its first key does).
    if (index.propertyByKeyOffset.has(diagnostic.offset)) return;
    const value = index.valueByOffset.get(diagnostic.offset);
    if (!value || value.kind === 'object' || value.kind === 'array') return;
    const current = String(value.value);
    const replacement = typeof diagnostic.data?.replacement === 'string' ? diagnostic.data.replacement : undefined;
    const target = replacement ?? closestMatch(current, allowedValuesOf(diagnostic));
    if (!target || target === current) return;
    add(title({ current, target }, `Change "${current}" to "${target}"`), [replaceScalar(input.text, input.format, value, target)], true);
  },
};

export function computeQuickFixes(input: QuickFixInput): QuickFix[] {
  if (input.diagnostics.length === 0) return [];
  const parsed = input.parsed ?? parseBody(input.text, input.format);
  const index = indexBody(parsed.root);
  const documentRoot = parsed.root?.kind === 'object' ? parsed.root : undefined;
  const fixes: QuickFix[] = [];
  input.diagnostics.forEach((diagnostic, diagnosticIndex) => {
    const root = input.bodyAt ? input.bodyAt(diagnostic.offset) : documentRoot;
    // A finding may opt out of its rule's fixes (a deprecated option that still configures the connection).
    if (diagnostic.data?.noFix === true) return;
    const add = (title: string, edits: TextEdit[], isPreferred = false) =>
      fixes.push({ title, diagnosticIndex, ...(isPreferred ? { isPreferred } : {}), edits });
    for (const fix of FIXES_BY_CODE.get(diagnostic.code) ?? []) {
      const kind = typeof fix === 'string' ? fix : fix.kind;
      const title = (parts: FixTitleParts, generic: string) => (typeof fix === 'string' ? generic : fix.title(parts));
      BUILDERS[kind]({ title, input, diagnostic, index, root, add });
    }
  });
  return fixes;
}

/**
 * The values an enum accepts: from `data.allowedValues`, or read from the schema message both JSON and YAML language
 * services write for an enum mismatch ('Value is not accepted. Valid values: "a", "b".').
 */
function allowedValuesOf(diagnostic: QuickFixDiagnostic): string[] {
  const fromData = diagnostic.data?.allowedValues;
  if (Array.isArray(fromData)) return fromData.filter((v): v is string => typeof v === 'string');
  const listed = /Valid values: (.*?)\.?$/.exec(diagnostic.message)?.[1];
  if (!listed) return [];
  return [...listed.matchAll(/"((?:[^"\\]|\\.)*)"/g)].flatMap((match) => {
    try {
      const parsed: unknown = JSON.parse(`"${match[1] ?? ''}"`);
      return typeof parsed === 'string' ? [parsed] : [];
    } catch {
      return [];
    }
  });
}
