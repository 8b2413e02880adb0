/**
 * Folds a name for comparison: Unicode compatibility decomposition with the accents dropped, lower case,
 * `&` read as `and`, every run of other punctuation or space as one space. `'  Zoë  O\u2019Brien '` and
 * `'zoe obrien'` compare equal only after apostrophes go too, so apostrophes join rather than split.
 *
 * @example
 * ```ts
 * foldName('  Zoë  O’Brien-Smith '); // 'zoe obrien smith'
 * ```
 */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/['’`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Legal forms and filler words that say nothing about which company is meant. */
const companyNoise = new Set([
  'the',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'pty',
  'pte',
  'kk',
  'group',
  'holding',
  'holdings',
]);

/**
 * A company name folded and stripped of legal forms and filler (`The`, `Inc.`, `GmbH`, `Group`, ...), so
 * that `'ACME, Inc.'` and `'Acme Corporation'` compare equal. A name made only of such words keeps them.
 *
 * @example
 * ```ts
 * foldCompanyName('The ACME Group, Inc.'); // 'acme'
 * ```
 */
export function foldCompanyName(text: string): string {
  const tokens = foldName(text).split(' ').filter(Boolean);
  const kept = tokens.filter((token) => !companyNoise.has(token));
  return (kept.length > 0 ? kept : tokens).join(' ');
}
