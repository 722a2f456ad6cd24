/**
 * Installs what the code-server e2e harness needs, idempotently, on a fresh machine (CI starts from one): code-server
 * from npm into the git-ignored `.cache/` (with the Debian packages its install builds with: libkrb5-dev, ripgrep),
 * and, for the tests only, Debian's Chromium for playwright-core to drive. `npm start` (scripts/try.ts) takes
 * code-server alone: a browser is the user's own.
 * code-server is not a project dependency: it is ~360 MB and needs the work-arounds described in
 * test/e2e/REAL-VSCODE-HOST.md, each commented where it is applied below.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../../common/errors';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM_PATH = '/usr/bin/chromium';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Git-ignored; E2E_CACHE_DIR moves it (e.g. to time a cold install without touching the shared one). */
const CACHE_ROOT = path.resolve(REPO_ROOT, process.env.E2E_CACHE_DIR ?? '.cache');

/** Debian package -> a file whose presence proves it is installed (cheaper and clearer than dpkg queries). */
type SystemPackages = Record<string, string>;

/** What installing code-server builds with (work-arounds 2 and 3 below); not needed once it is installed. */
const CODE_SERVER_BUILD_PACKAGES = {
  'libkrb5-dev': '/usr/include/gssapi/gssapi.h',
  ripgrep: '/usr/bin/rg',
} satisfies SystemPackages;

/** What only the tests need: the browser playwright-core (a devDependency) drives. */
const BROWSER_PACKAGES = { chromium: CHROMIUM_PATH } satisfies SystemPackages;

function log(message: string): void {
  process.stdout.write(`[e2e install] ${message}\n`);
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
  }
}

function ensureSystemPackages(packages: SystemPackages): void {
  const missing = Object.entries(packages)
    .filter(([, proof]) => !fs.existsSync(proof))
    .map(([name]) => name);
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

/** Debian's Chromium, for the e2e runner's playwright-core. */
export function ensureBrowser(): void {
  ensureSystemPackages(BROWSER_PACKAGES);
}

export interface CodeServerInstall {
  /** `node <entry>` starts the server. */
  entry: string;
  root: string;
}

/**
 * Installs code-server into `.cache/code-server-<version>/`, once. The install happens in a staging folder that is
 * renamed into place only when complete (marker written last), so an interrupted install is redone rather than
 * used half-done, and two runs installing at once (e.g. `npm start` beside a test run) do not corrupt each other.
 */
export function ensureCodeServer(): CodeServerInstall {
  const root = path.join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}`);
  const entryIn = (dir: string): string => path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const installed = (dir: string): boolean => fs.existsSync(path.join(dir, '.installed')) && fs.existsSync(entryIn(dir));
  if (installed(root)) {
    return { entry: entryIn(root), root };
  }
  ensureSystemPackages(CODE_SERVER_BUILD_PACKAGES);
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(REPO_ROOT, root)} (once, 1-2 min)`);
  const staging = `${root}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    installInto(staging);
    if (!fs.existsSync(entryIn(staging))) {
      throw new Error(`code-server installed but ${entryIn(staging)} is missing`);
    }
    fs.writeFileSync(path.join(staging, '.installed'), `${new Date().toISOString()}\n`);
    if (installed(root)) {
      log('another run finished installing first; using its copy');
    } else {
      fs.rmSync(root, { recursive: true, force: true });
      fs.renameSync(staging, root);
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return { entry: entryIn(root), root };
}

function installInto(root: string): void {
  const tmp = path.join(root, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, name: 'e2e-code-server' }, null, 2));

  execFileSync('npm', ['pack', '--silent', `code-server@${CODE_SERVER_VERSION}`], { cwd: root, stdio: 'pipe' });
  const tarball = path.join(root, `code-server-${CODE_SERVER_VERSION}.tgz`);

  seedRipgrepCache(root, tarball, tmp);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Work-around 1: code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // Work-around 4: node-pty's build runs `npx node-gyp`, which would otherwise prompt.
    npm_config_yes: 'true',
    // Work-around 3 (with seedRipgrepCache): @vscode/ripgrep looks for its download cache under os.tmpdir().
    TMPDIR: tmp,
  };
  // Work-around 2 is libkrb5-dev (CODE_SERVER_BUILD_PACKAGES): the `kerberos` addon builds against gssapi.h.
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', tarball], { cwd: root, env });
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(tarball, { force: true });
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks in
 * `$TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<release>-<target>.tar.gz`, so we put Debian's rg there.
 * Both versions are read from the packages themselves, so a code-server upgrade needs no edit here.
 */
function seedRipgrepCache(root: string, codeServerTarball: string, tmp: string): void {
  const shrinkwrap = execFileSync('tar', ['-xzOf', codeServerTarball, 'package/lib/vscode/npm-shrinkwrap.json'], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
  const packages = (JSON.parse(shrinkwrap) as { packages: Record<string, { version?: string }> }).packages;
  const ripgrepVersion = packages['node_modules/@vscode/ripgrep']?.version;
  if (!ripgrepVersion) {
    throw new Error('Could not find @vscode/ripgrep in code-server lib/vscode/npm-shrinkwrap.json');
  }
  const packed = execFileSync('npm', ['pack', '--silent', `@vscode/ripgrep@${ripgrepVersion}`], { cwd: tmp })
    .toString()
    .trim()
    .split('\n')
    .pop();
  if (!packed) {
    throw new Error(`npm pack @vscode/ripgrep@${ripgrepVersion} printed no file name`);
  }
  const postinstall = execFileSync('tar', ['-xzOf', path.join(tmp, packed), 'package/lib/postinstall.js']).toString();
  const release = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
  if (!release) {
    throw new Error(`Could not read the ripgrep release from @vscode/ripgrep@${ripgrepVersion} lib/postinstall.js`);
  }
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${ripgrepVersion}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = path.join(root, 'rg-staging');
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(CODE_SERVER_BUILD_PACKAGES.ripgrep, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  run('tar', ['-czf', path.join(cacheDir, `ripgrep-${release}-${target}.tar.gz`), '-C', staging, 'rg']);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(path.join(tmp, packed), { force: true });
  log(`seeded ripgrep cache ${ripgrepVersion} / ${release} with Debian's rg`);
}

if (require.main === module) {
  try {
    ensureBrowser();
    const { entry } = ensureCodeServer();
    log(`ready: ${entry}`);
  } catch (error) {
    process.stderr.write(`[e2e install] ${errorMessage(error)}\n`);
    process.exit(1);
  }
}

/**
 * The environment code-server runs in: this process's, without a VS Code terminal's variables (VSCODE_*, ELECTRON_*:
 * they make the server think it is nested in another VS Code), plus `extra`.
 */
export function codeServerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('VSCODE_') && !key.startsWith('ELECTRON_')) env[key] = value;
  return { ...env, ...extra };
}
