/**
 * `validate` on auth0-deploy-cli repositories, run as a user runs it (`node dist/cli.js`, build first): the sample
 * repository's mistakes at the positions its README gives (the same codes and positions as the editor, see
 * test/server/deployCli.test.ts), deploy-cli's own examples without errors, `--config`, and the environment added to
 * the mappings as a0deploy adds it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, cliEnv, REPO, type Run } from './runCli';

const SAMPLE = 'test/fixtures/deploy-cli/sample';


function cli(args: string[], env: Record<string, string> = {}, cwd = REPO): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  summary: { errors: number; warnings: number };
  files: Array<{ path: string; diagnostics: Array<{ line: number; column: number; endLine: number; endColumn: number; severity: string; code: string }> }>;
}

/** Every diagnostic as `path line:col-line:col severity code` (the sample README's notation: end exclusive). */
function located(run: Run): string[] {
  const report = JSON.parse(run.stdout) as JsonReport;
  return report.files.flatMap((file) =>
    file.diagnostics.map((d) => `${file.path.replace(`${SAMPLE}/`, '')} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code}`),
  );
}

let work: string;
before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" before the CLI tests`);
  work = mkdtempSync(join(tmpdir(), 'auth0-deploy-cli-cli-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

void describe('validate on a deploy-cli repository', () => {
  test('the sample repository, both formats: each mistake with its code at its exact range, exit 1', () => {
    const run = cli(['validate', SAMPLE, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(located(run), [
      'directory/connections/sample-email.json 4:3-4:12 warning strategy-option-constraint',
      'directory/connections/sample-okta.json 9:23-9:42 info keyword-from-environment',
      'directory/connections/sample-saml.json 3:15-3:23 error unknown-strategy',
      'directory/database-connections/sample-users/database.json 11:17-11:30 error missing-file',
      'yaml/tenant.yaml 16:17-16:51 error missing-file',
      'yaml/tenant.yaml 25:23-25:42 info keyword-from-environment',
      'yaml/tenant.yaml 32:15-32:21 error unknown-strategy',
      'yaml/tenant.yaml 40:5-40:12 warning strategy-option-constraint',
    ]);
  });

  test('the text report names file, line and column, as the editor shows them', () => {
    const run = cli(['validate', `${SAMPLE}/yaml/tenant.yaml`]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^test\/fixtures\/deploy-cli\/sample\/yaml\/tenant\.yaml:32:15: error unknown-strategy Unknown strategy "samlpp"\. Did you mean "samlp"\?$/m);
    assert.match(run.stdout, /tenant\.yaml:16:17: error missing-file The create script "\.\/databases\/sample-users\/create\.js" does not exist/);
    assert.match(run.stdout, /^1 file checked: 2 errors, 1 warning, 1 info$/m);
  });

  test("deploy-cli's own examples: the one error is the oidc example's missing client_id, which Auth0 refuses", () => {
    // deploy-cli's enterprise-oidc example (both formats) has no options.client_id; Auth0 answers such a create with
    // 400 "options.client_id is required" (engine/evidence.ts). Every other example file and item has no error.
    const run = cli(['validate', 'test/fixtures/deploy-cli/upstream']);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^6 files checked: 2 errors, /m);
    const errors = run.stdout.split('\n').filter((line) => / error /.test(line));
    assert.equal(errors.length, 2, errors.join('\n'));
    for (const line of errors) assert.match(line, /error missing-required-option Auth0 rejects this body: "options\.client_id is required"/);
    assert.ok(errors.some((line) => line.startsWith('test/fixtures/deploy-cli/upstream/directory/connections/enterprise-oidc.json:')));
    assert.ok(errors.some((line) => line.startsWith('test/fixtures/deploy-cli/upstream/yaml/tenant.yaml:183:')));
  });

  test('the environment supplies a keyword, as a0deploy adds it to the mappings', () => {
    const without = cli(['validate', `${SAMPLE}/yaml/tenant.yaml`, '--format', 'json']);
    assert.ok(located(without).includes('yaml/tenant.yaml 25:23-25:42 info keyword-from-environment'), located(without).join('\n'));
    const run = cli(['validate', `${SAMPLE}/yaml/tenant.yaml`, '--format', 'json'], { UNMAPPED_SECRET: 'from-ci' });
    assert.ok(!located(run).some((line) => line.includes('keyword')), located(run).join('\n'));
  });

  test('--config names the mappings; an unmapped keyword is a warning at the keyword', () => {
    const config = join(work, 'other-config.json');
    writeFileSync(config, JSON.stringify({ AUTH0_KEYWORD_REPLACE_MAPPINGS: { UNMAPPED_SECRET: 'x', ORIGINS: ['a.example'] } }));
    const run = cli(['validate', `${SAMPLE}/yaml/tenant.yaml`, '--config', config, '--format', 'json']);
    assert.deepEqual(
      located(run).filter((line) => line.includes('keyword')),
      ['yaml/tenant.yaml 24:19-24:29 warning unmapped-keyword', 'yaml/tenant.yaml 26:16-26:26 warning unmapped-keyword', 'yaml/tenant.yaml 36:47-36:57 warning unmapped-keyword'],
    );
  });

  test('a --config that holds no mappings is a usage error (exit 2), said in one line', () => {
    const config = join(work, 'not-deploy-cli.json');
    writeFileSync(config, '{"name":"something else"}');
    const run = cli(['validate', SAMPLE, '--config', config]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--config .*not-deploy-cli\.json: it has no AUTH0_KEYWORD_REPLACE_MAPPINGS/);
  });

  test('connections/*.json of a folder that is no deploy-cli repository are not checked', () => {
    const project = join(work, 'web-app');
    mkdirSync(join(project, 'connections'), { recursive: true });
    writeFileSync(join(project, 'connections/db.json'), '{ "host": "localhost" }\n');
    const run = cli(['validate', project]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /No connection files in this folder/);
  });

  test('a YAML tenant file of any name, named explicitly, is read as one (deploy-cli chooses by extension only)', () => {
    const repository = join(work, 'any-name');
    cpSync(resolve(REPO, SAMPLE, 'yaml'), repository, { recursive: true });
    cpSync(join(repository, 'tenant.yaml'), join(repository, 'prod.yml'));
    const run = cli(['validate', join(repository, 'prod.yml'), '--format', 'json']);
    assert.ok(located(run).some((line) => line.endsWith('32:15-32:21 error unknown-strategy')), located(run).join('\n'));
  });
});
