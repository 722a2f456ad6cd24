/**
 * The CLI as a user runs it: `node dist/cli.js ...` in a child process (build first: `npm run build`), asserting
 * stdout, stderr and exit codes. `create` talks only to the Auth0-like server this test starts on 127.0.0.1.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify as toYaml } from 'yaml';
import { generateDocument } from '../../bench/documents/generate';
import {
  answers,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_DOMAIN,
  startFakeAuth0,
  type FakeAuth0,
} from '../fixtures/fakeAuth0Server';
import { hostile, startHostileServer, type HostileServer } from '../fixtures/hostileServer';
import { CLI, cliEnv, REPO, runCli, startCli, type Run } from './runCli';

// Relative to the repository, the CLI's working directory: the paths it prints are the ones given.
const CORPUS_FROM_REPO = 'test/fixtures/corpus';
const corpusDir = resolve(REPO, CORPUS_FROM_REPO);
const corpusFiles = readdirSync(corpusDir).filter((name) => /^\d\d-.*\.json$/.test(name));
const corpus = (from: number, to: number): string[] =>
  corpusFiles.filter((name) => Number(name.slice(0, 2)) >= from && Number(name.slice(0, 2)) <= to).map((name) => `${CORPUS_FROM_REPO}/${name}`);


const cli = runCli;

function assertNoStackTrace(run: Run): void {
  assert.doesNotMatch(run.stderr + run.stdout, /\n\s+at .+\(.*:\d+:\d+\)/, 'a stack trace was printed');
}

let work: string;
before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" before the CLI tests`);
  work = mkdtempSync(join(tmpdir(), 'auth0-connections-cli-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

function write(relativePath: string, text: string): string {
  const path = join(work, relativePath);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const GOOD_DB = `{
  "name": "my-db",
  "strategy": "auth0",
  "options": {
    "passwordPolicy": "good"
  }
}
`;

void describe('help and version', () => {
  void test('--version prints the package version', async () => {
    const run = await cli(['--version']);
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run.code, 0);
    assert.equal(run.stdout.trim(), version);
  });

  for (const command of ['validate', 'create']) {
    void test(`${command} --help`, async () => {
      const run = await cli([command, '--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, new RegExp(`Usage: auth0-connections ${command}`));
      assert.match(run.stdout, /Exit codes/);
    });
  }

  void test('an unknown option is a usage error (exit 2), not a stack trace', async () => {
    const run = await cli(['validate', '--colour', 'examples/']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown option --colour for "validate"/);
    assertNoStackTrace(run);
  });

  void test('an unknown command is a usage error', async () => {
    const run = await cli(['deploy']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command "deploy"/);
  });
});

void describe('validate: the corpus', () => {
  void test('the real bodies Auth0 accepted (09-41) validate clean', async () => {
    const files = corpus(9, 41);
    assert.equal(files.length, 33, `the corpus is expected at ${corpusDir}`);
    const run = await cli(['validate', ...files]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /: error /);
    assert.match(run.stdout, /^33 files checked: 0 errors, \d+ warnings?/m);
  });

  void test('--strict over the recorded bodies Auth0 accepted fails only for deprecations (JSON and YAML)', async () => {
    const work = mkdtempSync(join(tmpdir(), 'auth0-cli-strict-'));
    try {
      for (const folder of ['recorded', 'recorded-sweep']) {
        const cases = JSON.parse(readFileSync(join(corpusDir, folder, 'cases.json'), 'utf8')) as Array<{ file: string; verdict: string }>;
        const jsonFiles = cases.filter((entry) => entry.verdict === 'accepted').map((entry) => `${CORPUS_FROM_REPO}/${folder}/${entry.file}`);
        const yamlFiles = jsonFiles.map((file) => {
          const target = join(work, folder, file.replace(/^.*\//, '').replace(/\.json$/, '.yaml'));
          mkdirSync(join(work, folder), { recursive: true });
          writeFileSync(target, toYaml(JSON.parse(readFileSync(join(REPO, file), 'utf8'))));
          return target;
        });
        for (const files of [jsonFiles, yamlFiles]) {
          const run = await cli(['validate', '--strict', '--format', 'json', ...files]);
          const report = JSON.parse(run.stdout) as {
            summary: { errors: number; warnings: number };
            files: Array<{ path: string; diagnostics: Array<{ severity: string; code: string; message: string }> }>;
          };
          assert.equal(report.summary.errors, 0, run.stdout);
          const failing = report.files.flatMap((file) => file.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${file.path}: ${d.code} ${d.message}`));
          assert.deepEqual(failing.filter((line) => !/: deprecated-(property|strategy) /.test(line)), [], 'only deprecations fail --strict');
          assert.equal(run.code, failing.length > 0 ? 1 : 0);
          // The same bodies without those holding a deprecated field pass --strict.
          const clean = report.files.filter((file) => !file.diagnostics.some((d) => d.severity === 'warning')).map((file) => file.path);
          assert.ok(clean.length > 0);
          const cleanRun = await cli(['validate', '--strict', ...clean]);
          assert.equal(cleanRun.code, 0, cleanRun.stdout);
        }
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  // The rule each rejected body breaks, and Auth0's own words for it (test/fixtures/corpus/SOURCES.md).
  const rejected: Array<[string, RegExp]> = [
    ['42-', /: error attributes-with-validation .*Cannot set both options\.attributes and options\.validation/],
    ['43-', /: error attributes-with-requires-username .*Cannot set both options\.attributes and options\.requires_username/],
    ['44-', /: error attributes-without-active-identifier .*attributes must contain one active identifier/],
    ['45-', /: error identifier-not-required-on-signup .*attribute phone_number must also be required on signup/],
    ['46-', /: error cross-app-access-unsupported .*Cross App Access Requesting App is not supported for this connection/],
  ];
  for (const [prefix, rule] of rejected) {
    void test(`the body Auth0 rejected, ${prefix}*, fails naming the rule`, async () => {
      const [file] = corpus(Number(prefix.slice(0, 2)), Number(prefix.slice(0, 2)));
      assert.ok(file, `${prefix}* is expected in ${corpusDir}`);
      const run = await cli(['validate', file]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, rule);
      assert.match(run.stdout, new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: error [a-z0-9-]+ `, 'm'));
    });
  }
});

void describe('validate: positions, inputs and exit codes', () => {
  void test('a bad file prints the exact line and column of each problem, sorted', async () => {
    // `name` breaks the naming rule at line 2, column 11 (the value); `strategy` is not a strategy at line 3, column 15.
    write('bad/bad.connection.json', '{\n  "name": "has spaces",\n  "strategy": 42\n}\n');
    const run = await cli(['validate', 'bad/bad.connection.json'], { cwd: work });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    const diagnostics = lines.filter((line) => line.startsWith('bad/bad.connection.json:'));
    assert.ok(diagnostics.some((line) => line.startsWith('bad/bad.connection.json:2:11: error ')), run.stdout);
    assert.ok(diagnostics.some((line) => line.startsWith('bad/bad.connection.json:3:15: error ')), run.stdout);
    const positions = diagnostics.map((line) => line.split(':').slice(1, 3).map(Number) as [number, number]);
    const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(positions, sorted);
    assert.match(lines.at(-1)!, /^1 file checked: \d+ errors?, \d+ warnings?/);
  });

  void test('a YAML file too: line and column of the problem', async () => {
    write('bad/bad.connection.yaml', '# a comment\nstrategy: auth0\nname: two  spaces\n');
    const run = await cli(['validate', 'bad/bad.connection.yaml'], { cwd: work });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^bad\/bad\.connection\.yaml:3:7: error \S+ /m);
  });

  void test('a missing file: exit 2 with a clear message', async () => {
    const run = await cli(['validate', 'nope/missing.connection.json'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^nope\/missing\.connection\.json: No such file or folder\.$/m);
    assertNoStackTrace(run);
  });

  void test('a glob matching nothing: exit 2 with a clear message', async () => {
    const run = await cli(['validate', 'nowhere/**/*.connection.json'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /nowhere\/\*\*\/\*\.connection\.json: Nothing matches this pattern/);
  });

  void test('a glob matching only files that are not connection files says so', async () => {
    write('plain/settings.json', '{"a": 1}\n');
    const run = await cli(['validate', 'plain/*.json'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /matches 1 file, but none is a connection file/);
  });

  void test('an explicit file with an unknown extension: exit 2', async () => {
    write('notes.txt', 'name: x\n');
    const run = await cli(['validate', 'notes.txt'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^notes\.txt: Unknown file type: .*\.json, \.yaml or \.yml/m);
  });

  void test('an explicit file is checked whatever its name', async () => {
    write('explicit/anything.json', GOOD_DB);
    const run = await cli(['validate', 'explicit/anything.json'], { cwd: work });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^1 file checked: 0 errors/m);
  });

  void test('a folder walk picks only connection files, skipping node_modules and .git', async () => {
    write('tree/a.connection.json', GOOD_DB);
    write('tree/sub/b.connection.yaml', 'name: b-db\nstrategy: auth0\n');
    write('tree/sub/deeper/c.connection.yml', 'name: c-db\nstrategy: auth0\n');
    write('tree/package.json', '{"name": "not-a-connection"}\n');
    write('tree/other.yaml', 'name: [broken\n');
    write('tree/node_modules/pkg/x.connection.json', '{ broken');
    write('tree/.git/y.connection.json', '{ broken');
    const run = await cli(['validate', 'tree', '--format', 'json'], { cwd: work });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as { files: Array<{ path: string }> };
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['tree/a.connection.json', 'tree/sub/b.connection.yaml', 'tree/sub/deeper/c.connection.yml'],
    );
  });

  void test('a glob picks connection files by the same patterns', async () => {
    const run = await cli(['validate', 'tree/**/*.y*ml'], { cwd: work });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^2 files checked: 0 errors/m);
  });

  void test('a folder with no connection files: exit 2', async () => {
    mkdirSync(join(work, 'empty'), { recursive: true });
    const run = await cli(['validate', 'empty'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^empty: No connection files in this folder/m);
  });

  void test('warnings pass, unless --strict', async () => {
    // The examples folder is meant to be clean of errors except its deliberately broken file.
    write('warn/w.connection.json', '{\n  "name": "w-db",\n  "strategy": "auth0",\n  "options": { "password_history": { "enable": true } }\n}\n');
    const plain = await cli(['validate', 'warn'], { cwd: work });
    const warnings = Number(/(\d+) warnings?/.exec(plain.stdout)?.[1]);
    if (warnings > 0) {
      assert.equal(plain.code, 0, plain.stdout);
      const strict = await cli(['validate', '--strict', 'warn'], { cwd: work });
      assert.equal(strict.code, 1, strict.stdout);
      const quiet = await cli(['validate', '--quiet', 'warn'], { cwd: work });
      assert.doesNotMatch(quiet.stdout, /: warning /);
    } else {
      assert.equal(plain.code, plain.stdout.includes(': error ') ? 1 : 0);
    }
  });

  void test('a malformed document is reported with its position (exit 2), not crashed on', async () => {
    write('malformed/m.connection.json', '{\n  "name": "m",\n  "strategy": "auth0",,\n');
    const run = await cli(['validate', 'malformed/m.connection.json'], { cwd: work });
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /^malformed\/m\.connection\.json:3:\d+: error syntax /m);
    assert.match(run.stderr, /Not well-formed JSON/);
    assertNoStackTrace(run);
  });

  void test('an empty file, or one of comments only, is an error', async () => {
    write('blank/empty.connection.json', '\n');
    write('blank/comments.connection.yaml', '# nothing here yet\n');
    const run = await cli(['validate', 'blank'], { cwd: work });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^blank\/comments\.connection\.yaml:1:1: error empty-document /m);
    assert.match(run.stdout, /^blank\/empty\.connection\.json:1:1: error empty-document /m);
  });

  void test('a binary file is reported, not crashed on', async () => {
    write('bin/b.connection.json', '\u0000\u0001\u0002binary');
    const run = await cli(['validate', 'bin/b.connection.json'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stdout, /error not-text/);
    assertNoStackTrace(run);
  });

  void test('a file over 64 MB is reported and skipped (exit 2), not read', async () => {
    const path = write('huge/huge.connection.json', '');
    truncateSync(path, 65 * 1024 * 1024); // sparse: costs no disk and no time
    const run = await cli(['validate', 'huge/huge.connection.json'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^huge\/huge\.connection\.json: This file is 65 MB; files over 64 MB are not checked/m);
  });

  void test('a document over the schema limit (6 MB) is checked by the rules, with a note', async () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `"k${i}": "${'v'.repeat(90)}"`).join(',\n      ');
    write('big/big.connection.json', `{\n  "name": "big-db",\n  "strategy": "auth0",\n  "options": {\n    "configuration": {\n      ${filler}\n    }\n  }\n}\n`);
    const run = await cli(['validate', 'big/big.connection.json'], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^big\/big\.connection\.json:1:1: info too-large /m);
  });

  void test('a large document (1 MB) is checked', async () => {
    write('large.json', generateDocument('large.json'));
    const run = await cli(['validate', 'large.json'], { cwd: work });
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stdout, /^1 file checked: /m);
  });
});

void describe('validate: machine formats', () => {
  void test('--format json: files, 1-based positions, severity names', async () => {
    const run = await cli(['validate', '--format', 'json', 'bad/bad.connection.json', 'explicit/anything.json'], { cwd: work });
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as {
      summary: { files: number; errors: number };
      files: Array<{ path: string; diagnostics: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }> }>;
    };
    assert.equal(report.summary.files, 2);
    assert.deepEqual(report.files.map((f) => f.path), ['bad/bad.connection.json', 'explicit/anything.json']);
    const first = report.files[0]!.diagnostics.find((d) => d.line === 2);
    assert.ok(first, run.stdout);
    assert.equal(first.column, 11);
    assert.equal(first.severity, 'error');
    assert.ok(first.endColumn > first.column);
    assert.ok(first.code.length > 0 && first.message.length > 0);
  });

  void test('--format sarif: SARIF 2.1.0 with rules and located results', async () => {
    const run = await cli(['validate', '--format=sarif', 'bad/bad.connection.json'], { cwd: work });
    assert.equal(run.code, 1);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const [runObject] = sarif.runs;
    assert.ok(runObject && runObject.results.length > 0);
    const ruleIds = new Set(runObject.tool.driver.rules.map((r) => r.id));
    for (const result of runObject.results) assert.ok(ruleIds.has(result.ruleId));
    const location = runObject.results[0]!.locations[0]!.physicalLocation;
    assert.equal(location.artifactLocation.uri, 'bad/bad.connection.json');
    assert.deepEqual([location.region.startLine, location.region.startColumn], [2, 11]);
  });
});

void describe('create against the Auth0-like server', () => {
  let server: FakeAuth0;
  const credentials = { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET };
  const target = () => ['--domain', FAKE_DOMAIN, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl];

  before(async () => {
    server = await startFakeAuth0({ existingConnections: ['taken-db'] });
  });
  after(async () => server.close());

  function assertNoSecret(run: Run): void {
    assert.ok(!(run.stdout + run.stderr).includes(FAKE_CLIENT_SECRET), 'the client secret was printed');
  }

  void test('201: prints the new id', async () => {
    write('create/new.connection.json', GOOD_DB.replace('my-db', 'brand-new-db'));
    const run = await cli(['create', 'create/new.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Created connection brand-new-db \(con_[0-9a-f]+\) on test-tenant\.auth0\.com$/m);
    assert.ok(server.connections.has('brand-new-db'));
    assertNoSecret(run);
  });

  void test('400 naming a property: Auth0 message and the property location in the file', async () => {
    const file = 'create/rejected.connection.json';
    write(file, '{\n  "name": "rejected-db",\n  "strategy": "auth0",\n  "options": {\n    "passwordPolicy": "good"\n  }\n}\n');
    server.force(
      'connections',
      answers.badRequest("Payload validation error: 'Expected type object but found type string' on property options.passwordPolicy (Password strength level)."),
    );
    const run = await cli(['create', file, ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^create\/rejected\.connection\.json:5:5: error auth0-api options\.passwordPolicy: /m);
    assert.match(run.stderr, /Expected type object but found type string/);
    assertNoSecret(run);
  });

  void test('400 on a YAML file: the location of the property Auth0 names', async () => {
    const file = 'create/rejected.connection.yaml';
    write(file, '# yaml-language-server: $schema=connection.schema.json\nname: rejected-yaml\nstrategy: auth0\noptions:\n  brute_force_protection: true\n');
    server.force(
      'connections',
      answers.badRequest("Payload validation error: 'Expected type string but found type boolean' on property options.brute_force_protection."),
    );
    const run = await cli(['create', file, ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^create\/rejected\.connection\.yaml:5:3: error auth0-api options\.brute_force_protection: /m);
  });

  void test('403: the credentials lack create:connections', async () => {
    const limited = await startFakeAuth0({ clients: [{ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, scopes: ['read:connections'] }] });
    try {
      write('create/c403.connection.json', GOOD_DB.replace('my-db', 'c403-db'));
      const args = ['create', 'create/c403.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', limited.apiBaseUrl, '--auth-base-url', limited.baseUrl, '--yes'];
      const run = await cli(args, { cwd: work, env: credentials });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /lack the scope create:connections/);
      assertNoSecret(run);
    } finally {
      await limited.close();
    }
  });

  void test('the tenant from AUTH0_DOMAIN when --domain is absent; --domain wins over it', async () => {
    const overrides = ['--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl];
    write('create/env-domain.connection.json', GOOD_DB.replace('my-db', 'env-domain-db'));
    const fromEnv = await cli(['create', 'create/env-domain.connection.json', ...overrides, '--yes'], {
      cwd: work,
      env: { ...credentials, AUTH0_DOMAIN: FAKE_DOMAIN },
    });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(fromEnv.stdout, /^Created connection env-domain-db \(con_[0-9a-f]+\) on test-tenant\.auth0\.com$/m);

    // A wrong AUTH0_DOMAIN is ignored when --domain names the tenant (the credentials are for FAKE_DOMAIN only).
    write('create/flag-domain.connection.json', GOOD_DB.replace('my-db', 'flag-domain-db'));
    const flag = await cli(['create', 'create/flag-domain.connection.json', ...target(), '--yes'], {
      cwd: work,
      env: { ...credentials, AUTH0_DOMAIN: 'other-tenant.eu.auth0.com' },
    });
    assert.equal(flag.code, 0, flag.stderr);
    assert.match(flag.stdout, /Created connection flag-domain-db .* on test-tenant\.auth0\.com/);

    const neither = await cli(['create', 'create/flag-domain.connection.json', ...overrides, '--yes'], { cwd: work, env: credentials });
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /--domain or AUTH0_DOMAIN/);
    const help = await cli(['create', '--help'], { cwd: work });
    assert.match(help.stdout, /AUTH0_DOMAIN when absent/);
    assert.match(help.stdout, /--domain wins over it/);
  });

  void test('a token from AUTH0_API_TOKEN (the Terraform provider\'s name) as from AUTH0_ACCESS_TOKEN', async () => {
    write('create/api-token.connection.json', GOOD_DB.replace('my-db', 'api-token-db'));
    const token = server.issueToken();
    const run = await cli(['create', 'create/api-token.connection.json', ...target(), '--yes'], { cwd: work, env: { AUTH0_API_TOKEN: token } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Created connection api-token-db/);
    assert.ok(!(run.stdout + run.stderr).includes(token), 'the token was printed');
    const help = await cli(['create', '--help'], { cwd: work });
    assert.match(help.stdout, /AUTH0_API_TOKEN/);
  });

  void test('401: the application credentials are refused', async () => {
    write('create/c401.connection.json', GOOD_DB.replace('my-db', 'c401-db'));
    const run = await cli(['create', 'create/c401.connection.json', ...target(), '--yes'], {
      cwd: work,
      env: { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: 'wrong-secret-value-123' },
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /refused the application's credentials/);
    assert.match(run.stderr, /Nothing was created/);
    assert.ok(!run.stderr.includes('wrong-secret-value-123'));
  });

  void test('401: a pasted token that is invalid', async () => {
    write('create/t401.connection.json', GOOD_DB.replace('my-db', 't401-db'));
    const run = await cli(['create', 'create/t401.connection.json', ...target(), '--yes'], {
      cwd: work,
      env: { AUTH0_ACCESS_TOKEN: 'not-a-real-token-abcdef' },
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /invalid or expired/);
    assert.ok(!run.stderr.includes('not-a-real-token-abcdef'));
  });

  void test('409: a connection with that name exists', async () => {
    write('create/taken.connection.json', GOOD_DB.replace('my-db', 'taken-db'));
    const run = await cli(['create', 'create/taken.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /A connection named taken-db already exists on tenant test-tenant\.auth0\.com/);
  });

  void test('5xx: says the connection may or may not exist (exit 1), not retried', async () => {
    write('create/c500.connection.json', GOOD_DB.replace('my-db', 'c500-db'));
    const before = server.count('connections', 'POST');
    server.force('connections', answers.serverError(503));
    const run = await cli(['create', 'create/c500.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /may or may not have been created/);
    assert.equal(server.count('connections', 'POST'), before + 1);
  });

  void test('429: waits with a countdown on stderr, then creates', async () => {
    write('create/c429.connection.json', GOOD_DB.replace('my-db', 'c429-db'));
    server.force('connections', answers.rateLimited({ retryAfterSeconds: 1 }));
    const run = await cli(['create', 'create/c429.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /rate-limiting requests \(429\); retrying in 1 s/);
    assert.match(run.stdout, /Created connection c429-db \(con_/);
  });

  void test('--dry-run refuses what the real run refuses: a placeholder with no value', async () => {
    write('create/dry-placeholder.connection.json', JSON.stringify({ name: 'dry-ph', strategy: 'google-oauth2', options: { client_id: 'abc', client_secret: '##DRY_UNSET_SECRET##' } }));
    const requestsBefore = server.requests.length;
    const run = await cli(['create', 'create/dry-placeholder.connection.json', ...target(), '--dry-run'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Not created on test-tenant\.auth0\.com: ##DRY_UNSET_SECRET## has no value, and a new connection has no current value to keep\. Set the environment variable DRY_UNSET_SECRET and try again\./);
    assert.equal(run.stdout, '', 'no request printed');
    assert.equal(server.requests.length, requestsBefore, 'the dry run sent a request');
  });

  void test('--dry-run prints the request with secrets masked and sends nothing', async () => {
    const secret = 'google-client-secret-value-XYZ';
    write(
      'create/dry.connection.json',
      JSON.stringify({ $schema: 'https://example.invalid/connection.schema.json', name: 'dry-google', strategy: 'google-oauth2', options: { client_id: 'abc.apps.googleusercontent.com', client_secret: secret } }, null, 2),
    );
    const requestsBefore = server.requests.length;
    const run = await cli(['create', 'create/dry.connection.json', ...target(), '--dry-run'], { cwd: work, env: credentials });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^POST ${server.apiBaseUrl.replace(/[.]/g, '\\.')}/connections$`, 'm'));
    assert.match(run.stdout, /^authorization: Bearer ••••••$/m);
    assert.match(run.stdout, /"client_secret": "••••••"/);
    assert.doesNotMatch(run.stdout, /\$schema/);
    assert.match(run.stderr, /nothing was sent/);
    assert.ok(!(run.stdout + run.stderr).includes(secret));
    assertNoSecret(run);
    assert.equal(server.requests.length, requestsBefore, 'the dry run sent a request');
  });

  void test('without --yes and without a terminal: refuses, says to pass --yes, sends nothing', async () => {
    write('create/noyes.connection.json', GOOD_DB.replace('my-db', 'noyes-db'));
    const requestsBefore = server.requests.length;
    const run = await cli(['create', 'create/noyes.connection.json', ...target()], { cwd: work, env: credentials });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Pass --yes/);
    assert.equal(server.requests.length, requestsBefore);
  });

  void test('a document with errors is refused (exit 1) and not sent', async () => {
    const requestsBefore = server.requests.length;
    const run = await cli(['create', 'bad/bad.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^bad\/bad\.connection\.json:2:11: error /m);
    assert.match(run.stderr, /Not sent: bad\/bad\.connection\.json has \d+ errors?/);
    assert.equal(server.requests.length, requestsBefore);
  });

  void test('a database password policy the API refuses (passwordPolicy "strongest") is not sent', async () => {
    write('create/policy.connection.yaml', 'name: policy-db\nstrategy: auth0\noptions:\n  passwordPolicy: strongest\n');
    const requestsBefore = server.requests.length;
    const run = await cli(['create', 'create/policy.connection.yaml', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^create\/policy\.connection\.yaml:4:19: error schema /m);
    assert.match(run.stderr, /Not sent: create\/policy\.connection\.yaml has 1 error/);
    assert.equal(server.requests.length, requestsBefore);
  });

  void test('Ctrl+C while the request is in flight: says it may or may not exist (exit 1)', async () => {
    write('create/hang.connection.json', GOOD_DB.replace('my-db', 'hang-db'));
    server.force('connections', answers.hang());
    const posted = server.count('connections', 'POST');
    const { child, done } = startCli(['create', 'create/hang.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    await server.waitForRequests('connections', posted + 1, 15_000);
    child.kill('SIGINT');
    const run = await done;
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Cancelled after the request was sent/);
    assert.match(run.stderr, /may or may not have been created/);
  });

  // `script` (util-linux) gives the CLI a terminal, as a person at a shell has; skipped where it is missing.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  void test('on a terminal, asks first: "n" sends nothing, "y" creates', { skip: !hasScript && 'no `script` command' }, async () => {
    write('create/tty.connection.json', GOOD_DB.replace('my-db', 'tty-db'));
    const command = ['node', CLI, 'create', 'create/tty.connection.json', ...target()].map((a) => `'${a}'`).join(' ');
    const onTerminal = (answer: string) =>
      new Promise<Run>((resolvePromise, reject) => {
        const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: work, env: cliEnv(credentials) });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolvePromise({ code, stdout, stderr: '' }));
        child.stdin.end(answer + '\n');
      });
    const requestsBefore = server.requests.length;
    const declined = await onTerminal('n');
    assert.equal(declined.code, 1, declined.stdout);
    assert.match(declined.stdout, /Create connection tty-db \(strategy auth0\) on test-tenant\.auth0\.com\? \[y\/N\]/);
    assert.match(declined.stdout, /Not created/);
    assert.equal(server.requests.length, requestsBefore);
    const confirmed = await onTerminal('y');
    assert.equal(confirmed.code, 0, confirmed.stdout);
    assert.match(confirmed.stdout, /Created connection tty-db \(con_/);
  });

  void test('usage errors: missing credentials, non-loopback override, bad domain', async () => {
    const missing = await cli(['create', 'create/new.connection.json', ...target(), '--yes'], { cwd: work });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/);
    const remote = await cli(['create', 'create/new.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', 'https://evil.example.com/api/v2', '--yes'], {
      cwd: work,
      env: credentials,
    });
    assert.equal(remote.code, 2);
    assert.match(remote.stderr, /not a loopback address/);
    const domain = await cli(['create', 'create/new.connection.json', '--domain', 'https://x.auth0.com/api/v2', '--yes'], { cwd: work, env: credentials });
    assert.equal(domain.code, 2);
    assert.match(domain.stderr, /host name only/);
    const file = await cli(['create', 'create/none.connection.json', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(file.code, 2);
    assert.match(file.stderr, /none\.connection\.json: No such file/);
  });
});

/** `cli`, but the process is killed if it has not ended within `ms` (a hang is then a failure, not a stuck suite). */
async function cliWithin(args: string[], ms: number, options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const { child, done } = startCli(args, options);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the CLI through `sh`, so that an argument can hold bytes that are not UTF-8 (`printf '\377'`). */
function cliInShell(script: string, cwd: string): Run {
  const result = spawnSync('sh', ['-c', script], { cwd, env: { ...cliEnv(), CLI }, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Issue 11, item 6: YAML aliases reach Auth0 as the values they name.
void describe('create: YAML aliases are sent as the values they name', () => {
  let server: FakeAuth0;
  const credentials = { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET };
  const target = () => ['--domain', FAKE_DOMAIN, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl];
  const ALIASED = 'name: &n aliased-db\nstrategy: auth0\ndisplay_name: *n\nrealms: [*n]\n';

  before(async () => {
    server = await startFakeAuth0();
  });
  after(async () => server.close());

  void test('--dry-run prints the resolved value, not the alias text', async () => {
    write('alias/aliased.connection.yaml', ALIASED);
    const run = await cli(['create', 'alias/aliased.connection.yaml', ...target(), '--dry-run'], { cwd: work, env: credentials });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /"display_name": "aliased-db"/);
    assert.match(run.stdout, /"realms": \[\n\s+"aliased-db"\n\s+\]/);
    assert.doesNotMatch(run.stdout, /\*n/);
  });

  void test('create sends the resolved value to the server', async () => {
    const run = await cli(['create', 'alias/aliased.connection.yaml', ...target(), '--yes'], { cwd: work, env: credentials });
    assert.equal(run.code, 0, run.stderr);
    const post = server.requests.find((r) => r.route === 'connections' && r.method === 'POST');
    assert.ok(post);
    assert.deepEqual(JSON.parse(post.body), { name: 'aliased-db', strategy: 'auth0', display_name: 'aliased-db', realms: ['aliased-db'] });
  });

  void test('aliases that expand past the bound: an error, and nothing is sent', async () => {
    const lines = ['name: bomb-db', 'strategy: auth0', 'metadata:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) lines.push(`  a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ')}]`);
    write('alias/bomb.connection.yaml', lines.join('\n') + '\n');
    const validate = await cliWithin(['validate', 'alias/bomb.connection.yaml'], 60_000, { cwd: work });
    assert.equal(validate.code, 1, validate.stdout + validate.stderr);
    assert.match(validate.stdout, /^alias\/bomb\.connection\.yaml:\d+:\d+: error yaml-alias YAML aliases in this file expand to more than 10,000 values/m);
    const before = server.requests.length;
    const create = await cliWithin(['create', 'alias/bomb.connection.yaml', ...target(), '--yes'], 60_000, { cwd: work, env: credentials });
    assert.equal(create.code, 1, create.stderr);
    assert.match(create.stderr, /error yaml-alias /);
    assert.match(create.stderr, /Not sent: /);
    assert.equal(server.requests.length, before);
  });
});

// Issue 11, items 9 and 10: credentials go to no host but the tenant's, or a loopback address that was checked.
void describe('create: where credentials may go', () => {
  let server: HostileServer;
  const credentials = { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET };

  before(async () => {
    server = await startHostileServer();
    write('where/ok.connection.json', GOOD_DB.replace('my-db', 'where-db'));
  });
  after(async () => server.close());

  void test('an override at localhost. (trailing dot, looked up in DNS) is refused; nothing reaches it', async () => {
    const run = await cli(
      ['create', 'where/ok.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', `http://localhost.:${server.port}/api/v2`, '--auth-base-url', `http://localhost.:${server.port}`, '--yes'],
      { cwd: work, env: credentials },
    );
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /"localhost\." ends in a dot: a name ending in a dot is looked up in DNS, not in this machine's hosts file/);
    assert.equal(server.requests.length, 0);
  });

  for (const domain of ['169.254.169.254', '127.0.0.1', 'metadata.google.internal']) {
    void test(`--domain ${domain} is refused with a sentence; not even the overrides get the client secret`, async () => {
      const run = await cli(['create', 'where/ok.connection.json', '--domain', domain, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl, '--yes'], {
        cwd: work,
        env: credentials,
      });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, domain.endsWith('.internal') ? /cannot be an Auth0 tenant: names ending in "\.internal"/ : /is an IP address, not a tenant/);
      assert.equal(server.requests.length, 0, 'a request went out');
    });
  }

  void test('a custom domain still works', async () => {
    const run = await cli(['create', 'where/ok.connection.json', '--domain', 'login.example.com', '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl, '--yes'], {
      cwd: work,
      env: credentials,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Created connection where-db \(con_[0-9a-f]+\) on login\.example\.com$/m);
  });

  void test('an answer that echoes the body does not print the client secret (JSON-escaped in the message)', async () => {
    server.answer('connections', hostile.echo(400, 'json-message'));
    const secret = 'gh-secret-with-"quote"-and\\backslash-0123';
    write('where/github.connection.json', JSON.stringify({ name: 'where-github', strategy: 'github', options: { client_id: 'x', client_secret: secret } }));
    const run = await cli(['create', 'where/github.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl, '--yes'], {
      cwd: work,
      env: credentials,
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /rejected the connection where-github: Invalid payload: /);
    // Whole or in part: masking only the raw form used to leave `quote\"-and\\backslash-0123` after the first quote.
    for (const part of [secret, JSON.stringify(secret).slice(1, -1), 'quote', 'backslash-0123', FAKE_CLIENT_SECRET]) {
      assert.ok(!(run.stdout + run.stderr).includes(part), `printed: ${part}`);
    }
  });

  void test('a 400 whose message is 100 MB: the answer is cut, what is shown is short', async () => {
    server.answer('connections', hostile.stream(400, 100 * 1024 * 1024, 'auth0-message'));
    const run = await cliWithin(['create', 'where/ok.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl, '--yes'], 60_000, {
      cwd: work,
      env: credentials,
    });
    assert.equal(run.code, 1, run.stderr.slice(0, 2000));
    assert.ok(run.stderr.length < 5000, `stderr is ${run.stderr.length} characters`);
    assert.match(run.stderr, /400 Bad Request \(the answer was cut at 1 MB\)/);
  });
});

// Issue 11, item 11: the file kind and size are checked before reading; the real problem is named.
void describe('inputs that are not connection files', () => {
  const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

  void test('a named pipe given explicitly: refused at once (validate and create --dry-run), not waited on', { skip: !hasMkfifo && 'no mkfifo' }, async () => {
    mkdirSync(join(work, 'special'), { recursive: true });
    const fifo = join(work, 'special/pipe.connection.json');
    if (!existsSync(fifo)) assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const validate = await cliWithin(['validate', 'special/pipe.connection.json'], 60_000, { cwd: work });
    assert.equal(validate.code, 2, validate.stderr);
    assert.match(validate.stderr, /^special\/pipe\.connection\.json: This is a named pipe \(FIFO\), not a file/m);
    const dryRun = await cliWithin(['create', 'special/pipe.connection.json', '--domain', FAKE_DOMAIN, '--dry-run'], 60_000, { cwd: work });
    assert.equal(dryRun.code, 2, dryRun.stderr);
    assert.match(dryRun.stderr, /pipe\.connection\.json: This is a named pipe \(FIFO\), not a file/);
  });

  void test('a connection file that links to /dev/zero or /dev/urandom is not read', { skip: !existsSync('/dev/zero') && 'no /dev/zero' }, async () => {
    mkdirSync(join(work, 'special'), { recursive: true });
    for (const device of ['zero', 'urandom']) {
      const link = join(work, `special/${device}.connection.json`);
      if (!existsSync(link)) symlinkSync(`/dev/${device}`, link);
      const run = await cliWithin(['validate', `special/${device}.connection.json`], 60_000, { cwd: work });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^special/${device}\\.connection\\.json: This is a device \\(or a link to one, such as /dev/zero\\), not a file`, 'm'));
    }
  });

  void test('a file name that is not UTF-8 is named as the problem, not "No such file"', () => {
    mkdirSync(join(work, 'latin1'), { recursive: true });
    writeFileSync(Buffer.from(`${join(work, 'latin1')}/caf\xe9.connection.json`, 'latin1'), GOOD_DB);
    const explicit = cliInShell(`node "$CLI" validate "latin1/$(printf 'caf\\351').connection.json"`, work);
    assert.equal(explicit.code, 2, explicit.stderr);
    assert.match(explicit.stderr, /caf\uFFFD\.connection\.json: Its name is not valid UTF-8/);
    assert.doesNotMatch(explicit.stderr, /No such file/);
    const folder = cliInShell(`node "$CLI" validate latin1`, work);
    assert.equal(folder.code, 2, folder.stderr);
    assert.match(folder.stderr, /^latin1\/caf\uFFFD\.connection\.json: Its name is not valid UTF-8/m);
  });

  void test('create on a folder says it is a folder, not "Unknown file type"', async () => {
    mkdirSync(join(work, 'a-folder'), { recursive: true });
    const run = await cli(['create', 'a-folder', '--domain', FAKE_DOMAIN, '--dry-run'], { cwd: work });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /a-folder: This is a folder; this command sends connection files one by one/);
    assert.doesNotMatch(run.stderr, /Unknown file type/);
  });
});

// Issue 11, item 12: progress says "Getting a Management API token" only when one is fetched.
void describe('create: progress on a rate-limited tenant', () => {
  void test('two 429s: the token is fetched, and said, once', async () => {
    const server = await startFakeAuth0();
    try {
      write('progress/p.connection.json', GOOD_DB.replace('my-db', 'progress-db'));
      server.force('connections', answers.rateLimited({ retryAfterSeconds: 1 }), answers.rateLimited({ retryAfterSeconds: 1 }));
      const args = ['create', 'progress/p.connection.json', '--domain', FAKE_DOMAIN, '--api-base-url', server.apiBaseUrl, '--auth-base-url', server.baseUrl, '--yes'];
      const run = await cli(args, { cwd: work, env: { AUTH0_CLIENT_ID: FAKE_CLIENT_ID, AUTH0_CLIENT_SECRET: FAKE_CLIENT_SECRET } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr.match(/Getting a Management API token/g)?.length, 1, run.stderr);
      assert.equal(run.stderr.match(/Creating the connection progress-db/g)?.length, 3, run.stderr);
    } finally {
      await server.close();
    }
  });
});
