/**
 * Compares two strings by Unicode code point, the order of their UTF-8 bytes: SQLite's `BINARY` collation
 * and Postgres' `COLLATE "C"`. JavaScript's `<` compares UTF-16 code units instead, which puts characters
 * above U+FFFF (stored as surrogates D800–DFFF) before U+E000–U+FFFF; this function does not.
 *
 * @example
 * ```ts
 * compareCodePoints('a\u{1F600}', 'a\uFF5E'); // > 0, although 'a\u{1F600}' < 'a\uFF5E' in JavaScript
 * ['b', 'B', 'é'].sort(compareCodePoints); // ['B', 'b', 'é']
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const unitA = a.charCodeAt(index);
    const unitB = b.charCodeAt(index);
    if (unitA !== unitB) return codePointRank(unitA) - codePointRank(unitB);
  }
  return a.length - b.length;
}

/**
 * Re-ranks a UTF-16 code unit so that, at the first unit where two strings differ, comparing ranks gives
 * code-point order: surrogates move above U+E000–U+FFFF, which move down to make room.
 */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  if (unit >= 0xe000) return unit - 0x800;
  return unit + 0x2000;
}

/**
 * Whether a text holds a code unit at or above U+D800. Against a text without one, JavaScript's code-unit
 * order (`<`) agrees with code-point order: at the first differing unit, the other text's unit is either
 * below U+D800 too (both orders rank them alike) or at or above it, which both orders rank higher.
 *
 * @example
 * ```ts
 * hasHighUnits('Zoë'); // false: 'a' < 'Zoë' is the code-point order
 * ```
 */
export function hasHighUnits(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 0xd800) return true;
  return false;
}
