/**
 * "Did you mean ...?" for strategy values, property names and enum values. Typos in connection files are mostly
 * swapped letters (`googel-oauth2`), a wrong separator (`show-as-button`) or wrong case (`Auth0`), so candidates are
 * compared case-insensitively with `-`, `_` and spaces treated alike, by optimal string alignment distance (Levenshtein
 * plus adjacent transpositions, each counting as one edit).
 */

/** The candidate closest to `input`, or undefined when none is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const normalizedInput = normalizeForComparison(input);
  if (normalizedInput.length === 0) return undefined;
  // Allow about one edit per three characters: enough for two typos in a long name, none that turn "sms" into "box".
  const allowed = Math.max(1, Math.floor(normalizedInput.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestRawDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(normalizedInput, normalizeForComparison(candidate), allowed);
    if (distance > allowed || distance >= normalizedInput.length) continue;
    // Ties (e.g. after case folding) go to the candidate closest to the text as written.
    const rawDistance = editDistance(input, candidate, Number.POSITIVE_INFINITY);
    if (distance < bestDistance || (distance === bestDistance && rawDistance < bestRawDistance)) {
      best = candidate;
      bestDistance = distance;
      bestRawDistance = rawDistance;
    }
  }
  return best;
}

function normalizeForComparison(text: string): string {
  return text.toLowerCase().replace(/[-_\s]+/g, '_');
}

/**
 * Optimal string alignment distance. Stops early (returning a value above `limit`) once every cell in a row exceeds
 * the limit, so comparing a long unknown key against many candidates stays cheap.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitutionCost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitutionCost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
