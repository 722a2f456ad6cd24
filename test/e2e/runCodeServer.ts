/**
 * `npm run test:e2e` (and `test:e2e:vsix` with `--vsix`): runs the extension-host suite in a real VS Code: the
 * server and Node extension host of code-server, its web workbench in headless Debian Chromium driven by
 * playwright-core. See test/e2e/REAL-VSCODE-HOST.md for why this and not a desktop VS Code.
 *
 * Environment:
 *   E2E_SCREENSHOTS=<dir>   save PNGs into <dir> when the suite asks (`SCREENSHOT <name> [<selector>|<selector>]`)
 *   E2E_EXTENSION_PATH      extension under development (default: the repository)
 *   E2E_TIMEOUT_MS          whole-run limit (default 600000)
 *   E2E_VERBOSE=1           also relay the workbench's own log lines and browser console errors
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ACTIVATION_LINE, writeActivationReport, type SuiteActivationReport } from './activationReport';
import { buildSuite, removeSuite, REPO_ROOT } from './buildSuite';
import { CHROMIUM_PATH, codeServerEnv, ensureBrowser, ensureCodeServer } from './install';
import { startInOwnGroup, stopTree } from './processes';
import { SUITE_LINE_PREFIX } from './suiteChannel';
import { waitFor } from './waitFor';

const VSIX_PATH = path.join(REPO_ROOT, 'auth0-connections.vsix');
/**
 * The workspaces the suite runs in, one window each on the same code-server: `workspace` holds connection files;
 * `workspace-plain` holds none (package.json, docker-compose.yaml), where the extension must start no server until a
 * file becomes a connection file. The suite's index picks the test files for each by the folder's name.
 */
const WORKSPACES = ['workspace', 'workspace-plain'] as const;
const fixtureOf = (name: string): string => path.join(REPO_ROOT, 'test', 'e2e', name);
const SUMMARY = /^(\d+) passed, (\d+) failed\b/;
const SCREENSHOT = /^SCREENSHOT (\S+)(?: (.+))?$/;
const WAIT_UI = /^WAIT-UI (\S+) (.+)$/;
const READ_UI = /^READ-UI (\S+) (.+)$/;

function say(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

interface Run {
  server?: ChildProcess;
  browser?: Browser;
  tmp?: string;
  suite?: string;
}

const run: Run = {};
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (run.browser) {
      await run.browser.close().catch(() => undefined);
    }
    await stopTree(run.server);
    if (run.tmp && !process.env.E2E_KEEP_TMP) {
      fs.rmSync(run.tmp, { recursive: true, force: true });
    }
    if (run.suite && !process.env.E2E_KEEP_TMP) {
      removeSuite(run.suite);
    }
  })();
  return cleaning;
}

let interrupted: NodeJS.Signals | undefined;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    // tsx relays the terminal's signal to us as well: say it once.
    if (!interrupted) {
      interrupted = sig;
      say(`${sig}: stopping code-server and Chromium`);
    }
    void cleanup().finally(() => process.exit(130));
  });
}

async function startCodeServer(entry: string, tmp: string, extensionsDir: string): Promise<{ port: number; server: ChildProcess }> {
  const userDataDir = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // Quiet workbench: nothing opens on its own, so the editors the suite opens are what screenshots show.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'window.commandCenter': false,
        'editor.minimap.enabled': false,
        // Test plumbing (sentinel files, the settings test's .vscode/) stays out of the screenshots' Explorer.
        'files.exclude': { '**/.sentinels': true, '**/.vscode': true },
      },
      null,
      2,
    ),
  );
  const env = codeServerEnv({
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    E2E_ACK_DIR: path.join(tmp, 'acks'),
    E2E_LINE_PREFIX: SUITE_LINE_PREFIX,
  });
  fs.mkdirSync(env.E2E_ACK_DIR!, { recursive: true });
  const server = startInOwnGroup(
    process.execPath,
    [
      entry,
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--config',
      path.join(tmp, 'code-server.yaml'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  run.server = server;
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (process.env.E2E_VERBOSE) {
      process.stdout.write(`[code-server] ${chunk.toString()}`);
    }
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);
  let exited: number | null | undefined;
  server.on('exit', (code) => (exited = code));

  const port = await waitFor(
    'code-server to print its address',
    () => {
      if (exited !== undefined) {
        throw new Error(`code-server exited with ${exited}:\n${output}`);
      }
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      return match ? Number(match[1]) : undefined;
    },
    { timeoutMs: 60_000 },
  );
  await waitFor(
    `GET http://127.0.0.1:${port}/healthz`,
    async () => {
      if (exited !== undefined) {
        throw new Error(`code-server exited with ${exited}:\n${output}`);
      }
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return response.ok;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return { port, server };
}

function installVsix(entry: string, tmp: string, extensionsDir: string): void {
  if (!fs.existsSync(VSIX_PATH)) {
    throw new Error(`${path.relative(REPO_ROOT, VSIX_PATH)} not found: run \`npm run package\` first`);
  }
  say(`installing ${path.basename(VSIX_PATH)} (${(fs.statSync(VSIX_PATH).size / 1024).toFixed(1)} KiB) with --install-extension`);
  execFileSync(
    process.execPath,
    [
      entry,
      '--user-data-dir',
      path.join(tmp, 'user-data'),
      '--extensions-dir',
      extensionsDir,
      '--config',
      path.join(tmp, 'code-server.yaml'),
      '--install-extension',
      VSIX_PATH,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') },
    },
  );
}

/**
 * Serialises the suite's UI requests (screenshots, waits for a selector) and acknowledges each one with a file named
 * after it in `ackDir`, which the suite waits for. An ack is written even when the request failed, so the suite never
 * hangs on the runner; a failed screenshot is reported here and leaves no PNG.
 */
function uiRequests(page: Page, ackDir: string) {
  const target = process.env.E2E_SCREENSHOTS ? path.resolve(REPO_ROOT, process.env.E2E_SCREENSHOTS) : undefined;
  let queue = Promise.resolve();
  // `a|b` waits for each selector in turn (a CSS selector list would accept either).
  const visible = async (selectors: string | undefined): Promise<void> => {
    for (const one of selectors ? selectors.split('|') : []) {
      await page.waitForSelector(one, { state: 'visible', timeout: 10_000 });
    }
  };
  const enqueue = (ack: string, what: string, work: () => Promise<void>): void => {
    queue = queue.then(async () => {
      try {
        await work();
      } catch (error) {
        say(`${what} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      } finally {
        fs.writeFileSync(path.join(ackDir, ack), 'done');
      }
    });
  };
  return {
    screenshot(name: string, selectors: string | undefined): void {
      enqueue(name, `screenshot ${name}`, async () => {
        if (!target) {
          return;
        }
        await visible(selectors);
        fs.mkdirSync(target, { recursive: true });
        const file = path.join(target, `${name}.png`);
        // Fade-ins (hover, suggest widget) are fast-forwarded to their end state rather than caught half-way.
        await page.screenshot({ path: file, animations: 'disabled' });
        say(`screenshot ${path.relative(REPO_ROOT, file)}`);
      });
    },
    waitUntilVisible(token: string, selectors: string): void {
      enqueue(token, `waiting for ${selectors}`, () => visible(selectors));
    },
    /** Answers with `{ text }` (the first match's text) or `{ error }`, written whole (renamed into place). */
    readText(token: string, selector: string): void {
      queue = queue.then(async () => {
        let answer: { text?: string; error?: string };
        try {
          const element = page.locator(selector).first();
          await element.waitFor({ state: 'visible', timeout: 10_000 });
          answer = { text: ((await element.textContent()) ?? '').trim() };
        } catch (error) {
          answer = { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
        }
        const file = path.join(ackDir, token);
        fs.writeFileSync(`${file}.partial`, JSON.stringify(answer));
        fs.renameSync(`${file}.partial`, file);
      });
    },
  };
}

async function main(): Promise<number> {
  const vsix = process.argv.includes('--vsix');
  const started = Date.now();
  ensureBrowser();
  const { entry } = ensureCodeServer();
  run.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-e2e-'));
  const tmp = run.tmp;
  run.suite = await buildSuite(path.basename(tmp));
  const suiteIndex = run.suite;
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });

  let extensionDevelopmentPath: string;
  if (vsix) {
    installVsix(entry, tmp, extensionsDir);
    // VS Code runs extensionTestsPath only alongside an extensionDevelopmentPath; an empty folder holds no
    // extension, so the one under test is the installed .vsix.
    extensionDevelopmentPath = path.join(tmp, 'no-extension');
    fs.mkdirSync(extensionDevelopmentPath);
    process.env.E2E_EXPECT_EXTENSION_UNDER = extensionsDir;
  } else {
    extensionDevelopmentPath = path.resolve(process.env.E2E_EXTENSION_PATH ?? REPO_ROOT);
    process.env.E2E_EXPECT_EXTENSION_UNDER = extensionDevelopmentPath;
  }

  const { port } = await startCodeServer(entry, tmp, extensionsDir);
  say(`code-server on http://127.0.0.1:${port} (${Math.round((Date.now() - started) / 1000)} s since start)`);

  run.browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Only 127.0.0.1: any other host name fails to resolve, so nothing the workbench tries leaves the machine.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const page = await run.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const ackDir = path.join(tmp, 'acks');
  const ui = uiRequests(page, ackDir);
  let summary: string | undefined;
  let activationReport: SuiteActivationReport | undefined;

  // One window per workspace, one after the other: each run's exit code settles its own promise.
  let settle: { resolve: (code: number) => void; reject: (error: Error) => void } | undefined;
  // VS Code calls this with the test run's exit code once run() settles.
  await page.exposeFunction('codeAutomationExit', (code: number) => settle?.resolve(code));
  page.on('crash', () => settle?.reject(new Error('the workbench page crashed')));
  run.server?.on('exit', (code) => settle?.reject(new Error(`code-server exited (${code}) before the suite finished`)));
  // The extension host's console reaches the page's console (not codeAutomationLog in this build); the suite
  // marks its own lines with SUITE_LINE_PREFIX, so the workbench's chatter is told apart without parsing formats.
  const relaySuiteOutput = (text: string): void => {
    for (const line of text.split('\n')) {
      const screenshot = SCREENSHOT.exec(line.trim());
      if (screenshot) {
        ui.screenshot(screenshot[1]!, screenshot[2]);
        continue;
      }
      const readUi = READ_UI.exec(line.trim());
      if (readUi) {
        ui.readText(readUi[1]!, readUi[2]!);
        continue;
      }
      const activation = ACTIVATION_LINE.exec(line.trim());
      if (activation) {
        try {
          activationReport = JSON.parse(activation[1]!) as SuiteActivationReport;
        } catch (error) {
          say(`unreadable ACTIVATION line: ${String(error)}`);
        }
        continue; // summarised after the run, with what the logs add
      }
      const waitUi = WAIT_UI.exec(line.trim());
      if (waitUi) {
        ui.waitUntilVisible(waitUi[1]!, waitUi[2]!);
        continue;
      }
      if (SUMMARY.test(line.trim())) {
        summary = line.trim();
        continue; // counted, and printed once, last, by the runner
      }
      process.stdout.write(`${line}\n`);
    }
  };
  page.on('console', (message) => {
    const text = message.text();
    const at = text.indexOf(SUITE_LINE_PREFIX);
    if (at >= 0) {
      relaySuiteOutput(text.slice(at + SUITE_LINE_PREFIX.length));
    } else if (process.env.E2E_VERBOSE && (message.type() === 'error' || process.env.E2E_VERBOSE === '2')) {
      process.stdout.write(`[browser] ${text}\n`);
    }
  });

  const remote = (absolute: string): string => `vscode-remote://127.0.0.1:${port}${absolute}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(suiteIndex)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 600_000);
  let passed = 0;
  let failed = 0;
  let worst = 0;
  for (const name of WORKSPACES) {
    const workspace = path.join(tmp, name);
    fs.cpSync(fixtureOf(name), workspace, { recursive: true });
    summary = undefined;
    const exitCode = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    // Awaited in the race below; until then a rejection must not count as unhandled (Node would exit uncleaned).
    exitCode.catch(() => undefined);
    say(`window on ${name}/`);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the suite did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const code = await Promise.race([exitCode, timeout]);
      say(`suite in ${name}/ exited with ${code} after ${Math.round((Date.now() - started) / 1000)} s`);
      const counts = SUMMARY.exec(summary ?? '') ?? ['', '0', code === 0 ? '0' : '1'];
      passed += Number(counts[1]);
      failed += Number(counts[2]);
      worst = Math.max(worst, code === 0 ? 0 : 1);
    } finally {
      clearTimeout(timer);
    }
    if (activationReport) {
      // A measurement that could not be written never changes the suite's verdict.
      say(
        await writeActivationReport(activationReport, path.join(tmp, 'user-data'), vsix ? 'vsix' : 'repository').catch(
          (error: unknown) => `activation figures not written: ${String(error)}`,
        ),
      );
      activationReport = undefined;
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return worst;
}

void main()
  .catch((error: unknown) => {
    if (interrupted) {
      return 130;
    }
    say(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
