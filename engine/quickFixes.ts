/**
 * Quick fixes (code actions) as pure text edits. Input: the document text and the diagnostics shown on it (ours and
 * the schema's, turned back into offsets); output: one or more fixes per diagnostic the engine knows how to repair.
 * Each fix is located again in a fresh parse of the text, so a diagnostic that no longer matches the text (the user
 * typed since it was computed) gets no fix rather than a wrong one.
 */
import { indexBody, insertRootProperty, removeArrayItem, removeProperty, renameKey, replaceScalar, type BodyIndex, type TextEdit } from './bodyEdits';
import { closestMatch } from './closestMatch';
import { parseBody, type DocumentFormat, type ObjectNode, type ParsedBody } from './documentTree';

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
}

/** Placeholders for a missing required property: valid values the user is expected to overwrite. */
const REQUIRED_PLACEHOLDERS: Readonly<Record<string, string>> = {
  name: 'my-connection',
  strategy: 'auth0',
};

/** Codes whose finding points at a key that can simply be removed. */
const REMOVABLE_PROPERTY_CODES: ReadonlySet<string> = new Set([
  'unknown-property',
  'unknown-option',
  'option-not-for-strategy',
  'database-only-option',
  'oidc-only-option',
  'show-as-button-not-enterprise',
  'realms-not-database',
  'cross-app-access-unsupported',
  'custom-password-hash-not-database',
  // The conflicting legacy setting; options.attributes (which Auth0 keeps) says the same thing the new way.
  'attributes-with-requires-username',
  'attributes-with-validation',
]);

export function computeQuickFixes(input: QuickFixInput): QuickFix[] {
  if (input.diagnostics.length === 0) return [];
  const parsed = input.parsed ?? parseBody(input.text, input.format);
  const index = indexBody(parsed.root);
  const root = parsed.root?.kind === 'object' ? parsed.root : undefined;
  const fixes: QuickFix[] = [];
  input.diagnostics.forEach((diagnostic, diagnosticIndex) => {
    const add = (title: string, edits: TextEdit[], isPreferred = false) =>
      fixes.push({ title, diagnosticIndex, ...(isPreferred ? { isPreferred } : {}), edits });
    fixesFor(input, diagnostic, index, root, add);
  });
  return fixes;
}

type AddFix = (title: string, edits: TextEdit[], isPreferred?: boolean) => void;

function fixesFor(
  { text, format }: QuickFixInput,
  diagnostic: QuickFixDiagnostic,
  index: BodyIndex,
  root: ObjectNode | undefined,
  add: AddFix,
): void {
  const data = diagnostic.data ?? {};

  if (diagnostic.code === 'missing-required') {
    const property = typeof data.property === 'string' ? data.property : undefined;
    if (!property || !root || root.properties.some((p) => p.key === property)) return;
    const placeholder = REQUIRED_PLACEHOLDERS[property] ?? '';
    add(`Add "${property}": "${placeholder}"`, [insertRootProperty(text, format, root, property, placeholder)], true);
    return;
  }

  if (diagnostic.code === 'duplicate-precedence') {
    const item = index.itemByOffset.get(diagnostic.offset);
    if (item && item.item.kind === 'string') add(`Remove the repeated "${String(item.item.value)}"`, [removeArrayItem(text, item)], true);
    return;
  }

  const located = index.propertyByKeyOffset.get(diagnostic.offset);
  const value = located ? undefined : index.valueByOffset.get(diagnostic.offset);
  const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;

  if (located) {
    const key = located.property.key;
    if (replacement && replacement !== key) {
      add(`Rename "${key}" to "${replacement}"`, [renameKey(text, format, located.property, replacement)], true);
    }
    if (diagnostic.code === 'deprecated-property' && key === 'enabled_clients' && located.parent === root) {
      add(
        'Remove deprecated "enabled_clients" (enable clients through the connection\'s clients endpoint, PATCH /api/v2/connections/{id}/clients)',
        [removeProperty(text, located)],
      );
    } else if (REMOVABLE_PROPERTY_CODES.has(diagnostic.code)) {
      add(`Remove "${key}"`, [removeProperty(text, located)]);
    }
    return;
  }

  if (value && (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null')) {
    const current = String(value.value);
    const target = replacement ?? closestMatch(current, allowedValuesOf(diagnostic));
    if (!target || target === current) return;
    const title = diagnostic.code === 'invalid-name' ? `Rename the connection to "${target}"` : `Change "${current}" to "${target}"`;
    add(title, [replaceScalar(text, format, value, target)], true);
  }
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
