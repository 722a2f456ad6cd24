/**
 * What the generated per-strategy data (`schemas/strategy-options.json`, written by `npm run schemas` from the
 * per-strategy spec) says about each strategy, and the few facts the live API adds to it. Every strategy list a rule
 * needs (which strategies own an option, which take a body property, which are deprecated) is derived here, so a new
 * strategy in the spec reaches every rule through `npm run schemas` (which fails when common/strategies.ts does not
 * describe it) without a hand-kept list to update.
 */
import strategyOptionsData from '../schemas/strategy-options.json';
import { strategyInfo, type StrategyKind } from '../common/strategies';

interface StrategyOptionsData {
  strategies: Record<string, { options: string; deprecated: boolean; bodyProperties: string[] }>;
  optionNames: Record<string, string[]>;
  genericOptionNames: string[];
  definitions: Record<string, unknown>;
}

export const STRATEGY_DATA = strategyOptionsData as unknown as StrategyOptionsData;

/**
 * Options the live API accepted (and echoed back) on strategies whose per-strategy schema does not list them: request
 * bodies recorded against a real tenant (test/fixtures/corpus 09-41, recorded/NNN, recorded-sweep/NN; their
 * cases.json and SOURCES.md give the cassettes). `'*'` means on every strategy. The placement rules never call these
 * misplaced (engine/evidence.ts: a recorded acceptance is no finding).
 */
const ACCEPTED_BY_LIVE_API: Readonly<Record<string, '*' | readonly string[]>> = {
  strategy_version: '*', // auth0, ad, adfs, waad, samlp, oauth2 (corpus 09, 10, 12, 13, 14, 16, 19, 31)
  upstream_params: '*', // auth0, sms, email (corpus 12, 32-34); the primary spec lists it for every strategy
  custom_password_hash: ['auth0'], // corpus 39
  api_enable_users: ['adfs'], // corpus 14
  domain: ['waad', 'oidc'], // waad: corpus 16; oidc: recorded-sweep 10
  oidc_metadata: ['samlp'], // corpus 20
  ext_profile: ['google-apps'], // corpus 22
  basic_profile: ['google-apps'], // recorded-sweep 06 and 18 more go-auth0 bodies (2022-2025)
  authorizationURL: ['line', 'twitter', 'wordpress'], // corpus 27, 28; wordpress: recorded-sweep 08, 09
  tokenURL: ['line', 'twitter', 'wordpress'], // corpus 27, 28; wordpress: recorded-sweep 08, 09
  forward_request_info: ['sms'], // recorded 005, 044 (the spec says forward_req_info)
  authParams: ['sms'], // recorded-sweep 05 and 18 more go-auth0 bodies (2022-2025)
  custom_headers: ['oauth2', 'wordpress'], // oauth2: recorded 056 (the spec says customHeaders); wordpress: recorded-sweep 08
  customHeaders: ['wordpress'], // recorded-sweep 09
  user_id_attribute: ['waad'], // recorded 040, 041 (2024)
  userid_attribute: ['waad'], // recorded-sweep 13 (2024-10-14)
  schema_version: ['oidc'], // recorded-sweep 11 ("oidc-V4")
  consumer_key: ['oauth1'], // recorded-sweep 04
  consumer_secret: ['oauth1'], // recorded-sweep 04
};

/** What one strategy with a per-strategy schema is, in the terms the rules use. */
export interface StrategyFacts {
  strategy: string;
  kind: StrategyKind | undefined;
  /** Definition in the data holding its strict options schema, e.g. `ConnectionOptionsSAML`. */
  optionsDefinition: string;
  deprecated: boolean;
  /** Option names valid for it: its schema's, plus those the live API is known to accept on it. */
  ownOptions: ReadonlySet<string>;
  /** Top-level body properties its per-strategy request body lists. */
  bodyProperties: ReadonlySet<string>;
}

const factsCache = new Map<string, StrategyFacts>();
let ownersCache: Map<string, string[]> | undefined;

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** The facts of a strategy the per-strategy spec describes; undefined for a missing or unknown strategy. */
export function strategyFacts(strategy: string | undefined): StrategyFacts | undefined {
  if (strategy === undefined || !hasOwn(STRATEGY_DATA.strategies, strategy)) return undefined;
  let facts = factsCache.get(strategy);
  if (!facts) {
    const entry = STRATEGY_DATA.strategies[strategy]!;
    const ownOptions = new Set(STRATEGY_DATA.optionNames[strategy] ?? []);
    for (const [name, where] of Object.entries(ACCEPTED_BY_LIVE_API)) {
      if (where === '*' || where.includes(strategy)) ownOptions.add(name);
    }
    facts = {
      strategy,
      kind: strategyInfo(strategy)?.kind,
      optionsDefinition: entry.options,
      deprecated: entry.deprecated,
      ownOptions,
      bodyProperties: new Set(entry.bodyProperties),
    };
    factsCache.set(strategy, facts);
  }
  return facts;
}

/** Every strategy the per-strategy spec describes. */
export function describedStrategies(): string[] {
  return Object.keys(STRATEGY_DATA.strategies);
}

/** The strategies whose own options include `option` (built once). */
export function ownersOfOption(option: string): readonly string[] {
  if (!ownersCache) {
    ownersCache = new Map();
    for (const strategy of describedStrategies()) {
      for (const name of strategyFacts(strategy)!.ownOptions) {
        const owners = ownersCache.get(name) ?? [];
        owners.push(strategy);
        ownersCache.set(name, owners);
      }
    }
  }
  return ownersCache.get(option) ?? [];
}

/** Strategies whose per-strategy body lists the top-level `property` (e.g. `cross_app_access_requesting_app`). */
export function strategiesTakingBodyProperty(property: string): string[] {
  return describedStrategies().filter((strategy) => strategyFacts(strategy)!.bodyProperties.has(property));
}

/** Listed by the primary spec for every strategy but by no per-strategy schema: nothing certain can be said of it. */
export function isGenericOption(option: string): boolean {
  return STRATEGY_DATA.genericOptionNames.includes(option);
}

/** Strategies the per-strategy spec marks deprecated. */
export function deprecatedStrategies(): string[] {
  return describedStrategies().filter((strategy) => strategyFacts(strategy)!.deprecated);
}
