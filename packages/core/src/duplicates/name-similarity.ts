import { foldCompanyName, foldName } from './fold-name';
import { jaroWinkler } from './jaro-winkler';

const sortedTokens = (folded: string) => folded.split(' ').sort().join(' ');

/**
 * How alike two folded names are, from 0 to 1: the Jaro-Winkler similarity of the names as written, or of
 * their words in sorted order when that is higher (`'lee ann'` against `'ann lee'`, a first and last name
 * entered the wrong way round). Empty names are alike to nothing. Callers that compare a name many times
 * pass its sorted words, computed once.
 *
 * @example
 * ```ts
 * foldedSimilarity('jon smith', 'john smith'); // 0.97...
 * ```
 */
export function foldedSimilarity(
  a: string,
  b: string,
  sortedA: string = sortedTokens(a),
  sortedB: string = sortedTokens(b),
): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b || sortedA === sortedB) return 1;
  const direct = jaroWinkler(a, b);
  if (sortedA === a && sortedB === b) return direct;
  return Math.max(direct, jaroWinkler(sortedA, sortedB));
}

/**
 * How alike two person names are (see {@link foldedSimilarity}), after folding.
 *
 * @example
 * ```ts
 * personNameSimilarity('Zoë O’Brien', 'zoe obrien'); // 1
 * ```
 */
export function personNameSimilarity(a: string, b: string): number {
  return foldedSimilarity(foldName(a), foldName(b));
}

/**
 * How alike two company names are (see {@link foldedSimilarity}), once folded and stripped of legal forms.
 *
 * @example
 * ```ts
 * companyNameSimilarity('ACME, Inc.', 'Acme Corporation'); // 1
 * ```
 */
export function companyNameSimilarity(a: string, b: string): number {
  return foldedSimilarity(foldCompanyName(a), foldCompanyName(b));
}
