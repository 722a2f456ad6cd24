/**
 * Writes `out/e2e/activation.json` (read by `npm run bench`) after a code-server run, from what VS Code itself
 * recorded: the suite's `ACTIVATION {...}` line (the Running Extensions figure it had the runner read from the
 * workbench, and its own open-to-active timings) and the run's log files (the extension host's
 * `ExtensionService#_doActivateExtension` line, which says when and why VS Code activated the extension, and the
 * extension's own "Language server started" line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from '../../common/protocol';
import { REPO_ROOT } from './buildSuite';
import { waitFor } from './waitFor';

export const ACTIVATION_LINE = /^ACTIVATION (\{.*\})$/;
export const ACTIVATION_FILE = path.join(REPO_ROOT, 'out', 'e2e', 'activation.json');

/** The suite's `ACTIVATION` line (01-activation.test.ts). */
export interface SuiteActivationReport {
  vscodeVersion: string;
  appName: string;
  extensionPath: string;
  runningExtensions: { text: string; activationMs: number; startup: boolean } | null;
  suite: { activeBeforeOpen: boolean; openToActiveMs: number; openToServerReadyMs: number } | null;
}

interface LogFigures {
  activationEvent: string;
  startup: boolean;
  activationStartedAt: string;
  serverStartedAt: string | undefined;
  serverReadyMs: number | undefined;
}

/** `2026-11-29 09:10:22.067 [info] ...`: VS Code's log timestamp, local time, as epoch ms (differences only). */
function logTime(line: string): number | undefined {
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) /.exec(line);
  return match ? new Date(`${match[1]}T${match[2]}`).getTime() : undefined;
}

function filesUnder(dir: string, accept: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(dir, relative))
    .filter((file) => accept(file) && fs.statSync(file).isFile());
}

function firstLine(files: string[], pattern: RegExp): { line: string; match: RegExpExecArray } | undefined {
  for (const file of files) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const match = pattern.exec(line);
      if (match) return { line, match };
    }
  }
  return undefined;
}

/** Reads the extension host's and the extension's logs under `<userDataDir>/logs` (waits for them to be flushed). */
async function fromLogs(userDataDir: string): Promise<LogFigures | undefined> {
  const logs = path.join(userDataDir, 'logs');
  const escaped = EXTENSION_ID.replace(/\./g, '\\.');
  const activated = new RegExp(`ExtensionService#_doActivateExtension ${escaped}, startup: (true|false), activationEvent: '([^']*)'`);
  const started = /\[info\] Language server started \(/;
  const found = await waitFor(
    `the activation of ${EXTENSION_ID} in the extension host log and "Language server started" in its own log`,
    () => {
      const hostLogs = filesUnder(logs, (file) => /exthost\d*[/\\][^/\\]*exthost\.log$/i.test(file));
      const ownLogs = filesUnder(logs, (file) => file.includes(`${path.sep}${EXTENSION_ID}${path.sep}`));
      const activation = firstLine(hostLogs, activated);
      const server = firstLine(ownLogs, started);
      return activation && server ? { activation, server } : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 100 },
  ).catch(() => undefined);
  if (!found) return undefined;
  const start = logTime(found.activation.line);
  const ready = logTime(found.server.line);
  return {
    activationEvent: found.activation.match[2]!,
    startup: found.activation.match[1] === 'true',
    activationStartedAt: found.activation.line.slice(0, 23),
    serverStartedAt: found.server.line.slice(0, 23),
    serverReadyMs: start !== undefined && ready !== undefined ? ready - start : undefined,
  };
}

/** Writes the file and returns a one-line summary for the run's output (or why nothing was written). */
export async function writeActivationReport(
  report: SuiteActivationReport | undefined,
  userDataDir: string,
  mode: 'repository' | 'vsix',
): Promise<string> {
  if (!report) {
    return `${path.relative(REPO_ROOT, ACTIVATION_FILE)} not written: the suite reported no activation figures`;
  }
  const logsSaid = await fromLogs(userDataDir);
  const shown = report.runningExtensions;
  const seen = report.suite;
  // VS Code's figure when the workbench showed one; else what the suite timed, but only if it saw the activation
  // happen (when the extension was already active, open-to-active measures nothing).
  const activationMs = shown?.activationMs ?? (seen && !seen.activeBeforeOpen ? seen.openToActiveMs : null);
  const serverReadyMs = logsSaid?.serverReadyMs ?? (seen && !seen.activeBeforeOpen ? seen.openToServerReadyMs : null);
  const activationSource = shown
    ? `VS Code's Running Extensions ("${shown.text}" = codeLoadingTime + activateCallTime)`
    : activationMs !== null
      ? 'suite: openTextDocument -> isActive'
      : 'none (Running Extensions not read, extension already active when the suite opened a file)';
  const readySource = logsSaid?.serverReadyMs !== undefined
    ? `logs: exthost "_doActivateExtension" (${logsSaid.activationStartedAt}) -> "Language server started" (${logsSaid.serverStartedAt})`
    : serverReadyMs !== null
      ? 'suite: openTextDocument -> serverStarted'
      : 'none (logs not found)';
  const trigger = logsSaid ? `, activated by '${logsSaid.activationEvent}'${logsSaid.startup ? ' (startup)' : ''}` : '';
  const data = {
    activationMs,
    serverReadyMs,
    source: `VS Code ${report.vscodeVersion} (${report.appName}), ${mode === 'vsix' ? 'installed .vsix' : 'repository'}${trigger}; activationMs: ${activationSource}; serverReadyMs: ${readySource}`,
    vscodeVersion: report.vscodeVersion,
    measuredAt: new Date().toISOString(),
    mode,
    extensionPath: report.extensionPath,
    activationEvent: logsSaid?.activationEvent ?? null,
    startupActivation: logsSaid?.startup ?? null,
    runningExtensions: shown,
    suite: seen,
  };
  fs.mkdirSync(path.dirname(ACTIVATION_FILE), { recursive: true });
  fs.writeFileSync(ACTIVATION_FILE, `${JSON.stringify(data, null, 2)}\n`);
  return (
    `activation ${activationMs ?? 'n/a'} ms, + language server ready ${serverReadyMs ?? 'n/a'} ms${trigger} ` +
    `-> ${path.relative(REPO_ROOT, ACTIVATION_FILE)}`
  );
}
