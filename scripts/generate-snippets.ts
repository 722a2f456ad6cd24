/**
 * `npm run snippets`: writes snippets/connection.json.json and snippets/connection.yaml.json from common/scaffolds.ts.
 * The files are committed; test/unit/scaffolds.test.ts fails when they are stale. `--check` only reports staleness.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { snippetFile } from '../common/scaffolds';

export const SNIPPET_FILES = {
  json: 'snippets/connection.json.json',
  yaml: 'snippets/connection.yaml.json',
} as const;

function main(): void {
  const root = path.resolve(__dirname, '..');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [format, file] of Object.entries(SNIPPET_FILES) as Array<[keyof typeof SNIPPET_FILES, string]>) {
    const target = path.join(root, file);
    const wanted = snippetFile(format);
    let current: string | undefined;
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === wanted) {
      continue;
    }
    stale++;
    if (check) {
      console.error(`${file} is stale: run npm run snippets`);
    } else {
      writeFileSync(target, wanted);
      console.log(`wrote ${file}`);
    }
  }
  process.exitCode = check && stale > 0 ? 1 : 0;
}

if (require.main === module) {
  main();
}
