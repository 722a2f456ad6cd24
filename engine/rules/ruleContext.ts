/**
 * What every semantic rule is given and what it declares about itself. A rule is a pure function from one shared
 * context to findings; its code, severity, one-line summary and quick fix live beside it, so the rule table (docs,
 * CLI) and the quick fixes can never drift from what the rules report. The context is the only place that reads the
 * strategy and its options: every rule, per-strategy checks included, takes the same road.
 */
import { strategyInfo, type StrategyKind } from '../../common/strategies';
import { strategyFacts, type StrategyFacts } from '../strategyData';
import type { BodyNode, BodyProperty, ObjectNode, ParsedBody } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import type { Finding, FindingSeverity } from '../findings';

export interface RuleContext {
  parsed: ParsedBody;
  root: ObjectNode;
  /** The `strategy` value when it is a string, known or not. */
  strategy: string | undefined;
  /** Undefined when the strategy is missing or unknown: strategy-dependent rules then stay silent. */
  strategyKind: StrategyKind | undefined;
  /** What the per-strategy spec says of the strategy; undefined when it does not describe it. */
  facts: StrategyFacts | undefined;
  /** The `options` property when its value is an object. */
  optionsProperty: BodyProperty | undefined;
  /** `options` when it is an object. */
  options: ObjectNode | undefined;
  /** Option keys a rule of their own speaks for; the general placement rules leave them alone. */
  claimedOptions: ReadonlySet<string>;
  /** Facts several rules derive from the same body, computed once per context (see `shared`). */
  readonly memo: Map<string, unknown>;
}

/**
 * The edit a rule's findings can be repaired with (see engine/fixes/quickFixes.ts):
 *  - `remove-property`: delete the key the finding points at;
 *  - `rename-key`: rename it to `data.replacement` (a close known name);
 *  - `replace-value`: replace the value it points at with `data.replacement`;
 *  - `add-required-property`: add the root property `data.property` with a placeholder;
 *  - `remove-array-item`: delete the array item it points at.
 */
export type RuleFix = 'remove-property' | 'rename-key' | 'replace-value' | 'add-required-property' | 'remove-array-item';

/** What a fix's title may name: the key it touches, the value it replaces and the value it writes. */
export interface FixTitleParts {
  key?: string;
  current?: string;
  target?: string;
}

/** A fix, with the title the rule gives it when the generic one ("Remove "x"", "Change "a" to "b"") says too little. */
export type FixDeclaration = RuleFix | { kind: RuleFix; title: (parts: FixTitleParts) => string };

export interface RuleDefinition {
  /** Stable kebab-case code shown with the diagnostic; never rename one (users filter and suppress by it). */
  code: string;
  severity: FindingSeverity;
  /** One line for the rule table. */
  summary: string;
  /**
   * How its findings are repaired; none when no edit is sure to be right. Several fixes may be offered, in order. A
   * finding opts out with `data.noFix: true` (e.g. a deprecated option that still configures the connection).
   */
  fix?: FixDeclaration | readonly FixDeclaration[];
  /** Keys of `options` this rule alone speaks for, so that no general rule reports the same key a second time. */
  claimsOptions?: readonly string[];
  check: (context: RuleContext) => Finding[];
}

export function createRuleContext(parsed: ParsedBody, claimedOptions: ReadonlySet<string> = new Set()): RuleContext | undefined {
  const root = parsed.root;
  if (!root || root.kind !== 'object') return undefined;
  const strategyNode = getProperty(root, 'strategy')?.value;
  const strategy = strategyNode?.kind === 'string' ? String(strategyNode.value) : undefined;
  const optionsProperty = getProperty(root, 'options');
  const options = optionsProperty?.value?.kind === 'object' ? optionsProperty.value : undefined;
  return {
    parsed,
    root,
    strategy,
    strategyKind: strategyInfo(strategy)?.kind,
    facts: strategyFacts(strategy),
    optionsProperty: options ? optionsProperty : undefined,
    options,
    claimedOptions,
    memo: new Map(),
  };
}

/** A fact derived from the context once and shared by the rules that need it (e.g. where each option belongs). */
export function shared<T>(context: RuleContext, key: string, derive: (context: RuleContext) => T): T {
  if (!context.memo.has(key)) context.memo.set(key, derive(context));
  return context.memo.get(key) as T;
}

/** A finding for `rule` over `range`, with the rule's code and severity. */
export function findingAt(
  rule: Pick<RuleDefinition, 'code' | 'severity'>,
  range: { offset: number; length: number },
  message: string,
  extra: Pick<Finding, 'tags' | 'data'> = {},
): Finding {
  return { code: rule.code, severity: rule.severity, message, offset: range.offset, length: range.length, ...extra };
}

/** The range of a property's key: the most specific place to point at when the key itself is the problem. */
export function keyRange(property: BodyProperty): { offset: number; length: number } {
  return { offset: property.keyOffset, length: property.keyLength };
}

/** The value's range, or the key's when the value is still missing (half-typed). */
export function valueRange(property: BodyProperty): { offset: number; length: number } {
  return property.value ? { offset: property.value.offset, length: property.value.length } : keyRange(property);
}

/** The property `key` of `node` when it is present with a value other than null. */
export function presentProperty(node: BodyNode | undefined, key: string): BodyProperty | undefined {
  const property = getProperty(node, key);
  return property?.value && property.value.kind !== 'null' ? property : undefined;
}

/** The object value of `key` in `node`, or undefined. */
export function objectProperty(node: BodyNode | undefined, key: string): ObjectNode | undefined {
  const value = getProperty(node, key)?.value;
  return value?.kind === 'object' ? value : undefined;
}

export function isTrue(node: BodyNode | undefined): boolean {
  return node?.kind === 'boolean' && node.value === true;
}
