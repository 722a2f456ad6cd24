/**
 * The editor configurations the README shows, taken from README.md itself so that what is tested is what users copy:
 * each block follows a marker line `<!-- editor-config: NAME -->`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The text of the fenced code block right after the README's `<!-- editor-config: name -->` marker. */
export function readmeConfig(name: string): string {
  const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
  const marker = `<!-- editor-config: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker} marker`);
  const block = /^```[\w-]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (!block?.[1]) throw new Error(`README.md has no code block after ${marker}`);
  return block[1];
}
