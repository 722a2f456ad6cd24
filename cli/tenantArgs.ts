/**
 * Which tenant a command talks to, and where its requests go: `--domain` (or AUTH0_DOMAIN, the name auth0-deploy-cli
 * and the Terraform provider read), and the loopback-only `--api-base-url` / `--auth-base-url` overrides. Shared by
 * every command that calls a tenant; a flag always wins over the environment.
 */
import { resolveEndpoints, type TenantConfig, type TenantEndpoints } from '../common/auth0';
import type { ParsedArgs } from './args';
import { UsageError } from './exitCodes';

export const DOMAIN_ENV = 'AUTH0_DOMAIN';

export interface TenantTarget {
  /** What the core's requests are given: the domain and the overrides as typed (they are checked again there). */
  tenant: TenantConfig;
  endpoints: TenantEndpoints;
}

export function tenantFromArgs(args: ParsedArgs, env: NodeJS.ProcessEnv, example: string): TenantTarget {
  const fromEnv = env[DOMAIN_ENV]?.trim();
  const domainInput = args.values.get('domain') ?? (fromEnv === '' ? undefined : fromEnv);
  if (domainInput === undefined) {
    throw new UsageError(`Name the tenant with --domain or ${DOMAIN_ENV}, e.g. "${example} --domain my-tenant.eu.auth0.com".`);
  }
  const overrides = { apiBaseUrl: args.values.get('api-base-url'), authBaseUrl: args.values.get('auth-base-url') };
  const resolved = resolveEndpoints(domainInput, overrides);
  if (!resolved.ok) throw new UsageError(resolved.message);
  return { tenant: { domain: resolved.endpoints.domain, ...overrides }, endpoints: resolved.endpoints };
}
