/**
 * The distribution of a metric over the iterations as a histogram of equal-width bins: what the
 * terminal's sparkline and the HTML report's distribution chart draw.
 */

export interface Histogram {
  /** binCount + 1 increasing edges; bin k holds the values in [edges[k], edges[k + 1]) (the last bin includes its upper edge). */
  edges: number[];
  /** Iterations per bin. */
  counts: number[];
}

/** Bins of a histogram of the iterations. */
export const HISTOGRAM_BINS = 20;

/**
 * Histogram of the finite values in `binCount` equal-width bins from their minimum to their
 * maximum; all values equal give one bin [v, v]; no finite value gives no bins.
 */
export function histogram(values: ArrayLike<number>, binCount = HISTOGRAM_BINS): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { edges: [], counts: [] };
  if (min === max) {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] === min) count++;
    return { edges: [min, max], counts: [count] };
  }
  const width = (max - min) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, k) => (k === binCount ? max : min + k * width));
  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(binCount - 1, Math.floor((v - min) / width))]++;
  }
  return { edges, counts };
}
