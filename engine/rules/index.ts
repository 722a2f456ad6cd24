/**
 * The semantic rules: what Auth0 enforces, or what is likely wrong, beyond the JSON Schema. `runRules` runs them all
 * over one parsed body; `RULE_TABLE` lists them for docs and the CLI.
 */
import type { ParsedBody } from '../documentTree';
import type { Finding, FindingSeverity } from '../findings';
import { attributeRules } from './attributes';
import { bodyShapeRules } from './bodyShape';
import { lifecycleRules } from './lifecycle';
import { passwordRules } from './passwords';
import { createRuleContext, type RuleDefinition } from './ruleContext';
import { secretRules } from './secrets';
import { strategyScopeRules } from './strategyScope';

export const RULES: readonly RuleDefinition[] = [
  ...bodyShapeRules,
  ...attributeRules,
  ...strategyScopeRules,
  ...passwordRules,
  ...lifecycleRules,
  ...secretRules,
];

export interface RuleTableEntry {
  code: string;
  severity: FindingSeverity;
  summary: string;
}

export const RULE_TABLE: readonly RuleTableEntry[] = RULES.map(({ code, severity, summary }) => ({ code, severity, summary }));

/** All findings of all rules, in document order. A body that is not an object (or is empty) has none. */
export function runRules(parsed: ParsedBody): Finding[] {
  const context = createRuleContext(parsed);
  if (!context) return [];
  return RULES.flatMap((rule) => rule.check(context)).sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}
