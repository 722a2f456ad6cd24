/**
 * One starting body per common strategy, used by the snippets (generated from here by `npm run snippets`), by the
 * server's completion on an empty file and by the "New Connection File..." command. Each body is the smallest one the
 * live API accepts for its strategy (checked against the accepted bodies in the corpus and the spec's required
 * options), with placeholders where the user must put their own values. No `vscode` import.
 */
import { stringify as yamlStringify } from 'yaml';
import type { ConnectionFileFormat } from './connectionFiles';
import { describeStrategy, strategyInfo } from './strategies';

/** A value the user must replace (a tab stop in snippet syntax; its default text otherwise). */
export class Placeholder {
  constructor(readonly text: string) {}
}

export type ScaffoldValue =
  | string
  | number
  | boolean
  | null
  | Placeholder
  | readonly ScaffoldValue[]
  | { readonly [key: string]: ScaffoldValue };

export interface Scaffold {
  strategy: string;
  /** Connection name suggested when none is given. */
  defaultName: string;
  /** Short title for pickers and snippet names, e.g. "SAML identity provider". */
  title: string;
  /** What the user still has to fill in, one sentence. */
  detail: string;
  /** Snippet prefixes (the first is the main one). */
  prefixes: readonly string[];
  /** Properties after `name` and `strategy`, in order. */
  fields: { readonly [key: string]: ScaffoldValue };
}

const ph = (text: string): Placeholder => new Placeholder(text);

const CLIENT_ID = ph('YOUR_CLIENT_ID');
const CLIENT_SECRET = ph('YOUR_CLIENT_SECRET');

/** The scaffolded strategies, in the order pickers show them. */
export const SCAFFOLDS: readonly Scaffold[] = [
  {
    strategy: 'auth0',
    defaultName: 'my-database',
    title: 'Database (username and password)',
    detail: 'Auth0 user store with a password policy; nothing to fill in but the name.',
    prefixes: ['auth0-database', 'auth0-db'],
    fields: {
      options: {
        passwordPolicy: 'good',
        password_complexity_options: { min_length: 8 },
        brute_force_protection: true,
        disable_signup: false,
      },
    },
  },
  {
    strategy: 'google-oauth2',
    defaultName: 'google',
    title: 'Google',
    detail: 'Fill in the OAuth client ID and secret from the Google Cloud console.',
    prefixes: ['auth0-google-oauth2', 'auth0-google'],
    fields: {
      options: {
        client_id: ph('YOUR_GOOGLE_CLIENT_ID'),
        client_secret: ph('YOUR_GOOGLE_CLIENT_SECRET'),
        email: true,
        profile: true,
        scope: ['email', 'profile'],
      },
    },
  },
  {
    strategy: 'github',
    defaultName: 'github',
    title: 'GitHub',
    detail: 'Fill in the client ID and secret of your GitHub OAuth App.',
    prefixes: ['auth0-github'],
    fields: {
      options: {
        client_id: ph('YOUR_GITHUB_CLIENT_ID'),
        client_secret: ph('YOUR_GITHUB_CLIENT_SECRET'),
        email: true,
        read_user: true,
      },
    },
  },
  {
    strategy: 'samlp',
    defaultName: 'my-saml-idp',
    title: 'SAML identity provider',
    detail: "Fill in the IdP's sign-in URL and its signing certificate (PEM, or the PEM in base64).",
    prefixes: ['auth0-samlp', 'auth0-saml'],
    fields: {
      show_as_button: true,
      options: {
        signInEndpoint: ph('https://idp.example.com/saml/sso'),
        signingCert: ph('BASE64_OF_THE_IDP_SIGNING_CERTIFICATE_PEM'),
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        domain_aliases: [ph('example.com')],
      },
    },
  },
  {
    strategy: 'oidc',
    defaultName: 'my-oidc-idp',
    title: 'OpenID Connect identity provider',
    detail: "Fill in the provider's discovery URL and the client ID and secret it issued.",
    prefixes: ['auth0-oidc'],
    fields: {
      show_as_button: true,
      options: {
        type: 'back_channel',
        discovery_url: ph('https://idp.example.com/.well-known/openid-configuration'),
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        scope: 'openid profile email',
      },
    },
  },
  {
    strategy: 'okta',
    defaultName: 'my-okta',
    title: 'Okta Workforce Identity',
    detail: 'Fill in your Okta domain and the client ID and secret of the Okta app integration.',
    prefixes: ['auth0-okta'],
    fields: {
      show_as_button: true,
      options: {
        domain: ph('your-org.okta.com'),
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        scope: 'openid profile email',
      },
    },
  },
  {
    strategy: 'waad',
    defaultName: 'my-entra-id',
    title: 'Microsoft Entra ID (Azure AD)',
    detail: 'Fill in your Entra tenant domain and the application (client) ID and secret.',
    prefixes: ['auth0-waad', 'auth0-azure-ad', 'auth0-entra-id'],
    fields: {
      show_as_button: true,
      options: {
        tenant_domain: ph('your-tenant.onmicrosoft.com'),
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        identity_api: 'microsoft-identity-platform-v2.0',
        waad_protocol: 'openid-connect',
      },
    },
  },
  {
    strategy: 'adfs',
    defaultName: 'my-adfs',
    title: 'Microsoft AD FS',
    detail: "Fill in the URL of your AD FS server's federation metadata.",
    prefixes: ['auth0-adfs'],
    fields: {
      show_as_button: true,
      options: {
        adfs_server: ph('https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml'),
        domain_aliases: [ph('example.com')],
      },
    },
  },
  {
    strategy: 'sms',
    defaultName: 'sms',
    title: 'Passwordless SMS',
    detail:
      "Sends codes through the tenant's phone provider (Branding > Phone Provider), which must be set up first; " +
      'the per-connection Twilio options are deprecated.',
    prefixes: ['auth0-sms'],
    fields: {
      options: {
        name: 'sms',
        totp: { time_step: 300, length: 6 },
        brute_force_protection: true,
        disable_signup: false,
      },
    },
  },
  {
    strategy: 'email',
    defaultName: 'email',
    title: 'Passwordless email',
    detail: 'Fill in the sender address; adjust the subject and the message if you like.',
    prefixes: ['auth0-email'],
    fields: {
      options: {
        name: 'email',
        email: {
          syntax: 'liquid',
          from: ph('{{ application.name }} <no-reply@example.com>'),
          subject: 'Your sign-in code for {{ application.name }}',
          body: '<html><body><p>Your sign-in code is <b>{{ code }}</b>. It expires in 5 minutes.</p></body></html>',
        },
        totp: { time_step: 300, length: 6 },
        brute_force_protection: true,
        disable_signup: false,
      },
    },
  },
];

/** The scaffold for a strategy: a dedicated one, or a generic `{name, strategy, options: {}}` for the others. */
export function scaffoldFor(strategy: string): Scaffold {
  const dedicated = SCAFFOLDS.find((s) => s.strategy === strategy);
  if (dedicated) {
    return dedicated;
  }
  const info = strategyInfo(strategy);
  return {
    strategy,
    defaultName: `my-${strategy.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'connection'}`,
    title: info?.label ?? strategy,
    detail: `${describeStrategy(strategy)}: add its options.`,
    prefixes: [`auth0-${strategy}`],
    fields: { options: {} },
  };
}

export interface RenderOptions {
  /** VS Code snippet syntax: `${1:name}` tab stops, `$`, `}` and `\` escaped in the rest. */
  snippet?: boolean;
  /** Connection name; the scaffold's `defaultName` when omitted. */
  name?: string;
}

/** The scaffold as a plain value (placeholders replaced by their default text). */
export function scaffoldBody(strategy: string, name?: string): Record<string, unknown> {
  return toPlain(bodyWithPlaceholders(scaffoldFor(strategy), name)) as Record<string, unknown>;
}

/**
 * The scaffold as document text in `format`, ending with a newline. With `snippet`, each placeholder becomes a tab
 * stop (`name` is `${1:...}`, the others follow in document order).
 */
export function renderScaffold(strategy: string, format: ConnectionFileFormat, options: RenderOptions = {}): string {
  const body = bodyWithPlaceholders(scaffoldFor(strategy), options.name);
  if (!options.snippet) {
    return renderPlain(toPlain(body), format);
  }
  // Render once with a unique plain token per placeholder, then swap tokens for tab stops and escape the rest.
  const placeholders: Placeholder[] = [];
  const tokenized = mapPlaceholders(body, (p) => {
    placeholders.push(p);
    return `${TOKEN_PREFIX}${placeholders.length}${TOKEN_SUFFIX}`;
  });
  const text = renderPlain(tokenized, format);
  const token = new RegExp(`"?${TOKEN_PREFIX}(\\d+)${TOKEN_SUFFIX}"?`, 'g');
  let out = '';
  let last = 0;
  for (const match of text.matchAll(token)) {
    const index = match.index ?? 0;
    const placeholder = placeholders[Number(match[1]) - 1];
    if (!placeholder) {
      throw new Error(`scaffold token ${match[0]} has no placeholder`);
    }
    out += escapeSnippetText(text.slice(last, index));
    out += tabStop(Number(match[1]), placeholder.text, format);
    last = index + match[0].length;
  }
  return out + escapeSnippetText(text.slice(last));
}

/** Text safe to put in a snippet body outside a placeholder. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

export interface SnippetDefinition {
  prefix: string[];
  description: string;
  isFileTemplate: boolean;
  body: string[];
}

/** The contents of `snippets/connection.<format>.json`, generated by `npm run snippets`. */
export function snippetFile(format: ConnectionFileFormat): string {
  const snippets: Record<string, SnippetDefinition> = {};
  for (const scaffold of SCAFFOLDS) {
    const body = renderScaffold(scaffold.strategy, format, { snippet: true });
    snippets[`Auth0 connection: ${scaffold.title} (${scaffold.strategy})`] = {
      prefix: [...scaffold.prefixes],
      description: `Body for POST /api/v2/connections, strategy ${scaffold.strategy}. ${scaffold.detail}`,
      isFileTemplate: true,
      body: body.replace(/\n$/, '').split('\n'),
    };
  }
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

// --- internals -------------------------------------------------------------------------------------------------

const TOKEN_PREFIX = 'AUTH0SCAFFOLDPLACEHOLDER';
const TOKEN_SUFFIX = 'END';

function bodyWithPlaceholders(scaffold: Scaffold, name: string | undefined): { [key: string]: ScaffoldValue } {
  return { name: ph(name ?? scaffold.defaultName), strategy: scaffold.strategy, ...scaffold.fields };
}

function mapPlaceholders(value: ScaffoldValue, replace: (p: Placeholder) => unknown): unknown {
  if (value instanceof Placeholder) {
    return replace(value);
  }
  if (Array.isArray(value)) {
    return value.map((item: ScaffoldValue) => mapPlaceholders(item, replace));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as { [key: string]: ScaffoldValue })) {
      out[key] = mapPlaceholders(item, replace);
    }
    return out;
  }
  return value;
}

function toPlain(value: ScaffoldValue): unknown {
  return mapPlaceholders(value, (p) => p.text);
}

function renderPlain(value: unknown, format: ConnectionFileFormat): string {
  if (format === 'json') {
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  return yamlStringify(value, { lineWidth: 0, minContentWidth: 0 });
}

/** `${n:default}` with the default written as the format would write the string (quotes outside the tab stop). */
function tabStop(index: number, text: string, format: ConnectionFileFormat): string {
  const needsQuotes = format === 'json' || yamlStringify(text, { lineWidth: 0 }).trimEnd() !== text;
  const inner = needsQuotes ? JSON.stringify(text).slice(1, -1) : text;
  const stop = `\${${index}:${inner.replace(/[$}\\]/g, (c) => `\\${c}`)}}`;
  return needsQuotes ? `"${stop}"` : stop;
}
