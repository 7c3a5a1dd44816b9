/**
 * "Did you mean ...?" suggestions for misspelt keys and names, by the optimal string alignment
 * distance (Damerau-Levenshtein restricted to non-overlapping edits: insertions, deletions,
 * substitutions and swaps of two adjacent characters each count 1).
 */

/** Optimal string alignment distance between a and b (Damerau 1964; Levenshtein 1966). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, compared case-insensitively, if it is close enough to be a
 * plausible typo: at most one edit for words of up to five letters, otherwise at most a third of
 * the word's length. Ties go to the candidate listed first. Failing that, a candidate that starts
 * with the word or that the word starts with (`neverRedeem` for `neverRedeemShare`), if there is
 * exactly one and the shorter of the two has at least four letters.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lowered = word.toLowerCase();
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= allowed) return best;
  const prefixMatches = candidates.filter((candidate) => {
    const other = candidate.toLowerCase();
    return Math.min(other.length, lowered.length) >= 4 && (other.startsWith(lowered) || lowered.startsWith(other));
  });
  return prefixMatches.length === 1 ? prefixMatches[0] : undefined;
}

/** ` (did you mean 'iterations'?)`, or an empty string when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean '${match}'?)`;
}
