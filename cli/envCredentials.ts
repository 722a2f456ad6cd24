/**
 * Credentials from the environment, under the names other Auth0 tools use: AUTH0_ACCESS_TOKEN (auth0-deploy-cli, the
 * Auth0 CLI's CI docs) or AUTH0_API_TOKEN (the Terraform provider), or AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET.
 * Messages name the variables, never a value.
 */
import { readAccessToken, type Credentials } from '../common/auth0';

export const ENV = {
  clientId: 'AUTH0_CLIENT_ID',
  clientSecret: 'AUTH0_CLIENT_SECRET',
  accessToken: 'AUTH0_ACCESS_TOKEN',
  /** The Terraform provider's name for the same token; AUTH0_ACCESS_TOKEN wins when both are set. */
  apiToken: 'AUTH0_API_TOKEN',
} as const;

export type EnvCredentials =
  | { ok: true; credentials: Credentials; description: string; warnings: string[] }
  | { ok: false; message: string };

const how = (scopes: string) =>
  `Set ${ENV.clientId} and ${ENV.clientSecret} (a machine-to-machine application authorized for the Auth0 Management ` +
  `API with ${scopes}), or ${ENV.accessToken} / ${ENV.apiToken} (a Management API token with ${scopes}).`;

/**
 * A pasted token is used as is when set (as auth0-deploy-cli does); otherwise the application's credentials.
 * `scopes` names what the command needs, for the message when none are set.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv, domain: string, scopes = 'create:connections'): EnvCredentials {
  const HOW = how(scopes);
  const accessToken = env[ENV.accessToken]?.trim() ?? '';
  const apiToken = env[ENV.apiToken]?.trim() ?? '';
  const tokenVariable = accessToken !== '' ? ENV.accessToken : ENV.apiToken;
  const token = accessToken !== '' ? accessToken : apiToken;
  const clientId = env[ENV.clientId]?.trim() ?? '';
  const clientSecret = env[ENV.clientSecret] ?? '';
  if (token !== '') {
    const warnings = readAccessToken(token, { domain }).problems.map((p) => p.message);
    if (accessToken !== '' && apiToken !== '' && accessToken !== apiToken) {
      warnings.push(`${ENV.accessToken} and ${ENV.apiToken} hold different tokens; ${ENV.accessToken} is used.`);
    }
    if (clientId !== '' || clientSecret !== '') {
      warnings.push(`${tokenVariable} is set, so ${ENV.clientId} / ${ENV.clientSecret} are not used.`);
    }
    return { ok: true, credentials: { kind: 'access-token', token }, description: `the access token in ${tokenVariable}`, warnings };
  }
  if (clientId !== '' && clientSecret !== '') {
    return {
      ok: true,
      credentials: { kind: 'client-credentials', clientId, clientSecret },
      description: `the application ${clientId} (${ENV.clientId} / ${ENV.clientSecret})`,
      warnings: [],
    };
  }
  if (clientId !== '') return { ok: false, message: `${ENV.clientId} is set but ${ENV.clientSecret} is not. ${HOW}` };
  if (clientSecret !== '') return { ok: false, message: `${ENV.clientSecret} is set but ${ENV.clientId} is not. ${HOW}` };
  return { ok: false, message: `No credentials for ${domain}. ${HOW}` };
}
