/**
 * The structure docs/ARCHITECTURE.md describes, held by tests: the walls between the parts (the lint rules of
 * eslint.walls.mjs, run here on probe imports so that a wall that stops holding fails), short functions, and a
 * document whose file paths all exist.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The wall errors of `file` importing `target`: a package name, or a repository path (`server/src/server`) that is
 * imported by its relative specifier from `file`'s folder, as the code would write it.
 */
async function wallErrors(file: string, target: string): Promise<string[]> {
  const isPackage = !/^(client|server|common|engine|languages|cli|bench|test|scripts)\//.test(target);
  const relative = path.posix.relative(path.posix.dirname(file), target);
  const specifier = isPackage ? target : relative.startsWith('.') ? relative : `./${relative}`;
  const { walls } = (await import(path.join(ROOT, 'eslint.walls.mjs'))) as { walls: unknown[] };
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...(walls as ESLint.Options['overrideConfig'][])] as ESLint.Options['overrideConfig'],
  });
  const [result] = await eslint.lintText(`import '${specifier}';\n`, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

void describe('walls between the parts', () => {
  const refused: Array<[string, string]> = [
    ['client/src/probe.ts', 'server/src/server'],
    ['client/src/auth0/probe.ts', 'server/src/handlers/validationHandlers'],
    ['client/src/probe.ts', 'languages/index'],
    ['client/src/probe.ts', 'engine/tree/parse'],
    ['client/src/probe.ts', 'cli/main'],
    ['client/src/probe.ts', 'yaml-language-server'],
    ['engine/probe.ts', 'languages/index'],
    ['engine/rules/probe.ts', 'server/src/server'],
    ['engine/probe.ts', 'vscode'],
    ['engine/probe.ts', 'vscode-languageserver/node'],
    ['engine/probe.ts', 'yaml-language-server/lib/esm/languageservice/yamlLanguageService'],
    ['engine/probe.ts', 'vscode-json-languageservice'],
    ['languages/probe.ts', 'engine/tree/parse'],
    ['languages/probe.ts', 'server/src/server'],
    ['languages/probe.ts', 'vscode-languageserver'],
    ['server/src/probe.ts', 'client/src/extension'],
    ['server/src/probe.ts', 'engine/rules/index'],
    ['server/src/handlers/probe.ts', 'languages/jsonMode'],
    ['common/probe.ts', 'engine/index'],
    ['common/auth0/probe.ts', 'vscode'],
    ['cli/probe.ts', 'languages/yamlMode'],
    ['cli/probe.ts', 'server/src/server'],
  ];
  for (const [file, target] of refused) {
    void test(`${file} may not import ${target}`, async () => {
      const errors = await wallErrors(file, target);
      assert.ok(errors.length > 0, `${file} importing ${target} passed the lint`);
    });
  }

  const allowed: Array<[string, string]> = [
    ['client/src/probe.ts', 'engine/index'],
    ['client/src/probe.ts', 'common/protocol'],
    ['client/src/auth0/probe.ts', 'client/src/auth0/tenantStore'],
    ['server/src/probe.ts', 'languages/index'],
    ['server/src/handlers/probe.ts', 'server/src/server'],
    ['cli/probe.ts', 'engine/index'],
    ['engine/rules/probe.ts', 'engine/tree/navigate'],
    ['engine/probe.ts', 'common/strategies'],
    ['languages/probe.ts', 'engine/index'],
  ];
  for (const [file, target] of allowed) {
    void test(`${file} may import ${target}`, async () => {
      assert.deepEqual(await wallErrors(file, target), []);
    });
  }

  void test('no client file names the server\'s sources', () => {
    // git grep exits 1 when nothing matches: that is the passing case.
    const grep = spawnSync('git', ['grep', '-n', 'server/src', '--', 'client/'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(grep.stdout.trim(), '');
    assert.equal(grep.status, 1, grep.stderr);
  });
});

/** Every function, method and arrow function of the given folders longer than `limit` lines. */
function longFunctions(folders: readonly string[], limit: number): string[] {
  const files = execFileSync('git', ['ls-files', '-c', '-o', '--exclude-standard', ...folders.map((f) => `${f}/*.ts`)], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.endsWith('.ts') && existsSync(path.join(ROOT, file)));
  const found: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > limit) found.push(`${file}:${start + 1} (${end - start + 1} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

void test('no function in client/, server/, common/, engine/ or languages/ is longer than 80 lines', () => {
  assert.deepEqual(longFunctions(['client', 'server', 'common', 'engine', 'languages'], 80), []);
});

/** The paths of the layout tree (`folder/` lines nest what is indented below them) and every `path` in backquotes. */
function pathsNamedIn(text: string): string[] {
  const named = [...text.matchAll(/`((?:client|server|common|engine|languages|cli|bench|test|scripts|schemas|snippets)\/[\w./-]*\.(?:ts|json|mjs|md))`/g)].map((m) => m[1] ?? '');
  const layout = /## Layout\n+```\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const folders: string[] = [];
  for (const line of layout.split('\n')) {
    const depth = Math.floor((line.length - line.trimStart().length) / 2);
    const head = line.trim().split(/\s{2,}/)[0] ?? '';
    const names = head.split(/,\s*/);
    if (!names.every((name) => /^[\w.-]+(\/[\w.-]+)*\/?$/.test(name))) continue; // a description's second line
    folders.length = Math.min(folders.length, depth);
    for (const name of names) {
      if (name.endsWith('/')) folders[depth] = name;
      else named.push(folders.slice(0, depth).join('') + name);
    }
  }
  return named;
}

void test('every file path docs/ARCHITECTURE.md names exists', () => {
  const named = pathsNamedIn(readFileSync(path.join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8'));
  assert.ok(named.length > 40, `the document names files (${named.length})`);
  const missing = named.filter((file) => !existsSync(path.join(ROOT, file)));
  assert.deepEqual(missing, []);
});
