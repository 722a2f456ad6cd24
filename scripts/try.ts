/**
 * `npm start`: builds the extension and opens a scratch copy of the repository's examples/ folder in a VS Code with
 * it loaded: desktop `code` when the machine has it, otherwise code-server (VS Code in the browser) on 127.0.0.1, with
 * the URL printed. Ctrl+C stops everything it started.
 *
 * Nothing tracked is touched: VS Code auto-saves, the broken example invites quick fixes and "New Connection File..."
 * writes into the folder, so the editor gets `.cache/try/examples/` (git-ignored), copied afresh on each start.
 * code-server's own state (user data, extensions, config, logs) stays under `.cache/try/` too, not in ~/.config or
 * ~/.local/share.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeServerEnv, ensureCodeServer } from '../test/e2e/install';
import { startInOwnGroup, stopTree } from '../test/e2e/processes';

const REPO_ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const STATE = path.join(REPO_ROOT, '.cache', 'try');
const SCRATCH_EXAMPLES = path.join(STATE, 'examples');
const PORT = Number(process.env.PORT ?? 8080);

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A fresh copy of examples/: last session's edits and new files are dropped, the originals never change. */
function freshExamples(): string {
  rmSync(SCRATCH_EXAMPLES, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  cpSync(EXAMPLES, SCRATCH_EXAMPLES, { recursive: true });
  return SCRATCH_EXAMPLES;
}

async function main(): Promise<void> {
  if (spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
  const folder = freshExamples();

  if (hasDesktopCode() && !process.env.USE_CODE_SERVER) {
    console.log(`Opening ${folder} (a copy of examples/, renewed on each start) in VS Code with the extension loaded from ${REPO_ROOT}.`);
    const result = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, folder], { stdio: 'inherit' });
    process.exit(result.status ?? 0);
  }

  const { entry } = ensureCodeServer();
  // Every option is on the command line. An empty config file of our own keeps code-server from writing its default
  // one (with a generated password) to ~/.config/code-server/config.yaml; it reads nothing from an empty file.
  const configFile = path.join(STATE, 'code-server-config.yaml');
  writeFileSync(configFile, '');
  const server = startInOwnGroup(
    process.execPath,
    [
      entry,
      '--config', configFile,
      '--bind-addr', `127.0.0.1:${PORT}`,
      '--auth', 'none',
      '--user-data-dir', path.join(STATE, 'user-data'),
      '--extensions-dir', path.join(STATE, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: codeServerEnv({
        EXTENSIONS_GALLERY: '{}',
        // Whatever --user-data-dir says, code-server writes its logs and heartbeat under $XDG_DATA_HOME/code-server
        // and VS Code its device id under $XDG_CACHE_HOME/Microsoft; both default to the home folder.
        XDG_DATA_HOME: path.join(STATE, 'xdg-data'),
        XDG_CACHE_HOME: path.join(STATE, 'xdg-cache'),
      }),
    },
  );
  const stop = (): void => void stopTree(server).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const base = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      console.error(`code-server did not come up on ${base}; is port ${PORT} free? (set PORT=... to choose another)`);
      await stopTree(server);
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${PORT}${REPO_ROOT}`]]);
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nVS Code (code-server) with the Auth0 Connections extension, on a scratch copy of examples/:\n\n  ${url}\n`);
  console.log(`Edits stay in ${path.relative(REPO_ROOT, folder)}/ and are replaced by a fresh copy on the next start.`);
  console.log('Open it in a browser on this machine (or forward the port). Ctrl+C stops the server.');
}

void main();
