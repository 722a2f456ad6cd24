/**
 * Settings as the server receives them, from any client: `initializationOptions.settings`, a pushed
 * `workspace/didChangeConfiguration`, or the answer to a `workspace/configuration` pull. Clients other than VS Code
 * answer a pull with null for a section they were never given (eglot, Neovim), while their users wrote the settings
 * in `initializationOptions`: an absent section, or an absent or malformed field, keeps what the server had.
 */
import type { ServerSettings } from '../../common/protocol';

/**
 * The settings after `section` (our section as received, any shape) is applied to `previous`. The delay is read
 * under its setting name (`validationDelay`, as VS Code and the README name it) or the server's own
 * (`validationDelayMs`, as the VS Code client's `initializationOptions` carry it); the deploy-cli config path as
 * `deployCli.config` (the setting's name) or `deployCliConfig` (the server's).
 */
export function mergeSettings(previous: ServerSettings, section: unknown): ServerSettings {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return previous;
  const given = section as Record<string, unknown>;
  const files = Array.isArray(given.files) ? given.files.filter((f): f is string => typeof f === 'string') : previous.files;
  const delay = given.validationDelay ?? given.validationDelayMs;
  const validationDelayMs = typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : previous.validationDelayMs;
  const nested = given.deployCli as { config?: unknown } | undefined;
  const config = given.deployCliConfig ?? (typeof nested === 'object' && nested !== null ? nested.config : undefined);
  const deployCliConfig = typeof config === 'string' ? config : previous.deployCliConfig;
  return { files, validationDelayMs, deployCliConfig };
}
