/**
 * Reading Auth0's error answers: the `{statusCode, error, message, errorCode}` body, the property a 400 message
 * names, the scope a 403 says is missing, and the kind of 409 conflict. Pure functions over text.
 *
 * Phrasings handled (seen in Auth0's answers and the spec's x-description messages):
 *   Payload validation error: 'Additional properties not allowed: requires_username' on property options.validation (Options for validation).
 *   Payload validation error: 'Additional properties not allowed: domainConnection'.
 *   Payload validation error: 'Missing required property: strategy'.
 *   Payload validation error: 'String does not match pattern ^...$: my name' on property name (The name of the connection...).
 *   Invalid connection options: invalid options.attributes ...
 *   Your account is not allowed to set options.set_user_root_attributes
 *   The custom_password_hash option is only available for database connections
 */

import { isRecord, parseJson } from './http';
import { cutText, MAX_SHOWN_CHARS } from './redact';

export interface Auth0ErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  errorCode?: string;
}

/** The most shown of Auth0's short fields (`error`, `errorCode`): they are a few words. */
const MAX_SHORT_FIELD_CHARS = 100;

/**
 * Auth0's JSON error body, or undefined when the text is not one. Its strings are cut for showing (the message to
 * MAX_SHOWN_CHARS), since a server may answer with a message of any size.
 */
export function readAuth0Error(text: string | undefined): Auth0ErrorBody | undefined {
  const body = parseJson(text);
  if (!isRecord(body)) {
    return undefined;
  }
  const out: Auth0ErrorBody = {};
  if (typeof body.statusCode === 'number') out.statusCode = body.statusCode;
  if (typeof body.error === 'string') out.error = cutText(body.error, MAX_SHORT_FIELD_CHARS);
  if (typeof body.message === 'string') out.message = cutText(body.message, MAX_SHOWN_CHARS);
  if (typeof body.errorCode === 'string') out.errorCode = cutText(body.errorCode, MAX_SHORT_FIELD_CHARS);
  return Object.keys(out).length === 0 ? undefined : out;
}

export type PathSegment = string | number;

export interface PropertyReference {
  /** Dotted path as a person reads it, e.g. `options.attributes` or `realms[0]`. */
  propertyPath: string;
  /** The same as segments, for finding the node in the document. */
  path: PathSegment[];
  /**
   * Set when the message says a required property is missing: `path` then names the absent property, and the
   * diagnostic belongs on its parent (the deepest part of `path` present in the document).
   */
  missing?: boolean;
  /** Set when the message says the property is not allowed there (`Additional properties not allowed`). */
  unknown?: boolean;
}

export interface ValidationMessage {
  /** The part that explains the problem (the quoted inner message when there is one, else the whole message). */
  detail: string;
  /** The property the message names, when it names one. */
  property?: PropertyReference;
}

/** `options.validation`, `realms[0]`, `enabled_clients.1` -> segments (numeric parts become numbers). */
export function parsePropertyPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of text.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (part === '') continue;
    segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return segments;
}

export function formatPropertyPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}

function reference(path: PathSegment[], flag?: 'missing' | 'unknown'): PropertyReference | undefined {
  if (path.length === 0) return undefined;
  const ref: PropertyReference = { propertyPath: formatPropertyPath(path), path };
  if (flag === 'missing') ref.missing = true;
  if (flag === 'unknown') ref.unknown = true;
  return ref;
}

const PAYLOAD = /^Payload validation error:\s*'(.*)'(?:\s+on property\s+([A-Za-z0-9_$.[\]-]+?))?(?:\s*\(.*\))?\s*\.?\s*$/s;
const PROPERTY_NAME = /^[A-Za-z_$][\w$-]*$/;

/** The problem and the property an Auth0 400 message names (see the phrasings at the top of this file). */
export function parseValidationMessage(message: string): ValidationMessage {
  const text = message.trim();
  const payload = PAYLOAD.exec(text);
  if (payload) {
    const detail = payload[1]!;
    const base = payload[2] !== undefined ? parsePropertyPath(payload[2]) : [];
    const extra = /^Additional properties not allowed:\s*([^,\s]+)/.exec(detail);
    if (extra && PROPERTY_NAME.test(extra[1]!)) {
      return withProperty(detail, reference([...base, extra[1]!], 'unknown'));
    }
    const missing = /^Missing required property:\s*([^,\s]+)/.exec(detail);
    if (missing && PROPERTY_NAME.test(missing[1]!)) {
      return withProperty(detail, reference([...base, missing[1]!], 'missing'));
    }
    return withProperty(detail, reference(base) ?? findPropertyInText(detail));
  }
  return withProperty(text, findPropertyInText(text));
}

function withProperty(detail: string, property: PropertyReference | undefined): ValidationMessage {
  return property === undefined ? { detail } : { detail, property };
}

/** A property named in free text: `options.x.y` anywhere, or `the some_option option`. */
function findPropertyInText(text: string): PropertyReference | undefined {
  const dotted = /(?:^|[\s'"`(])(options(?:\.[A-Za-z_$][\w$-]*|\[\d+\])+)/.exec(text);
  if (dotted) {
    return reference(parsePropertyPath(dotted[1]!.replace(/[.]+$/, '')));
  }
  const named = /\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+) option\b/.exec(text);
  if (named) {
    return reference(['options', named[1]!]);
  }
  return undefined;
}

/** The scopes a 403 says are expected (`Insufficient scope, expected any of: create:connections`). */
export function parseMissingScopes(message: string): string[] | undefined {
  const match = /insufficient scope[^:]*:\s*(.+)$/is.exec(message);
  if (!match) return undefined;
  const scopes = match[1]!
    .split(/[\s,]+/)
    .map((s) => s.replace(/[.'"]+$/g, ''))
    .filter((s) => /^[a-z_]+:[a-z_]+$/i.test(s));
  return scopes.length > 0 ? scopes : undefined;
}

/** True when a 403 message is about a tenant limit (`You reached the limit...`, `You can only create 1 ...`). */
export function isTenantLimitMessage(message: string): boolean {
  return /\blimit\b|\bcan only create\b|\bmaximum\b|\bquota\b/i.test(message);
}

export type ConflictKind = 'name' | 'name-being-deleted' | 'realms' | 'domain-connection' | 'other';

/** Which 409 Auth0 gave (see the spec's 409 x-description messages). */
export function classifyConflict(message: string | undefined): ConflictKind {
  if (message === undefined) return 'other';
  if (/being deleted/i.test(message)) return 'name-being-deleted';
  if (/realm/i.test(message)) return 'realms';
  if (/domain connection/i.test(message)) return 'domain-connection';
  if (/same name|already exists/i.test(message)) return 'name';
  return 'other';
}
