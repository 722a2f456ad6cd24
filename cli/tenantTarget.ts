/**
 * The tenant options every command that talks to Auth0 takes (`--domain`, or AUTH0_DOMAIN as auth0-deploy-cli and the
 * Terraform provider read it, a flag always winning; the loopback-only `--api-base-url` / `--auth-base-url`;
 * `--timeout`), and the lifecycle session they open with
 * the credentials of the environment. Usage problems are thrown as UsageError (exit 2); nothing is sent before they are settled.
 */
import { DEFAULT_TIMEOUT_MS, LifecycleSession, resolveEndpoints, type TenantConfig, type TenantEndpoints } from '../common/auth0';
import type { OptionSpec, ParsedArgs } from './args';
import { credentialsFromEnv } from './envCredentials';
import { UsageError } from './exitCodes';
import type { CliIO } from './io';
import { progressReporting } from './progress';

export const TENANT_OPTIONS: readonly OptionSpec[] = [
  { name: 'domain', kind: 'value', valueName: 'TENANT' },
  { name: 'api-base-url', kind: 'value', valueName: 'URL' },
  { name: 'auth-base-url', kind: 'value', valueName: 'URL' },
  { name: 'timeout', kind: 'value', valueName: 'SECONDS' },
];

export interface TenantTarget {
  endpoints: TenantEndpoints;
  tenant: TenantConfig;
  timeoutMs: number;
}

const DOMAIN_ENV = 'AUTH0_DOMAIN';

/** The tenant the arguments (or AUTH0_DOMAIN) name, with its loopback overrides checked; `example` for the message. */
export function tenantTarget(args: ParsedArgs, io: CliIO, example: string): TenantTarget {
  const fromEnv = io.env[DOMAIN_ENV]?.trim();
  const domainInput = args.values.get('domain') ?? (fromEnv === '' ? undefined : fromEnv);
  if (domainInput === undefined) {
    throw new UsageError(`Name the tenant with --domain or ${DOMAIN_ENV}, e.g. "${example} --domain my-tenant.eu.auth0.com".`);
  }
  const overrides = { apiBaseUrl: args.values.get('api-base-url'), authBaseUrl: args.values.get('auth-base-url') };
  const resolved = resolveEndpoints(domainInput, overrides);
  if (!resolved.ok) throw new UsageError(resolved.message);
  // The core is given the domain and the overrides as typed (it checks them again).
  return { tenant: { domain: resolved.endpoints.domain, ...overrides }, endpoints: resolved.endpoints, timeoutMs: parseTimeout(args.values.get('timeout')) };
}

export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--timeout takes a number of seconds, more than 0 and at most 3600 (got "${value}").`);
  }
  return Math.round(seconds * 1000);
}

/**
 * A session on the target with the environment's credentials (refused as a usage error when none are set) and the
 * environment as the source of placeholder values. `scopes` names what the command needs, for messages.
 * `verbose` false keeps per-request progress off stderr. Call `end()` once the requests are done.
 */
export function openSession(target: TenantTarget, io: CliIO, scopes: string, verbose = true): { session: LifecycleSession; end(): void } {
  const fromEnv = credentialsFromEnv(io.env, target.endpoints.domain, scopes);
  if (!fromEnv.ok) throw new UsageError(fromEnv.message);
  for (const warning of fromEnv.warnings) io.err(`Warning: ${warning}\n`);
  const progress = progressReporting(io, target.endpoints.domain, verbose);
  const opened = LifecycleSession.open({
    tenant: target.tenant,
    credentials: fromEnv.credentials,
    timeoutMs: target.timeoutMs,
    signal: io.signal,
    env: io.env,
    onProgress: progress.onProgress,
    onRateLimitWait: progress.onRateLimitWait,
  });
  if (!opened.ok) throw new UsageError(opened.message);
  return { session: opened.session, end: progress.end };
}

/** Past this many files, diff and apply list the tenant's connections once instead of looking each file's up. */
export const PRELOAD_FROM_FILES = 10;

/** Lists the connections once when there are many files; the failure's message, or undefined. */
export async function preload(session: LifecycleSession, files: number): Promise<string | undefined> {
  if (files < PRELOAD_FROM_FILES) return undefined;
  const loaded = await session.loadConnections();
  return loaded.ok ? undefined : loaded.userMessage;
}
