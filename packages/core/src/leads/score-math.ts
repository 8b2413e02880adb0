/** Milliseconds in a day. */
const dayMs = 86_400_000;

/**
 * Whole days from one calendar date (`YYYY-MM-DD`) to a later one; negative when `from` is after `to`.
 *
 * @example
 * ```ts
 * daysBetween('2025-01-01', '2025-01-31'); // 30
 * ```
 */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/**
 * How much of its points an activity `ageDays` old still gives: halves every `halfLifeDays`
 * (`0.5 ^ (age / halfLife)`), 1 on the day itself.
 *
 * @example
 * ```ts
 * decayFactor(30, 30); // 0.5
 * decayFactor(0, 30); // 1
 * ```
 */
export function decayFactor(ageDays: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, ageDays) / halfLifeDays);
}

/** Rounds to two decimals, the precision an explanation shows and sums. */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}

/**
 * An engagement contribution: the rule's points decayed by age, rounded to two decimals.
 *
 * @example
 * ```ts
 * decayedPoints(20, 60, 30); // 5
 * ```
 */
export function decayedPoints(points: number, ageDays: number, halfLifeDays: number): number {
  return roundPoints(points * decayFactor(ageDays, halfLifeDays));
}

/**
 * A lead's score: the fit points plus the engagement contributions as shown (two decimals each), rounded
 * to a whole number, so the explanation always adds up to the score.
 *
 * @example
 * ```ts
 * totalScore([10, 15], [5, 2.5]); // 33 (32.5 rounds up)
 * ```
 */
export function totalScore(fitPoints: readonly number[], contributions: readonly number[]): number {
  const fit = fitPoints.reduce((sum, points) => sum + points, 0);
  const engagement = roundPoints(contributions.reduce((sum, points) => sum + points, 0));
  return Math.round(fit + engagement);
}
