/**
 * Keeping secrets out of what people see: `redact` scrubs free text (messages, Auth0 error descriptions, logs) of
 * secrets in every form an answer may quote them, `cutText` bounds what is shown of an answer, and `maskSecrets`
 * scrubs a connection object (the 201 response, a dry-run body) before it is shown or written.
 */

export const MASK = '••••••';

/** Secrets shorter than this are not searched for in text: they would mangle ordinary words and are not real keys. */
const MIN_SECRET_LENGTH = 6;

/** A JSON Web Token (three base64url parts, the first one an encoded `{"`). */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
/** `Bearer xyz` in a header dump or an error. */
const BEARER_PATTERN = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
/** `client_secret=...`, `"client_secret": "..."`, `client_secret: ...` in a form body, JSON or YAML dump. */
const SECRET_FIELD_PATTERN = /((?:client_secret|clientSecret|access_token|refresh_token)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;

/** The most of Auth0's own words (a message, a quoted answer) that is shown; the rest is cut with CUT_MARK. */
export const MAX_SHOWN_CHARS = 2000;
/** Ends a text that was cut for showing; `redact` also masks what is left of a secret just before it. */
export const CUT_MARK = '…(cut)';
/** The shortest stub of a secret left before a cut that is masked (shorter ones say nothing about the secret). */
const MIN_STUB_LENGTH = 4;

/**
 * Every form a secret takes in an answer that quotes the request: as sent, JSON-escaped (once, or twice when the
 * quoted body sits in a JSON string itself), with its white space collapsed (as a one-line quote shows it), each of
 * these URL-encoded (`%20`) and form-encoded (`+`).
 */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const bases = [secret, json, JSON.stringify(json).slice(1, -1), json.replace(/\//g, '\\/'), secret.replace(/\s+/g, ' ')];
  const forms = new Set<string>();
  for (const base of bases) {
    forms.add(base);
    forms.add(encodeURIComponent(base));
    forms.add(new URLSearchParams({ s: base }).toString().slice(2));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * `text` cut to at most `max` characters (never inside a surrogate pair), ending in CUT_MARK when anything was cut.
 * Cut what is shown with this, so that `redact` can mask the start of a secret the cut left half-shown.
 */
export function cutText(text: string, max = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end) + CUT_MARK;
}

/**
 * `text` with every given secret (in every form `secretForms` lists, and whatever a cut left of one), every
 * JWT-looking string, bearer credentials and `client_secret=`-style fields replaced by the mask. Use it on anything
 * that may be shown, logged or thrown.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  return redactor(secrets)(text);
}

/**
 * `redact` for many texts and the same secrets: the forms of each secret are built once (a large secret, such as a
 * custom database script in `options.configuration`, takes milliseconds to encode).
 */
export function redactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const known = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret containing another is masked whole.
  const forms = [...new Set(known.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const form of forms) {
      if (form.length <= result.length && result.includes(form)) result = result.split(form).join(MASK);
    }
    if (forms.length > 0 && result.includes(CUT_MARK)) result = maskStubsBeforeCuts(result, forms);
    return result
      .replace(JWT_PATTERN, MASK)
      .replace(BEARER_PATTERN, `$1 ${MASK}`)
      .replace(SECRET_FIELD_PATTERN, `$1${MASK}`);
  };
}

/** Masks the start of a secret left just before a CUT_MARK (the cut fell inside the secret). */
function maskStubsBeforeCuts(text: string, forms: readonly string[]): string {
  const parts = text.split(CUT_MARK);
  for (let index = 0; index < parts.length - 1; index++) {
    const part = parts[index]!;
    const stub = Math.max(...forms.map((form) => longestStub(part, form)));
    if (stub >= MIN_STUB_LENGTH) parts[index] = part.slice(0, part.length - stub) + MASK;
  }
  return parts.join(CUT_MARK);
}

/** The length of the longest end of `text` that is the start of `form` (and shorter than `form`). */
function longestStub(text: string, form: string): number {
  const from = Math.max(0, text.length - form.length + 1);
  for (let start = text.indexOf(form.charAt(0), from); start !== -1; start = text.indexOf(form.charAt(0), start + 1)) {
    if (form.startsWith(text.slice(start))) return text.length - start;
  }
  return 0;
}

/** Property names whose string value is a secret wherever it appears under `options`. */
const SECRET_KEYS = new Set([
  'client_secret',
  'app_secret',
  'consumer_secret',
  'twilio_token',
  'secret',
  'password',
  'private_key',
  'privatekey',
  'api_key',
  'apikey',
  'admin_access_token',
  'admin_refresh_token',
  'ext_access_token',
  'ext_refresh_token',
  'access_token',
  'refresh_token',
  'decryptionkey',
]);

/** Objects whose `key` member is a private key (SAML signing and decryption key pairs). */
const KEY_PAIR_PARENTS = new Set(['signing_key', 'signingkey', 'decryptionkey']);

function isSecretKey(name: string, parent: string | undefined): boolean {
  const lower = name.toLowerCase();
  if (SECRET_KEYS.has(lower)) {
    return true;
  }
  if (lower === 'key' && parent !== undefined && KEY_PAIR_PARENTS.has(parent.toLowerCase())) {
    return true;
  }
  // Generic fallbacks for options not in the list: *_secret, *_private_key, *Secret.
  return /(?:_secret|secret_key|private_?key)$/i.test(name) || /[a-z]Secret$/.test(name);
}

function maskValue(value: unknown, parent: string | undefined, inOptions: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => maskValue(item, parent, inOptions));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const underOptions = inOptions || key === 'options';
    if (underOptions && typeof child === 'string' && child !== '' && isSecretKey(key, parent)) {
      out[key] = MASK;
    } else if (inOptions && parent === 'configuration' && typeof child === 'string' && child !== '') {
      // options.configuration holds encrypted string settings (custom database configuration values).
      out[key] = MASK;
    } else {
      out[key] = maskValue(child, key, underOptions);
    }
  }
  return out;
}

/**
 * A deep copy of a connection (request body or API response) with the secrets inside `options` masked:
 * client_secret, app_secret, twilio_token, gateway_authentication.secret, signing_key.key, decryptionKey (string or
 * `{ key }`), IdP tokens, the values of `configuration`, and any `*_secret` / private key. Non-secret fields
 * (certificates, client IDs, names) are kept so the result stays useful.
 */
export function maskSecrets<T>(connection: T): T {
  return maskValue(connection, undefined, false) as T;
}

function collect(value: unknown, parent: string | undefined, inOptions: boolean, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, parent, inOptions, into);
    return;
  }
  if (value === null || typeof value !== 'object') {
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const underOptions = inOptions || key === 'options';
    if (typeof child === 'string' && child !== '') {
      if ((underOptions && isSecretKey(key, parent)) || (inOptions && parent === 'configuration')) {
        into.add(child);
      }
    } else {
      collect(child, key, underOptions, into);
    }
  }
}

/** The secret string values `maskSecrets` would mask, so that text echoing them (an error message) can be redacted. */
export function collectSecrets(connection: unknown): string[] {
  const found = new Set<string>();
  collect(connection, undefined, false, found);
  return [...found];
}
