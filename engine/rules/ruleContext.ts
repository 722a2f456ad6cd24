/**
 * What every semantic rule is given and what it declares about itself. A rule is a pure function from the parsed
 * body to findings; its code, severity and one-line summary live beside it so the rule table (docs, CLI `rules`) can
 * never drift from what the rules report.
 */
import { strategyInfo, type StrategyKind } from '../../common/strategies';
import { getProperty, type BodyNode, type BodyProperty, type ObjectNode, type ParsedBody } from '../documentTree';
import type { Finding, FindingSeverity } from '../findings';

export interface RuleContext {
  parsed: ParsedBody;
  root: ObjectNode;
  /** The `strategy` value when it is a string, known or not. */
  strategy: string | undefined;
  /** Undefined when the strategy is missing or unknown: strategy-dependent rules then stay silent. */
  strategyKind: StrategyKind | undefined;
  /** `options` when it is an object. */
  options: ObjectNode | undefined;
}

export interface RuleDefinition {
  /** Stable kebab-case code shown with the diagnostic; never rename one (users filter and suppress by it). */
  code: string;
  severity: FindingSeverity;
  /** One line for the rule table. */
  summary: string;
  check: (context: RuleContext) => Finding[];
}

export function createRuleContext(parsed: ParsedBody): RuleContext | undefined {
  const root = parsed.root;
  if (!root || root.kind !== 'object') return undefined;
  const strategyNode = getProperty(root, 'strategy')?.value;
  const strategy = strategyNode?.kind === 'string' ? String(strategyNode.value) : undefined;
  const optionsNode = getProperty(root, 'options')?.value;
  return {
    parsed,
    root,
    strategy,
    strategyKind: strategyInfo(strategy)?.kind,
    options: optionsNode?.kind === 'object' ? optionsNode : undefined,
  };
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
