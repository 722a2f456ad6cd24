/**
 * Which tenant a request goes to. A tenant is its domain (a public host name: never an IP address or a name that
 * cannot be on the internet); the Management API base and the token endpoint base derive from it and may be
 * overridden only to this machine (tests, local emulators), so that a setting or an environment variable can never
 * send a token or a client secret anywhere else. `localhost` is checked again when a request is made: it must
 * resolve to loopback addresses only, and the request goes to the address checked (connectTarget).
 */
import { lookup } from 'node:dns/promises';

export type DomainResult = { ok: true; domain: string } | { ok: false; message: string };

/** Where requests for one tenant go. Produced only by `resolveEndpoints`, which enforces the loopback rule. */
export interface TenantEndpoints {
  /** The tenant's real domain, e.g. `my-tenant.eu.auth0.com` (used in messages and as the token audience). */
  readonly domain: string;
  /** Management API base without trailing slash, default `https://{domain}/api/v2`. */
  readonly apiBaseUrl: string;
  /** Token endpoint base without trailing slash, default `https://{domain}`; the token URL is `{base}/oauth/token`. */
  readonly tokenBaseUrl: string;
  /** Audience of Management API tokens; always from the real domain, even when a base is overridden. */
  readonly audience: string;
  /** True when either base was overridden (to a loopback address). */
  readonly overridden: boolean;
}

export interface EndpointOverrides {
  /** Replaces `https://{domain}/api/v2`; loopback only. */
  apiBaseUrl?: string | undefined;
  /** Replaces `https://{domain}` for `/oauth/token`; loopback only. */
  authBaseUrl?: string | undefined;
}

/** What a caller keeps for a tenant: its domain and optional loopback overrides. */
export interface TenantConfig extends EndpointOverrides {
  domain: string;
}

export type EndpointsResult = { ok: true; endpoints: TenantEndpoints } | { ok: false; message: string };

const EXAMPLE = 'e.g. my-tenant.eu.auth0.com';
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A tenant domain as the user may type or paste it, reduced to the host name: surrounding spaces, a leading
 * `https://` and trailing `/` are removed and letters lower-cased. Anything else that is not part of a host name
 * (path, port, user info, query, spaces, other schemes) is refused with a message saying what to type instead.
 */
export function normalizeDomain(input: string): DomainResult {
  let text = input.trim();
  if (text === '') {
    return { ok: false, message: `Enter the tenant's domain (${EXAMPLE}).` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    if (scheme[1]!.toLowerCase() !== 'https') {
      return {
        ok: false,
        message: `"${scheme[0]}" is not supported: Auth0 tenants are reached over https. Enter the host name only (${EXAMPLE}).`,
      };
    }
    text = text.slice(scheme[0].length);
  }
  text = text.replace(/\/+$/, '');
  if (text === '') {
    return { ok: false, message: `Enter the tenant's domain (${EXAMPLE}).` };
  }
  if (/\s/.test(text)) {
    return { ok: false, message: `A tenant domain cannot contain spaces (${EXAMPLE}).` };
  }
  if (text.includes('@')) {
    return { ok: false, message: `Enter the host name only, without a user name or password before "@" (${EXAMPLE}).` };
  }
  if (text.includes('/')) {
    return { ok: false, message: `Enter the host name only, without a path such as "/api/v2" (${EXAMPLE}).` };
  }
  if (/[?#]/.test(text)) {
    return { ok: false, message: `Enter the host name only, without "?" or "#" and what follows (${EXAMPLE}).` };
  }
  if (text.startsWith('[') || (text.match(/:/g)?.length ?? 0) >= 2) {
    return { ok: false, message: ipAddressRefusal(text) };
  }
  if (text.includes(':')) {
    return { ok: false, message: `Enter the host name only, without a port (${EXAMPLE}). Auth0 tenants use https on the default port.` };
  }
  if (/[^\x00-\x7f]/.test(text)) {
    return { ok: false, message: `Enter internationalized domain names in their ASCII form (xn--...).` };
  }
  const domain = text.toLowerCase();
  if (domain.length > 253) {
    return { ok: false, message: `"${domain.slice(0, 40)}..." is too long for a domain name (at most 253 characters).` };
  }
  const labels = domain.split('.');
  if (/^(\d+|0x[0-9a-f]*)$/.test(labels.at(-1)!)) {
    // Read as an IPv4 address by every URL parser (WHATWG: a host whose last label is a number).
    return { ok: false, message: ipAddressRefusal(domain) };
  }
  if (labels.length < 2) {
    return { ok: false, message: `"${domain}" is not a full domain name (${EXAMPLE}).` };
  }
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    const why = bad === '' ? 'an empty part (two dots in a row, or a dot at an end)' : `the part "${bad}"`;
    return {
      ok: false,
      message: `"${domain}" is not a valid domain name: ${why}. Each part between dots uses letters, digits and inner hyphens (${EXAMPLE}).`,
    };
  }
  const reserved = NOT_ON_THE_INTERNET[labels.at(-1)!];
  if (reserved !== undefined) {
    return {
      ok: false,
      message:
        `"${domain}" cannot be an Auth0 tenant: names ending in ".${labels.at(-1)!}" ${reserved}, and a tenant (or its custom domain) ` +
        `is a name on the public internet. Enter the tenant's domain (${EXAMPLE}) or its custom domain (e.g. login.example.com).`,
    };
  }
  return { ok: true, domain };
}

function ipAddressRefusal(text: string): string {
  return (
    `"${text}" is an IP address, not a tenant: Auth0 tenants are reached by their domain name (${EXAMPLE}, or a custom ` +
    `domain such as login.example.com), and credentials are sent to no bare address.`
  );
}

/**
 * Top-level names that are never on the public internet, so never an Auth0 tenant or custom domain (Auth0 serves
 * those over public DNS and certificates): the special-use names of RFC 6761, 6762, 7686, 8375 and 9476, ICANN's
 * `.internal` for private networks, and the names ICANN will never delegate (name collisions). Cloud metadata
 * services live under such names (`metadata.google.internal`); IP addresses are refused separately.
 */
const NOT_ON_THE_INTERNET: Readonly<Record<string, string>> = {
  localhost: 'name this machine (RFC 6761)',
  local: 'are multicast DNS names of the local network (RFC 6762)',
  internal: 'are reserved for private networks, such as cloud metadata services (ICANN)',
  test: 'are reserved for testing (RFC 6761)',
  example: 'are reserved for documentation (RFC 6761)',
  invalid: 'are reserved as never valid (RFC 6761)',
  arpa: 'name network infrastructure and home networks (RFC 8375)',
  onion: 'are Tor onion services (RFC 7686)',
  alt: 'are reserved for name systems other than DNS (RFC 9476)',
  corp: 'are never delegated on the internet (ICANN name-collision decision)',
  home: 'are never delegated on the internet (ICANN name-collision decision)',
  mail: 'are never delegated on the internet (ICANN name-collision decision)',
};

/**
 * True for 127.0.0.0/8, ::1 and localhost (host names as WHATWG URL normalises them). Not for `localhost.`: a name
 * ending in a dot is looked up in DNS rather than in the hosts file, so it may lead anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || isLoopbackAddress(host);
}

/** True for a literal loopback address: 127.0.0.0/8 or ::1 (without brackets). */
function isLoopbackAddress(address: string): boolean {
  if (address === '::1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255);
}

/** All addresses of a host name, as `dns.promises.lookup(host, { all: true })` gives them; injectable for tests. */
export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: LookupAll = (hostname) => lookup(hostname, { all: true, verbatim: true });

export type ConnectTarget = { ok: true; urls: string[] } | { ok: false; message: string };

/**
 * Where a request to `url` connects. Only `localhost` needs a lookup (an override is otherwise a literal loopback
 * address, and a tenant is reached by its public name over https): it is resolved as the system resolves it (the
 * hosts file first), every address found must be a loopback one, and the request goes to those addresses, in
 * order, instead of the name, so what was checked is what is connected to.
 */
export async function connectTarget(url: string, lookupAll: LookupAll = systemLookup, signal?: AbortSignal): Promise<ConnectTarget> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: true, urls: [url] };
  }
  if (parsed.hostname !== 'localhost') return { ok: true, urls: [url] };
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await abortable(lookupAll('localhost'), signal);
  } catch (error) {
    if (signal?.aborted) return { ok: true, urls: [] };
    const code = (error as { code?: unknown }).code;
    return { ok: false, message: `localhost could not be resolved to an address (${typeof code === 'string' ? code : String(error)}); use 127.0.0.1 or [::1] in the override instead` };
  }
  const outside = addresses.find((a) => !isLoopbackAddress(a.address));
  if (addresses.length === 0 || outside !== undefined) {
    return {
      ok: false,
      message: `localhost resolves to ${outside?.address ?? 'no address'} on this machine, which is not a loopback address, so nothing was sent there; use 127.0.0.1 or [::1] in the override instead`,
    };
  }
  return {
    ok: true,
    urls: addresses.map(({ address, family }) => {
      parsed.hostname = family === 6 ? `[${address}]` : address;
      return parsed.href;
    }),
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function checkOverride(
  label: string,
  settingHint: string,
  value: string,
  defaultBase: string,
): { ok: true; base: string | undefined } | { ok: false; message: string } {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '' || trimmed === defaultBase) {
    return { ok: true, base: undefined };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `The ${label} override "${trimmed}" is not a URL (${settingHint}).` };
  }
  const refuse = (why: string) => ({
    ok: false as const,
    message:
      `The ${label} override "${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}" was refused: ${why} ` +
      `Overrides exist for tests and local emulators and may only point to this machine (127.0.0.1, ::1 or localhost); ` +
      `remove it to use the tenant's own address.`,
  });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(`only http and https are supported.`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(`it contains a user name or password.`);
  }
  if (url.search !== '' || url.hash !== '') {
    return refuse(`it contains a query or fragment.`);
  }
  if (url.hostname.endsWith('.') && isLoopbackHost(url.hostname.slice(0, -1))) {
    return refuse(`"${url.hostname}" ends in a dot: a name ending in a dot is looked up in DNS, not in this machine's hosts file, so it may lead anywhere.`);
  }
  if (!isLoopbackHost(url.hostname)) {
    return refuse(`${url.hostname} is not a loopback address.`);
  }
  return { ok: true, base: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * The endpoints for a tenant. The domain is normalised first; an override is accepted only when it points to a
 * loopback host (http is allowed there only), and an override equal to the default counts as none.
 */
export function resolveEndpoints(domainInput: string, overrides: EndpointOverrides = {}): EndpointsResult {
  const normalized = normalizeDomain(domainInput);
  if (!normalized.ok) {
    return normalized;
  }
  const { domain } = normalized;
  const defaultApi = `https://${domain}/api/v2`;
  const defaultAuth = `https://${domain}`;
  let apiBaseUrl = defaultApi;
  let tokenBaseUrl = defaultAuth;
  if (overrides.apiBaseUrl !== undefined) {
    const checked = checkOverride('Management API base URL', 'e.g. http://127.0.0.1:3000/api/v2', overrides.apiBaseUrl, defaultApi);
    if (!checked.ok) {
      return checked;
    }
    apiBaseUrl = checked.base ?? defaultApi;
  }
  if (overrides.authBaseUrl !== undefined) {
    const checked = checkOverride('token endpoint base URL', 'e.g. http://127.0.0.1:3000', overrides.authBaseUrl, defaultAuth);
    if (!checked.ok) {
      return checked;
    }
    tokenBaseUrl = checked.base ?? defaultAuth;
  }
  return {
    ok: true,
    endpoints: {
      domain,
      apiBaseUrl,
      tokenBaseUrl,
      audience: `https://${domain}/api/v2/`,
      overridden: apiBaseUrl !== defaultApi || tokenBaseUrl !== defaultAuth,
    },
  };
}

/**
 * Where Management API requests for a tenant go, for messages: the tenant's domain, or the override standing in for
 * it (`the Management API override http://127.0.0.1:3000/api/v2 used for t.auth0.com`), so that a failure there is
 * not blamed on the tenant.
 */
export function apiTarget(endpoints: TenantEndpoints): string {
  return endpoints.apiBaseUrl === `https://${endpoints.domain}/api/v2`
    ? endpoints.domain
    : `the Management API override ${endpoints.apiBaseUrl} used for ${endpoints.domain}`;
}

/** `resolveEndpoints` for a stored tenant configuration. */
export function endpointsFor(tenant: TenantConfig): EndpointsResult {
  return resolveEndpoints(tenant.domain, { apiBaseUrl: tenant.apiBaseUrl, authBaseUrl: tenant.authBaseUrl });
}

/**
 * The Auth0 Dashboard page listing the tenant's connections, when the domain is a canonical Auth0 one
 * (`{tenant}.auth0.com` or `{tenant}.{region}.auth0.com`); undefined for custom domains, where the tenant name
 * cannot be known from the host.
 */
export function dashboardUrl(domain: string): string | undefined {
  const match = /^([a-z0-9-]+)(?:\.([a-z0-9-]+))?\.auth0\.com$/.exec(domain);
  if (!match) {
    return undefined;
  }
  const tenant = match[1]!;
  const region = match[2] ?? 'us';
  return `https://manage.auth0.com/dashboard/${region}/${tenant}/`;
}
