/**
 * `npm run test:electron`: the same extension-host suite in desktop VS Code via @vscode/test-electron, for machines
 * that can download VS Code (or have one: E2E_VSCODE_EXECUTABLE=/path/to/code). Where the download host is not
 * reachable (CI here), it fails fast with a message pointing at `npm run test:e2e`, which runs the suite in
 * code-server instead.
 *
 *   --vsix   test the packaged auth0-connections.vsix (installed into a throwaway extensions dir) instead of the
 *            repository as extension under development.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildSuite, removeSuite, REPO_ROOT } from './buildSuite';
import { errorMessage } from '../../common/errors';

const DOWNLOAD_TIMEOUT_MS = 20_000;

function say(message: string): void {
  process.stdout.write(`[e2e electron] ${message}\n`);
}

async function vscodeExecutable(): Promise<string> {
  const local = process.env.E2E_VSCODE_EXECUTABLE;
  if (local) {
    return local;
  }
  say(`downloading VS Code stable (idle timeout ${DOWNLOAD_TIMEOUT_MS / 1000} s)`);
  try {
    return await downloadAndUnzipVSCode({ version: 'stable', timeout: DOWNLOAD_TIMEOUT_MS });
  } catch (error) {
    throw new Error(
      `Could not download desktop VS Code (${errorMessage(error)}). ` +
        'This machine cannot reach the VS Code download host. Set E2E_VSCODE_EXECUTABLE to a local VS Code, ' +
        'or run the same suite in code-server with `npm run test:e2e`.',
    );
  }
}

async function main(): Promise<number> {
  const vsix = process.argv.includes('--vsix');
  const executable = await vscodeExecutable();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth0-e2e-electron-'));
  const extensionTestsPath = await buildSuite(path.basename(tmp));
  try {
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(REPO_ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    const extensionsDir = path.join(tmp, 'extensions');
    const userDataDir = path.join(tmp, 'user-data');
    let extensionDevelopmentPath = REPO_ROOT;
    if (vsix) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(executable);
      const vsixPath = path.join(REPO_ROOT, 'auth0-connections.vsix');
      const installed = spawnSync(cli!, [...cliArgs, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
        stdio: 'inherit',
      });
      if (installed.status !== 0) {
        throw new Error(`installing ${vsixPath} failed`);
      }
      // VS Code runs extension tests only with a development path; an empty one leaves the installed .vsix under test.
      extensionDevelopmentPath = path.join(tmp, 'no-extension');
      fs.mkdirSync(extensionDevelopmentPath);
    }
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: { E2E_EXPECT_EXTENSION_UNDER: vsix ? extensionsDir : REPO_ROOT },
      launchArgs: [
        workspace,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    removeSuite(extensionTestsPath);
  }
}

void main()
  .catch((error: unknown) => {
    say(`FAILED: ${errorMessage(error)}`);
    process.stdout.write('0 passed, 1 failed\n');
    return 1;
  })
  .then((code) => process.exit(code));
