/**
 * Folds text for case-insensitive comparison: JavaScript's `toLowerCase()` (full Unicode), then the
 * Greek final sigma `ς` to `σ`. `toLowerCase()` picks `ς` or `σ` for `Σ` by its place in a word, which no
 * SQL `lower()` does and which would make `'ΟΔΟΣ'` differ from `'οδοσ'`; Unicode case folding maps both
 * sigmas to `σ`, and so does this. Every engine folds with exactly this function or its SQL twin.
 *
 * @example
 * ```ts
 * foldCase('ÉCLAIR'); // 'éclair'
 * foldCase('ΟΔΟΣ') === foldCase('οδος'); // true: both 'οδοσ'
 * ```
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
}
