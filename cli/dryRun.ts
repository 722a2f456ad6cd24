/**
 * The request `create` would send, as text: the same method, URL, headers and body as `createConnection` builds,
 * with the bearer token and the secrets in `options` masked. Nothing here touches the network.
 */
import { MASK, maskSecrets, type Credentials, type TenantEndpoints } from '../common/auth0';

export function describeRequest(endpoints: TenantEndpoints, body: Record<string, unknown>): string {
  const lines = [
    `POST ${endpoints.apiBaseUrl}/connections`,
    `authorization: Bearer ${MASK}`,
    'content-type: application/json',
    'accept: application/json',
    '',
    JSON.stringify(maskSecrets(body), null, 2),
    '',
  ];
  return lines.join('\n');
}

/** Where the bearer token would come from, for a line on stderr. */
export function describeTokenSource(endpoints: TenantEndpoints, credentials: Credentials | undefined, description: string | undefined): string {
  if (credentials === undefined) {
    return 'No credentials are set in the environment; a real run needs them (see --help).';
  }
  if (credentials.kind === 'client-credentials') {
    return `The token would first be requested from ${endpoints.tokenBaseUrl}/oauth/token for ${description ?? 'the application'}.`;
  }
  return `The token would be ${description ?? 'the access token given'}.`;
}
