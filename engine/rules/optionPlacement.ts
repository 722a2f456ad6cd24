/**
 * Where each key of `options` belongs, decided once per body for the strategy's facts (engine/strategyData.ts):
 * the strategy's own option, an option of other strategies only (named by family when they are all database, or all
 * OpenID Connect, connections), an option the primary spec lists for every strategy, or unknown to every strategy
 * (with the closest own option as a suggestion). Four rules report the four kinds of misplaced key; a key that a more
 * specific rule speaks for (it claims it, see RuleDefinition.claimsOptions) is left to that rule.
 * All are warnings: the per-strategy spec lists what each strategy uses, not what the live API refuses.
 */
import { strategyInfo } from '../../common/strategies';
import { closestMatch } from '../closestMatch';
import { isGenericOption, ownersOfOption } from '../strategyData';
import type { BodyProperty } from '../tree/bodyTree';
import { findingAt, keyRange, shared, type RuleContext, type RuleDefinition } from './ruleContext';

type Placement =
  | { kind: 'database-only'; property: BodyProperty; owners: readonly string[] }
  | { kind: 'oidc-only'; property: BodyProperty; owners: readonly string[] }
  | { kind: 'other-strategies'; property: BodyProperty; owners: readonly string[] }
  | { kind: 'unknown'; property: BodyProperty; replacement: string | undefined };

/** The misplaced keys of `options`, computed once per context and shared by the four rules below. */
function misplacedOptions(context: RuleContext): Placement[] {
  return shared(context, 'misplaced-options', ({ facts, options, claimedOptions }) => {
    if (!facts || !options) return [];
    const placements: Placement[] = [];
    for (const property of options.properties) {
      const key = property.key;
      if (facts.ownOptions.has(key) || claimedOptions.has(key)) continue;
      const owners = ownersOfOption(key);
      if (owners.length > 0) {
        placements.push({ kind: familyOf(owners), property, owners });
      } else if (!isGenericOption(key)) {
        placements.push({ kind: 'unknown', property, replacement: closestMatch(key, facts.ownOptions) });
      }
    }
    return placements;
  });
}

function familyOf(owners: readonly string[]): 'database-only' | 'oidc-only' | 'other-strategies' {
  if (owners.every((owner) => strategyInfo(owner)?.kind === 'database')) return 'database-only';
  if (owners.every((owner) => strategyInfo(owner)?.openIdConnect === true)) return 'oidc-only';
  return 'other-strategies';
}

function placementsOf<K extends Placement['kind']>(context: RuleContext, kind: K): Array<Extract<Placement, { kind: K }>> {
  return misplacedOptions(context).filter((placement): placement is Extract<Placement, { kind: K }> => placement.kind === kind);
}

function strategyLabel(strategy: string | undefined): string {
  return strategy ? `"${strategy}" (${strategyInfo(strategy)?.label ?? 'unknown'})` : 'this';
}

/** "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "database connections (auth0)", "enterprise connections (ad, adfs, pingfederate, samlp)", ... */
function describeOwners(owners: readonly string[]): string {
  const kinds = [...new Set(owners.map((owner) => strategyInfo(owner)?.kind ?? 'other'))];
  const named = owners.length <= 4 ? ` (${owners.join(', ')})` : ` such as ${owners.slice(0, 3).join(', ')}`;
  if (kinds.length === 1) return `${kinds[0]} connections${named}`;
  return `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]} connections${named}`;
}

export const databaseOnlyOption: RuleDefinition = {
  code: 'database-only-option',
  severity: 'warning',
  summary: 'An option only database (auth0) connections use, on another strategy.',
  fix: 'remove-property',
  check: (context) =>
    placementsOf(context, 'database-only').map(({ property }) =>
      findingAt(
        databaseOnlyOption,
        keyRange(property),
        `"${property.key}" is a database connection option; a ${strategyLabel(context.strategy)} connection does not use it. Remove it.`,
        { data: { property: property.key } },
      ),
    ),
};

export const oidcOnlyOption: RuleDefinition = {
  code: 'oidc-only-option',
  severity: 'warning',
  summary: 'An option only OpenID Connect connections (oidc, okta) use, on another strategy.',
  fix: 'remove-property',
  check: (context) =>
    placementsOf(context, 'oidc-only').map(({ property, owners }) =>
      findingAt(
        oidcOnlyOption,
        keyRange(property),
        `"${property.key}" applies only to ${listed(owners)} connections; a ${strategyLabel(context.strategy)} connection does not use it. Remove it.`,
        { data: { property: property.key } },
      ),
    ),
};

export const optionNotForStrategy: RuleDefinition = {
  code: 'option-not-for-strategy',
  severity: 'warning',
  summary: 'An option that other strategies use, not this one.',
  fix: 'remove-property',
  check: (context) =>
    placementsOf(context, 'other-strategies').map(({ property, owners }) =>
      findingAt(
        optionNotForStrategy,
        keyRange(property),
        `"${property.key}" is an option of ${describeOwners(owners)}, not of ${context.strategy ?? ''} connections.`,
        { data: { strategy: context.strategy, ownedBy: [...owners] } },
      ),
    ),
};

export const unknownOption: RuleDefinition = {
  code: 'unknown-option',
  severity: 'warning',
  summary: 'An option no strategy lists ("did you mean ...?" when one of this strategy\'s options is close).',
  fix: ['rename-key', 'remove-property'],
  check: (context) =>
    placementsOf(context, 'unknown').map(({ property, replacement }) =>
      findingAt(
        unknownOption,
        keyRange(property),
        `Unknown option "${property.key}" for ${context.strategy ?? ''} connections.` +
          (replacement !== undefined ? ` Did you mean "${replacement}"?` : ''),
        replacement !== undefined ? { data: { replacement } } : {},
      ),
    ),
};

export const optionPlacementRules: readonly RuleDefinition[] = [databaseOnlyOption, oidcOnlyOption, optionNotForStrategy, unknownOption];
