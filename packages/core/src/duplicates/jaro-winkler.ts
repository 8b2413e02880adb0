/**
 * The Jaro similarity of two strings, from 0 (nothing in common) to 1 (equal): characters count as
 * matching when equal and no further apart than half the longer length, less one; transpositions are
 * matching characters that appear in a different order. Compares UTF-16 code units, which is exact for the
 * folded names it is given (folding decomposes accents away).
 *
 * @example
 * ```ts
 * jaro('martha', 'marhta'); // 0.944...
 * ```
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Uint8Array(a.length);
  const bMatched = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] === 1 || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transposed = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    if (aMatched[i] !== 1) continue;
    while (bMatched[j] !== 1) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transposed++;
    j++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transposed / 2) / m) / 3;
}

/** How much a shared prefix raises the score (Winkler's standard 0.1), over at most four characters. */
const prefixScale = 0.1;
const maxPrefix = 4;

/**
 * The Jaro-Winkler similarity of two strings, from 0 to 1: Jaro's, raised for a common prefix of up to
 * four characters, since typing errors are rarer at the start of a name. Symmetric; 1 only for equal
 * strings.
 *
 * @example
 * ```ts
 * jaroWinkler('dwayne', 'duane'); // 0.84
 * jaroWinkler('acme', 'acme'); // 1
 * ```
 */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity === 1 || similarity === 0) return similarity;
  let prefix = 0;
  const limit = Math.min(maxPrefix, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  // Never 1 for different strings: rounding could otherwise turn 0.9999... into a false exact match.
  return Math.min(similarity + prefix * prefixScale * (1 - similarity), 1 - Number.EPSILON);
}
