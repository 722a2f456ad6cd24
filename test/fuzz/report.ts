/** The figures of a fuzz run, as printed by `npm run fuzz` and by the short run inside `npm test`. */
import type { FuzzFigures } from './session';

export function describeFigures(figures: FuzzFigures): string {
  const lines = [
    `fuzz seed ${figures.seed}: ${figures.documents} documents, ${figures.edits} incremental edits (${figures.outOfRangeEdits} outside the document), ${figures.requests} requests in ${figures.seconds.toFixed(1)} s`,
    `resident memory: ${figures.rssStartMb ?? '?'} MB after warm-up, ${figures.rssEndMb ?? '?'} MB after closing everything`,
    'slowest answer per method (count, mean):',
  ];
  const methods = Object.entries(figures.byMethod).sort(([, a], [, b]) => b.slowestMs - a.slowestMs);
  for (const [method, { count, slowestMs, totalMs, slowestInput }] of methods) {
    lines.push(`  ${method.padEnd(42)} ${slowestMs.toFixed(0).padStart(6)} ms  (${count}, mean ${(totalMs / count).toFixed(1)} ms; slowest on ${slowestInput})`);
  }
  return lines.join('\n');
}
