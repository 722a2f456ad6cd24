/** The per-strategy spec's value rules for `options`, as one rule over the shared context. */
import { optionConstraintFindings, STRATEGY_OPTION_CONSTRAINT } from '../strategyOptionsValidator';
import type { RuleDefinition } from './ruleContext';

export const optionConstraint: RuleDefinition = {
  code: STRATEGY_OPTION_CONSTRAINT,
  severity: 'warning',
  summary: 'A value the per-strategy spec constrains (type, listed values, pattern, length, range, required options).',
  check: ({ facts, optionsProperty, options }) =>
    facts && optionsProperty && options ? optionConstraintFindings(facts, optionsProperty, options) : [],
};
