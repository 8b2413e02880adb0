/**
 * The four edges that cut a metric's values into five scores, ascending: a value scores 1 plus the number
 * of edges it reaches (`value >= edge`). Values are numbers (order counts, totals) or `YYYY-MM-DD` dates
 * (the day of the last order), which order as text.
 *
 * @example
 * ```ts
 * const frequency: QuintileEdges<number> = [2, 2, 3, 5]; // 1 order scores 1, 2 score 3, 3-4 score 4, 5+ score 5
 * ```
 */
export type QuintileEdges<T extends number | string> = readonly [T, T, T, T];

/**
 * The quintile edges of a population of values: edge k (1 to 4) is the value at position ⌊k·n/5⌋ of the
 * values sorted ascending (0-based). With these edges a member's score is ⌈5 · (the share of the population
 * whose value is at or below its own)⌉: equal values always share a score, and a run of equal values that
 * straddles a quintile takes the score of the top of the run. Undefined for an empty population.
 *
 * @example
 * ```ts
 * quintileEdges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // [3, 5, 7, 9]: 1-2 score 1, 3-4 score 2, ... 9-10 score 5
 * quintileEdges([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]); // [1, 1, 2, 4]: the six 1s score 3, 2 and 3 score 4
 * ```
 */
export function quintileEdges<T extends number | string>(values: readonly T[]): QuintileEdges<T> | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort(ascending);
  const at = (k: number) => sorted[Math.floor((k * sorted.length) / 5)] as T;
  return [at(1), at(2), at(3), at(4)];
}

/**
 * A value's score from 1 to 5 against quintile edges: 1 plus the number of edges at or below it. Without
 * edges (nobody had orders at the last refresh) every value scores 5, as the only member of its population.
 *
 * @example
 * ```ts
 * quintileScore(4, [3, 5, 7, 9]); // 2
 * quintileScore(9, [3, 5, 7, 9]); // 5
 * ```
 */
export function quintileScore<T extends number | string>(
  value: T,
  edges: QuintileEdges<T> | undefined,
): number {
  if (edges === undefined) return 5;
  let score = 1;
  for (const edge of edges) if (ascending(value, edge) >= 0) score += 1;
  return score;
}

function ascending<T extends number | string>(a: T, b: T): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Dates as `YYYY-MM-DD` order as plain text; code units, not the locale.
  return a < b ? -1 : a > b ? 1 : 0;
}
