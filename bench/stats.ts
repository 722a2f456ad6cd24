/** Small statistics helpers: the benchmark reports medians and p95s, never means (the machine is noisy). */

export interface Figure {
  median: number;
  p95: number;
  n: number;
}

export function summarize(samples: readonly number[]): Figure {
  const sorted = [...samples].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), n: sorted.length };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest-rank on small samples: p95 of 10 runs is the largest but one, not an interpolation.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** ours / peer, or NaN when either side is missing. */
export function ratio(ours: number | undefined, peer: number | undefined): number {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || peer <= 0) return NaN;
  return round(ours / peer, 3);
}
