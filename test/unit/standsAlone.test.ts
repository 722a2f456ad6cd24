/**
 * The repository stands alone: no tracked source reads a path outside it (the tests and the benchmark once read
 * fixtures from a folder beside the checkout, so a plain clone failed with ENOENT). The checks' own examples below
 * climb into a made-up sibling folder, `beside/`, so this file names no real folder outside the repository. What is checked is code, not
 * prose: comments may say where a fixture came from.
 *
 * - TypeScript/JavaScript, parsed: relative module specifiers; `resolve`/`join` calls (bare or on `path`) folded from
 *   `__dirname` (or a repository-root constant) through their literal arguments; any other string literal that
 *   starts with `../` is taken as relative to the repository root (the working directory of npm scripts and tests).
 * - JSON configuration (package.json scripts, tsconfig `extends`/`include`, ...): every word of every string value
 *   that starts with `../`, relative to the file's folder.
 * - .ci/run (bash, run from the repository root): every word starting with `../` outside comments.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** Data, not configuration: connection bodies whose values are never paths we read. */
const DATA_FOLDERS = ['test/fixtures/corpus/', 'bench/documents/', 'test/e2e/workspace/'];

interface OutsidePath {
  file: string;
  line: number;
  code: string;
  resolved: string;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function startsUpward(text: string): boolean {
  return text === '..' || text.startsWith('../');
}

function literalText(node: ts.Node): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

/**
 * Upward literals that are not paths anything reads, each with why. Let be by rule besides: a `$schema` value (a
 * reference inside a connection document, resolved by the editor from that document) and a literal compared with or
 * searched for (`=== '..'`, `.startsWith('../')`), which is a pattern, not a path.
 */
const NOT_PATHS: Array<{ file: string; literal: RegExp; why: string }> = [
  { file: 'test/unit/auth0Ui.test.ts', literal: /^\.\.\/x$/, why: 'a hostile connection id that must not reach a URL' },
];

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);
const SEARCHES = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split']);

function isPattern(node: ts.Node): boolean {
  const parent = node.parent;
  if (parent && ts.isBinaryExpression(parent)) return COMPARISONS.has(parent.operatorToken.kind);
  return (
    parent !== undefined &&
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    SEARCHES.has(parent.expression.name.text)
  );
}

/** `resolve(...)`, `join(...)`, `path.resolve(...)`, `path.join(...)`, `Uri.joinPath(...)`: calls that build paths. */
function pathCallName(call: ts.CallExpression): 'resolve' | 'join' | 'joinPath' | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'joinPath') return 'joinPath';
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'path'
      ? callee.name.text
      : undefined;
  return name === 'resolve' || name === 'join' ? name : undefined;
}

function isSchemaValue(node: ts.Node): boolean {
  const parent = node.parent;
  return parent !== undefined && ts.isPropertyAssignment(parent) && parent.initializer === node && /^["']?\$schema["']?$/.test(parent.name.getText());
}

export function outsidePathsInCode(file: string, text: string, repoRoot: string): OutsidePath[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const fileDir = path.dirname(path.join(repoRoot, file));
  const found: OutsidePath[] = [];
  const judged = new Set<ts.Node>();
  const report = (node: ts.Node, resolved: string): void => {
    if (isInside(repoRoot, resolved)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, code: node.getText(source), resolved });
  };

  // `const NAME = <expression>` anywhere in the file: a path constant is followed to what it was built from.
  const constants = new Map<string, ts.Expression | null>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
      for (const declaration of node.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) {
          // Declared twice in different scopes: which one a use means is not known here.
          constants.set(declaration.name.text, constants.has(declaration.name.text) ? null : declaration.initializer);
        }
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  /** The string or path an expression stands for, when the source spells it out; computed values are unknown. */
  const evaluate = (node: ts.Expression, depth: number): string | undefined => {
    if (depth > 8) return undefined;
    const literal = literalText(node);
    if (literal !== undefined) return literal;
    if (ts.isIdentifier(node) && node.text === '__dirname') return fileDir;
    if (ts.isPropertyAccessExpression(node) && node.getText(source) === 'import.meta.dirname') return fileDir;
    if (ts.isIdentifier(node)) {
      const initializer = constants.get(node.text);
      return initializer ? evaluate(initializer, depth + 1) : undefined;
    }
    if (ts.isCallExpression(node)) return evaluatePathCall(node, depth + 1);
    return undefined;
  };

  /** A path call folded through the arguments the source spells out, up to the first computed one. */
  const evaluatePathCall = (call: ts.CallExpression, depth: number): string | undefined => {
    const kind = pathCallName(call);
    if (!kind || kind === 'joinPath') return undefined;
    const parts: string[] = [];
    for (const argument of call.arguments) {
      const part = evaluate(argument, depth);
      if (part === undefined) break;
      parts.push(part);
    }
    if (parts.length === 0) return undefined;
    // npm scripts, the tests and the CLI all run from the repository root: relative paths start there.
    return kind === 'resolve' ? path.resolve(repoRoot, ...parts) : path.join(...parts);
  };

  const visit = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) &&
            (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
          ? node.arguments[0]
          : undefined;
    const specifierText = specifier && literalText(specifier);
    if (specifier && specifierText?.startsWith('.')) {
      judged.add(specifier);
      report(specifier, path.resolve(fileDir, specifierText));
    } else if (ts.isCallExpression(node) && pathCallName(node)) {
      // Arguments are relative to the ones before them, never to the repository root on their own.
      node.arguments.forEach((argument) => judged.add(argument));
      const built = evaluatePathCall(node, 0);
      if (built !== undefined) report(node, path.resolve(repoRoot, built));
    }
    const literal = literalText(node) ?? (ts.isTemplateExpression(node) ? node.head.text : undefined);
    if (
      literal !== undefined &&
      startsUpward(literal) &&
      !judged.has(node) &&
      !isSchemaValue(node) &&
      !isPattern(node) &&
      !NOT_PATHS.some((allowed) => allowed.file === file && allowed.literal.test(literal))
    ) {
      report(node, path.resolve(repoRoot, literal));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function outsidePathsInJson(file: string, text: string, repoRoot: string): OutsidePath[] {
  const fileDir = path.dirname(path.join(repoRoot, file));
  const found: OutsidePath[] = [];
  const lines = text.split('\n');
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const word of value.split(/[\s"'=:;,()]+/).filter(startsUpward)) {
        const resolved = path.resolve(fileDir, word);
        if (!isInside(repoRoot, resolved)) {
          const line = lines.findIndex((candidate) => candidate.includes(word)) + 1;
          found.push({ file, line, code: value, resolved });
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(JSON.parse(text));
  return found;
}

export function outsidePathsInShell(file: string, text: string, repoRoot: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  text.split('\n').forEach((line, index) => {
    // A comment starts at a `#` that begins a word (`${#array[@]}` and `$#` are not comments).
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const word of code.split(/[\s"'=:;,()]+/).filter(startsUpward)) {
      const resolved = path.resolve(repoRoot, word);
      if (!isInside(repoRoot, resolved)) found.push({ file, line: index + 1, code: line.trim(), resolved });
    }
  });
  return found;
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
}

function outsidePathsInRepository(): OutsidePath[] {
  const found: OutsidePath[] = [];
  for (const file of trackedFiles()) {
    if (DATA_FOLDERS.some((folder) => file.startsWith(folder))) continue;
    const read = (): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');
    if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(file)) found.push(...outsidePathsInCode(file, read(), REPO_ROOT));
    else if (file.endsWith('.json')) found.push(...outsidePathsInJson(file, read(), REPO_ROOT));
    else if (file === '.ci/run') found.push(...outsidePathsInShell(file, read(), REPO_ROOT));
  }
  return found;
}

void describe('the repository stands alone', () => {
  void test('no tracked source reads a path outside the repository', () => {
    const found = outsidePathsInRepository();
    const listing = found.map((f) => `${f.file}:${f.line}: ${f.code} -> ${f.resolved}`).join('\n');
    assert.deepEqual(found, [], `Copy what is needed into the repository instead:\n${listing}`);
  });
});

// The checks themselves, on a repository root that is only a name: what they must catch and what they must let be.
void describe('outside-path checks', () => {
  const root = '/repo';
  const codeIn = (file: string, text: string): string[] => outsidePathsInCode(file, text, root).map((f) => f.resolved);

  void test('resolve/join from __dirname that climb out are caught, whichever way the segments are split', () => {
    assert.deepEqual(codeIn('test/unit/a.test.ts', "const DIR = resolve(__dirname, '../../../beside/corpus');"), ['/beside/corpus']);
    assert.deepEqual(codeIn('test/unit/a.test.ts', "const D = path.resolve(__dirname, '..', '..', '..', 'beside', 'corpus');"), ['/beside/corpus']);
    assert.deepEqual(codeIn('bench/a.ts', "export const B = join(__dirname, '../../beside/bench');"), ['/beside/bench']);
    assert.deepEqual(codeIn('test/unit/a.test.ts', "const C = process.env.X ?? resolve(__dirname, '../../../beside/corpus');"), ['/beside/corpus']);
    const viaConstant = "const REPO_ROOT = path.resolve(__dirname, '..');\nconst S = path.join(REPO_ROOT, '..', 'beside', name);";
    assert.deepEqual(codeIn('scripts/a.ts', viaConstant), ['/beside']);
  });

  void test('a literal path that climbs out of the repository root is caught wherever it is used', () => {
    assert.deepEqual(codeIn('test/cli/a.test.ts', "const CORPUS_FROM_REPO = '../beside/corpus';"), ['/beside/corpus']);
    assert.deepEqual(codeIn('test/cli/a.test.ts', "await cli(['validate', '../beside/bench/large.json']);"), ['/beside/bench/large.json']);
    assert.deepEqual(codeIn('test/cli/a.test.ts', 'const f = `../beside/corpus/${name}`;'), ['/beside/corpus']);
    assert.deepEqual(codeIn('test/unit/a.test.ts', "import { x } from '../../../beside/helpers';"), ['/beside/helpers']);
  });

  void test('comments, paths that stay inside and paths built from values are let be', () => {
    const fine = [
      "// corpus files 09-41, see ../beside/corpus/SOURCES.md\nconst x = 1;",
      '/** Copied from ../../../beside/bench (README there). */\nexport const y = 2;',
      "const REPO_ROOT = path.resolve(__dirname, '..', '..');",
      "export const CORPUS_DIR = resolve(__dirname, '../fixtures/corpus');",
      "import { parseBody } from '../../engine/documentTree';",
      "const file = join(tmp, '..', 'sibling');",
      "const message = 'run it from the repository root, not ../';",
      "if (relative === '..' || relative.startsWith('../')) return false;",
    ];
    for (const text of fine) assert.deepEqual(codeIn('test/unit/a.test.ts', text), [], text);
  });

  void test('package.json scripts, tsconfig paths and the CI script are checked too', () => {
    const scripts = JSON.stringify({ scripts: { bench: 'tsx bench/run.ts --documents ../beside/bench', test: 'node scripts/test.mjs' } });
    assert.deepEqual(outsidePathsInJson('package.json', scripts, root).map((f) => f.resolved), ['/beside/bench']);
    const tsconfig = '{ "extends": "../tsconfig.json", "include": ["./**/*.ts", "../../outside"] }';
    assert.deepEqual(outsidePathsInJson('bench/tsconfig.json', tsconfig, root).map((f) => f.resolved), ['/outside']);
    const ci = 'cd "$(dirname "$0")/.."\n# the corpus lives in ../beside/corpus\ncp -r ../beside/corpus test/\necho ${#missing[@]}\n';
    assert.deepEqual(outsidePathsInShell('.ci/run', ci, root).map((f) => [f.line, f.resolved]), [[3, '/beside/corpus']]);
  });
});
