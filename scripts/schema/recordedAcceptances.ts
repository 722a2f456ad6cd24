/**
 * Spec constraints the live API is recorded breaking: it answered 201 to a body the constraint forbids (and echoed
 * the value back). Each entry relaxes one component of a vendored spec before anything is generated from it, so the
 * editor schema and the option checker both stop calling that value invalid; each names the recording. The table in
 * docs/SEVERITY.md lists them. An entry whose constraint the spec no longer has fails generation: remove it then.
 *
 * Bodies named here: test/fixtures/corpus/recorded/NNN (terraform-provider-auth0 cassettes), recorded-sweep/NN
 * (go-auth0 cassettes) and corpus NN (SOURCES.md); each folder's cases.json gives the cassette and commit.
 */
import { isObject, type OpenApiDocument, type SchemaObject } from './openapi';

export type Relaxation =
  /** Keywords dropped from the component itself (lengths, patterns, a choice of lengths). */
  | { change: 'drop-keywords'; keywords: readonly string[] }
  /** A property no longer required, wherever the component (or an inline `allOf` branch of it) requires it. */
  | { change: 'not-required'; property: string }
  /** More values for an `enum` (a `const` becomes an `enum`). */
  | { change: 'add-values'; values: readonly unknown[] }
  /** More types for `type`. */
  | { change: 'add-types'; types: readonly string[] }
  /** A property a closed object (`additionalProperties: false`) did not list. */
  | { change: 'add-property'; property: string; schema: SchemaObject };

export interface RecordedAcceptance {
  /** Which vendored spec's component is relaxed; `both` when the two define it alike. */
  spec: 'primary' | 'per-strategy' | 'both';
  component: string;
  relaxation: Relaxation;
  /** What the API took, and the recordings that show it. */
  evidence: string;
}

/** One relaxation of the per-strategy spec (the usual case). */
function perStrategy(component: string, relaxation: Relaxation, evidence: string): RecordedAcceptance {
  return { spec: 'per-strategy', component, relaxation, evidence };
}

const LENGTHS_AND_PATTERN: Relaxation = { change: 'drop-keywords', keywords: ['minLength', 'maxLength', 'pattern'] };

export const RECORDED_ACCEPTANCES: readonly RecordedAcceptance[] = [
  perStrategy(
    'ConnectionOptionsGoogleApps',
    { change: 'not-required', property: 'client_id' },
    'google-apps without client_id: recorded 009, 051 (2022); with no options at all: recorded-sweep 07 (2024-09-17).',
  ),
  // The pattern `^[a-z0-9]$` matches one character only: nothing could pass it (spec README caveat 4).
  perStrategy(
    'ConnectionClientIdLinkedin',
    LENGTHS_AND_PATTERN,
    'linkedin client_id "client_id" (9 characters, spec: exactly 14): recorded 011, 054, corpus 26 (2022-2025).',
  ),
  perStrategy(
    'ConnectionMessagingServiceSidSMS',
    LENGTHS_AND_PATTERN,
    'sms messaging_service_sid "GHI789" and "273248090982390423" (spec: MG + 32 hex digits): recorded 020, corpus 32, recorded-sweep 05.',
  ),
  perStrategy(
    'ConnectionTwilioSidSMS',
    LENGTHS_AND_PATTERN,
    'sms twilio_sid "ABC123" and "abc132asdfasdf56" (spec: AC + 32 hex digits): recorded 020, corpus 32, recorded-sweep 05.',
  ),
  perStrategy(
    'ConnectionTwilioTokenSMS',
    { change: 'drop-keywords', keywords: ['minLength'] },
    'sms twilio_token "DEF456" (spec: at least 32 characters): recorded 020, corpus 32, recorded-sweep 05.',
  ),
  perStrategy(
    'ConnectionClientIdWindowsLive',
    { change: 'drop-keywords', keywords: ['anyOf'] },
    'windowslive client_id "client_id" (spec: 36 or 16 characters): recorded 022, 089, corpus 29 (2022-2025).',
  ),
  perStrategy(
    'ConnectionClientIdLine',
    LENGTHS_AND_PATTERN,
    'line client_id "line_client_id" (spec: 10 digits): recorded-sweep 02 (2026-01-14).',
  ),
  perStrategy(
    'ConnectionMappingModeEnumOIDC',
    { change: 'add-values', values: ['basic_profile'] },
    'oidc attribute_map.mapping_mode "basic_profile" (the okta enum has it, the oidc one not): recorded 059 (2023-09-19), echoed.',
  ),
  perStrategy(
    'ConnectionAuthParamsEmail',
    { change: 'add-types', types: ['object'] },
    'email authParams as an object, {"scope": "openid profile"}: recorded-sweep 01 and 19 more go-auth0 bodies (2022-2025).',
  ),
  perStrategy(
    'ConnectionSignatureMethodOAuth1',
    { change: 'add-values', values: ['HMAC-SHA1'] },
    'oauth1 signatureMethod "HMAC-SHA1" (spec: RSA-SHA1 only): recorded-sweep 04 (2025-10-29).',
  ),
  {
    spec: 'both',
    component: 'UsernameAttributeIdentifier',
    relaxation: { change: 'add-property', property: 'default_method', schema: { type: 'string' } },
    evidence: 'attributes.username.identifier.default_method "password" (both specs close that object): recorded 077 (2026-03-10), echoed.',
  },
];

/** The two documents with every recorded acceptance applied to a copy; the inputs are left as they were. */
export function withRecordedAcceptances(
  primary: OpenApiDocument,
  perStrategy: OpenApiDocument,
  acceptances: readonly RecordedAcceptance[] = RECORDED_ACCEPTANCES,
): { primary: OpenApiDocument; perStrategy: OpenApiDocument } {
  const relaxedPrimary = structuredClone(primary);
  const relaxedPerStrategy = structuredClone(perStrategy);
  for (const acceptance of acceptances) {
    const documents = { primary: [relaxedPrimary], 'per-strategy': [relaxedPerStrategy], both: [relaxedPrimary, relaxedPerStrategy] }[acceptance.spec];
    for (const document of documents) relax(document, acceptance);
  }
  return { primary: relaxedPrimary, perStrategy: relaxedPerStrategy };
}

function relax(document: OpenApiDocument, { component, relaxation }: RecordedAcceptance): void {
  const schema = document.components.schemas[component];
  const stale = (what: string) => new Error(`Recorded acceptance for ${component}: the spec ${what}; remove the entry.`);
  if (!schema) throw stale('has no such component');
  switch (relaxation.change) {
    case 'drop-keywords': {
      const present = relaxation.keywords.filter((keyword) => schema[keyword] !== undefined);
      if (present.length === 0) throw stale(`has none of ${relaxation.keywords.join(', ')}`);
      for (const keyword of present) delete schema[keyword];
      return;
    }
    case 'not-required':
      if (!dropRequired(schema, relaxation.property)) throw stale(`no longer requires ${relaxation.property}`);
      return;
    case 'add-values': {
      const listed = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : 'const' in schema ? [schema['const']] : undefined;
      if (!listed) throw stale('lists no values');
      delete schema['const'];
      schema['enum'] = [...listed, ...relaxation.values.filter((value) => !listed.includes(value))];
      return;
    }
    case 'add-types': {
      const type = schema['type'];
      if (type === undefined) throw stale('gives no type');
      const types = Array.isArray(type) ? (type as unknown[]) : [type];
      schema['type'] = [...types, ...relaxation.types.filter((added) => !types.includes(added))];
      return;
    }
    case 'add-property': {
      const properties = schema['properties'];
      if (schema['additionalProperties'] !== false || !isObject(properties)) throw stale('no longer closes the object');
      properties[relaxation.property] = relaxation.schema;
      return;
    }
    default: {
      const never: never = relaxation;
      throw new Error(`Unknown relaxation ${JSON.stringify(never)}`);
    }
  }
}

/** Removes `property` from every `required` of the schema and its inline `allOf` branches; true when one had it. */
function dropRequired(schema: SchemaObject, property: string): boolean {
  let found = false;
  const required = schema['required'];
  if (Array.isArray(required) && required.includes(property)) {
    const rest = required.filter((name) => name !== property);
    if (rest.length > 0) schema['required'] = rest;
    else delete schema['required'];
    found = true;
  }
  for (const branch of Array.isArray(schema['allOf']) ? schema['allOf'] : []) {
    if (isObject(branch) && dropRequired(branch, property)) found = true;
  }
  return found;
}
