/**
 * What each `strategy` value is, in words a person recognises. The OpenAPI spec lists the values but says nothing of
 * them; these facts come from Auth0's documentation of connection types. Used by the schema generator
 * (enum descriptions), the semantic rules (which options belong where) and the scaffolds.
 */
export type StrategyKind = 'database' | 'social' | 'enterprise' | 'passwordless';

export interface StrategyInfo {
  /** Human name of the identity provider. */
  label: string;
  kind: StrategyKind;
  /** Enterprise connections that speak OpenID Connect to the identity provider (they share the OIDC options). */
  openIdConnect?: true;
}

export const STRATEGIES: Readonly<Record<string, StrategyInfo>> = {
  auth0: { label: 'Database connection (Auth0 user store or custom database)', kind: 'database' },
  ad: { label: 'Active Directory / LDAP through the AD/LDAP Connector', kind: 'enterprise' },
  adfs: { label: 'Microsoft AD FS (WS-Federation)', kind: 'enterprise' },
  'auth0-oidc': { label: 'Another Auth0 tenant over OpenID Connect', kind: 'enterprise', openIdConnect: true },
  custom: { label: 'Custom enterprise connection', kind: 'enterprise' },
  'google-apps': { label: 'Google Workspace', kind: 'enterprise' },
  ip: { label: 'IP address authentication', kind: 'enterprise' },
  office365: { label: 'Office 365 (legacy)', kind: 'enterprise' },
  oidc: { label: 'OpenID Connect identity provider', kind: 'enterprise', openIdConnect: true },
  okta: { label: 'Okta Workforce Identity', kind: 'enterprise', openIdConnect: true },
  pingfederate: { label: 'PingFederate (SAML)', kind: 'enterprise' },
  samlp: { label: 'SAML identity provider', kind: 'enterprise' },
  sharepoint: { label: 'SharePoint Apps (legacy)', kind: 'enterprise' },
  waad: { label: 'Microsoft Entra ID (Azure AD)', kind: 'enterprise' },
  email: { label: 'Passwordless: one-time code or magic link by email', kind: 'passwordless' },
  sms: { label: 'Passwordless: one-time code by SMS', kind: 'passwordless' },
  amazon: { label: 'Amazon social login', kind: 'social' },
  apple: { label: 'Sign in with Apple', kind: 'social' },
  baidu: { label: 'Baidu social login', kind: 'social' },
  bitbucket: { label: 'Bitbucket social login', kind: 'social' },
  bitly: { label: 'Bitly social login', kind: 'social' },
  box: { label: 'Box social login', kind: 'social' },
  daccount: { label: 'dAccount (NTT Docomo) social login', kind: 'social' },
  dropbox: { label: 'Dropbox social login', kind: 'social' },
  dwolla: { label: 'Dwolla social login', kind: 'social' },
  evernote: { label: 'Evernote social login', kind: 'social' },
  'evernote-sandbox': { label: 'Evernote sandbox social login', kind: 'social' },
  exact: { label: 'Exact Online social login', kind: 'social' },
  facebook: { label: 'Facebook social login', kind: 'social' },
  fitbit: { label: 'Fitbit social login', kind: 'social' },
  github: { label: 'GitHub social login', kind: 'social' },
  'google-oauth2': { label: 'Google social login', kind: 'social' },
  instagram: { label: 'Instagram social login', kind: 'social' },
  line: { label: 'LINE social login', kind: 'social' },
  linkedin: { label: 'LinkedIn social login', kind: 'social' },
  oauth1: { label: 'Custom OAuth 1.0 social provider', kind: 'social' },
  oauth2: { label: 'Custom OAuth 2.0 social provider', kind: 'social' },
  paypal: { label: 'PayPal social login', kind: 'social' },
  'paypal-sandbox': { label: 'PayPal sandbox social login', kind: 'social' },
  planningcenter: { label: 'Planning Center social login', kind: 'social' },
  salesforce: { label: 'Salesforce social login', kind: 'social' },
  'salesforce-community': { label: 'Salesforce Community social login', kind: 'social' },
  'salesforce-sandbox': { label: 'Salesforce sandbox social login', kind: 'social' },
  shop: { label: 'Shop social login', kind: 'social' },
  shopify: { label: 'Shopify social login', kind: 'social' },
  soundcloud: { label: 'SoundCloud social login', kind: 'social' },
  thirtysevensignals: { label: '37signals (Basecamp) social login', kind: 'social' },
  twitter: { label: 'X (Twitter) social login', kind: 'social' },
  untappd: { label: 'Untappd social login', kind: 'social' },
  vkontakte: { label: 'VKontakte social login', kind: 'social' },
  weibo: { label: 'Weibo social login', kind: 'social' },
  windowslive: { label: 'Microsoft Account social login', kind: 'social' },
  wordpress: { label: 'WordPress social login', kind: 'social' },
  yahoo: { label: 'Yahoo social login', kind: 'social' },
  yandex: { label: 'Yandex social login', kind: 'social' },
};

export function strategyInfo(strategy: string | undefined): StrategyInfo | undefined {
  return strategy !== undefined && Object.prototype.hasOwnProperty.call(STRATEGIES, strategy)
    ? STRATEGIES[strategy]
    : undefined;
}

/** "SAML identity provider (enterprise)" — the one-line description shown beside a strategy value. */
export function describeStrategy(strategy: string): string {
  const info = strategyInfo(strategy);
  return info ? `${info.label} (${info.kind})` : 'Unknown strategy';
}
