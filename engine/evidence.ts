/**
 * Where a finding's severity comes from: what is known of the live API's answer (docs/SEVERITY.md has the table).
 *  - error: Auth0 is known to refuse it: a recorded 400 or a quoted message (the error rules quote it), a closed
 *    schema the API is seen to enforce, the primary spec's constraints on the generic body and on the options of
 *    database connections (the schema, see schemaProblemSeverity);
 *  - warning: only a spec says so, and no recording contradicts it: the per-strategy spec's value rules and where
 *    options belong, the primary spec's rules for options of other strategies. The message says whose rule it is;
 *  - nothing: a recording shows the API accepting it. Spec constraints are relaxed where the schemas are generated
 *    (scripts/schema/recordedAcceptances.ts), option keys are listed in strategyData.ts (ACCEPTED_BY_LIVE_API), and
 *    `null` or `""` for an option reads as "not set" (readsAsUnset).
 */
import { strategyInfo, type StrategyKind } from '../common/strategies';
import { isGenericOption } from './strategyData';
import type { BodyNode, ObjectNode, ParsedBody } from './tree/bodyTree';
import { getProperty } from './tree/navigate';

/**
 * Strategies whose options Auth0 validates against the primary spec's schema: database connections. Quoted payload
 * validation errors inside their options: "Additional properties not allowed: requires_username' on property
 * options.validation" (auth0/docs#9278); "... not allowed: enabled' on property options.password_history" with type
 * checks on `.size` and `.enable` (alexkappa/terraform-provider-auth0#40). No recorded accepted body breaks a primary
 * constraint there (recorded/, corpus, and 874 go-auth0 and terraform-provider-auth0 bodies) once 077's
 * `default_method` is allowed. For other strategies no such message is known.
 */
function validatesOptionsAgainstPrimarySpec(kind: StrategyKind): boolean {
  return kind === 'database';
}

/**
 * `null` and `""` for an option mean "not set" to the live API: it accepted and echoed `identity_api: null` (waad,
 * recorded 004, 036), `type: null` (oidc, recorded-sweep 03), `non_persistent_attrs: null` (33 recorded bodies),
 * null endpoints (oidc/okta, recorded 043, 046, 094, 095), `messaging_service_sid: null` (sms, corpus 33), and
 * `client_id: ""` (google-apps recorded 052, 092, 093; line corpus 27). So a per-strategy rule on the value says
 * nothing about null (its type, listed values), nor about "" when it asks for a length, a pattern or a format.
 */
export function readsAsUnset(value: unknown, keyword: string): boolean {
  if (value === null) return true;
  return value === '' && (keyword === 'minLength' || keyword === 'pattern' || keyword === 'format');
}

/** An option Auth0 refused a create without, in its own words, and what it accepted in its place since. */
export interface RequiredOnCreate {
  strategy: string;
  option: string;
  /** Options the API accepted instead of `option` (any one of them will do). */
  alternatives: readonly string[];
  /** Auth0's 400 message, exactly. */
  auth0Message: string;
  /** What to write, for the finding. */
  advice: string;
}

/**
 * The options of enterprise connections Auth0 is quoted refusing a create without. Every alternative a recording
 * shows it accepting counts as given. Left out, for want of evidence: samlp and pingfederate (no refusal found);
 * waad ("undefined is not a valid Windows Azure AD domain", pulumi/pulumi-auth0#76: the maintainers could not
 * reproduce it, and which option was missing is a guess); google-apps and ad (accepted with no options at all).
 */
export const REQUIRED_ON_CREATE: readonly RequiredOnCreate[] = [
  // go-auth0 recording (management/testdata/recordings/TestConnectionManager_Update/It_can_successfully_update_a_Okta
  // _Connection.yaml@a02f53a6, 2022-11-04; recorded-sweep 14): {"strategy":"okta"} -> 400 "options.domain is required".
  // Since 2024 Auth0 accepts okta without domain when issuer and the endpoints are given (recorded 094, 095,
  // terraform-provider-auth0 TestAccOrganizationConnection.yaml@937ca702 and TestAccDataSCIMConfiguration.yaml).
  {
    strategy: 'okta',
    option: 'domain',
    alternatives: ['issuer'],
    auth0Message: 'options.domain is required',
    advice: 'Add options.domain (your Okta domain, e.g. "example.okta.com"), or options.issuer with its endpoints, which Auth0 accepts instead',
  },
  // alexkappa/terraform-provider-auth0#212 (2020-04-26): "400 Bad Request: options.client_id is required". Every
  // recorded accepted oidc body has client_id, and the per-strategy spec requires it.
  {
    strategy: 'oidc',
    option: 'client_id',
    alternatives: [],
    auth0Message: 'options.client_id is required',
    advice: 'Add options.client_id, the client ID your identity provider issued for this connection',
  },
  // alexkappa/terraform-provider-auth0#457 (2021-10-13): "400 Bad Request: missing federation metadata url" for an
  // adfs connection sent without adfs_server. Accepted: adfs_server (recorded 031-033, corpus 14), or fedMetadataXml
  // alone (recorded-sweep 12, 2024-04-15).
  {
    strategy: 'adfs',
    option: 'adfs_server',
    alternatives: ['fedMetadataXml'],
    auth0Message: 'missing federation metadata url',
    advice: 'Add options.adfs_server (the URL of your AD FS federation metadata), or options.fedMetadataXml with the metadata itself',
  },
];

/** The options of `strategy` Auth0 is quoted requiring on create (for the checker, so that it does not say them twice). */
export function requiredOnCreate(strategy: string): readonly RequiredOnCreate[] {
  return REQUIRED_ON_CREATE.filter((entry) => entry.strategy === strategy);
}

/** Where a schema problem sits, as far as its severity goes. */
export interface SchemaProblemPlace {
  strategy: string | undefined;
  kind: StrategyKind | undefined;
  options: ObjectNode | undefined;
}

export function schemaProblemPlace(parsed: ParsedBody): SchemaProblemPlace {
  return schemaProblemPlaceIn(parsed.root);
}

/** The same for a body's node (a deploy-cli item), with the strategy it implies when it names none. */
export function schemaProblemPlaceIn(body: BodyNode | undefined, impliedStrategy?: string): SchemaProblemPlace {
  const root = body?.kind === 'object' ? body : undefined;
  const strategyNode = getProperty(root, 'strategy')?.value;
  const strategy = strategyNode?.kind === 'string' ? String(strategyNode.value) : impliedStrategy;
  const options = getProperty(root, 'options')?.value;
  return { strategy, kind: strategyInfo(strategy)?.kind, options: options?.kind === 'object' ? options : undefined };
}

/**
 * The severity a schema problem at `offset` deserves: `error` (the service's word stands) unless it lies inside an
 * option of a known strategy whose options Auth0 is not known to validate against that rule, where it is the spec's
 * word only: `warning`, with the option's name. A missing or unknown strategy already fails the body; its options
 * keep the service's word.
 */
export function schemaProblemSeverity(place: SchemaProblemPlace, offset: number): { severity: 'error' } | { severity: 'warning'; option: string } {
  if (!place.kind || !place.options) return { severity: 'error' };
  const option = optionAt(place.options, offset);
  if (option === undefined) return { severity: 'error' };
  // Database connections: the options the primary spec defines are checked against it (error); the others carry the
  // per-strategy spec's types only (scripts/schema/perStrategy.ts), its word.
  if (validatesOptionsAgainstPrimarySpec(place.kind) && isGenericOption(option)) return { severity: 'error' };
  return { severity: 'warning', option };
}

/** The key of the top-level option whose key or value holds `offset` (properties are in document order). */
function optionAt(options: ObjectNode, offset: number): string | undefined {
  const properties = options.properties;
  let low = 0;
  let high = properties.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((properties[middle]?.keyOffset ?? 0) <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const property = properties[found];
  if (!property) return undefined;
  const end = property.value ? property.value.offset + property.value.length : property.keyOffset + property.keyLength;
  return offset < end ? property.key : undefined;
}
