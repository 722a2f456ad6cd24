/**
 * The semantic rules: what Auth0 enforces, or what is likely wrong, beyond the JSON Schema, the per-strategy checks
 * of `options` included. `runRules` runs them all over one shared context; `RULE_TABLE` lists them for docs and the
 * CLI. Adding a rule: write it beside its family (code, severity, summary, fix, check) and list the family here.
 */
import type { ParsedBody } from '../tree/bodyTree';
import type { BodyNode } from '../tree/bodyTree';
import type { Finding, FindingSeverity } from '../findings';
import { attributeRules } from './attributes';
import { bodyShapeRules } from './bodyShape';
import { lifecycleRules } from './lifecycle';
import { optionConstraint } from './optionConstraints';
import { optionPlacementRules } from './optionPlacement';
import { passwordRules } from './passwords';
import { requiredOptionRules } from './requiredOptions';
import { createRuleContext, type FixDeclaration, type RuleDefinition, type RuleFix } from './ruleContext';
import { secretRules } from './secrets';
import { strategyScopeRules } from './strategyScope';

/** The rules that read the per-strategy spec's description of `options`. */
const STRATEGY_OPTION_RULES: readonly RuleDefinition[] = [...optionPlacementRules, optionConstraint];

export const RULES: readonly RuleDefinition[] = [
  ...bodyShapeRules,
  ...attributeRules,
  ...strategyScopeRules,
  ...requiredOptionRules,
  ...passwordRules,
  ...lifecycleRules,
  ...secretRules,
  ...STRATEGY_OPTION_RULES,
];

/** Option keys some rule speaks for alone (RuleDefinition.claimsOptions). */
const CLAIMED_OPTIONS: ReadonlySet<string> = new Set(RULES.flatMap((rule) => rule.claimsOptions ?? []));

export interface RuleTableEntry {
  code: string;
  severity: FindingSeverity;
  summary: string;
  fix: readonly RuleFix[];
}

/** A rule's fix declaration as a list (none, one or several). */
export function declaredFixes(rule: Pick<RuleDefinition, 'fix'>): readonly FixDeclaration[] {
  if (rule.fix === undefined) return [];
  return Array.isArray(rule.fix) ? rule.fix : [rule.fix as FixDeclaration];
}

export const RULE_TABLE: readonly RuleTableEntry[] = RULES.map((rule) => ({
  code: rule.code,
  severity: rule.severity,
  summary: rule.summary,
  fix: declaredFixes(rule).map((fix) => (typeof fix === 'string' ? fix : fix.kind)),
}));

function run(rules: readonly RuleDefinition[], parsed: ParsedBody): Finding[] {
  const context = createRuleContext(parsed, CLAIMED_OPTIONS);
  if (!context) return [];
  return rules.flatMap((rule) => rule.check(context)).sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}

/** All findings of all rules, in document order. A body that is not an object (or is empty) has none. */
export function runRules(parsed: ParsedBody): Finding[] {
  return run(RULES, parsed);
}

/** Only the per-strategy checks of `options` (placement and the spec's value rules), for their own tests. */
export function checkStrategyOptions(root: BodyNode | undefined): Finding[] {
  return run(STRATEGY_OPTION_RULES, { format: 'json', root, syntaxProblems: [], duplicateKeys: [] });
}
