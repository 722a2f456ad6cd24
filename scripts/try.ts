/**
 * `npm start`: builds the extension and opens the repository's examples/ folder in a VS Code with it loaded:
 * desktop `code` when the machine has it, otherwise code-server (VS Code in the browser) on 127.0.0.1, with the URL
 * printed. Ctrl+C stops everything it started.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer } from '../test/e2e/install';
import { startInOwnGroup, stopTree } from '../test/e2e/processes';

const REPO_ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const PORT = Number(process.env.PORT ?? 8080);

function hasDesktopCode(): boolean {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  if (spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);

  if (hasDesktopCode() && !process.env.USE_CODE_SERVER) {
    console.log(`Opening ${EXAMPLES} in VS Code with the extension loaded from ${REPO_ROOT}.`);
    const result = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, EXAMPLES], { stdio: 'inherit' });
    process.exit(result.status ?? 0);
  }

  const { entry } = ensureCodeServer();
  const state = path.join(REPO_ROOT, '.cache', 'try');
  mkdirSync(state, { recursive: true });
  const server = startInOwnGroup(
    process.execPath,
    [
      entry,
      '--bind-addr', `127.0.0.1:${PORT}`,
      '--auth', 'none',
      '--user-data-dir', path.join(state, 'user-data'),
      '--extensions-dir', path.join(state, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
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
  const url = `${base}/?folder=${encodeURIComponent(EXAMPLES)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nVS Code (code-server) with the Auth0 Connections extension, on the examples folder:\n\n  ${url}\n`);
  console.log('Open it in a browser on this machine (or forward the port). Ctrl+C stops the server.');
}

void main();
