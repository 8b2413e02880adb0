import { compareCodePoints } from '../storage/compare-text';
import type { ColumnDef } from '../storage/schema';

type Compare = (a: unknown, b: unknown) => number;

/**
 * Compiles the comparator of encoded primary-key map keys (see `encodeKey`) over `columns`, so that a
 * table's rows come out in the order a SQL engine's `ORDER BY` on the key gives: text, timestamps and dates
 * by code point, numbers numerically, `false` before `true`.
 *
 * @example
 * ```ts
 * const compare = compileKeyOrder([{ name: 'id', type: 'text', nullable: false }]);
 * ['b', 'a'].sort(compare); // ['a', 'b']
 * ```
 */
export function compileKeyOrder(columns: readonly ColumnDef[]): (a: string, b: string) => number {
  const [only] = columns;
  if (columns.length === 1 && only !== undefined && valueComparator(only) === compareText) {
    // A lone text key is encoded as itself: compare the keys directly, without decoding.
    return compareCodePoints;
  }
  const comparators = columns.map(valueComparator);
  const decode =
    columns.length === 1 ? (key: string) => [JSON.parse(key)] : (key: string) => JSON.parse(key) as unknown[];
  return (a, b) => {
    const valuesA = decode(a);
    const valuesB = decode(b);
    for (let index = 0; index < comparators.length; index++) {
      const order = (comparators[index] as Compare)(valuesA[index], valuesB[index]);
      if (order !== 0) return order;
    }
    return 0;
  };
}

const compareText: Compare = (a, b) => compareCodePoints(a as string, b as string);
const compareNumbers: Compare = (a, b) => (a as number) - (b as number);
const compareBooleans: Compare = (a, b) => (a === b ? 0 : a ? 1 : -1);

function valueComparator(column: ColumnDef): Compare {
  switch (column.type) {
    case 'integer':
    case 'real':
      return compareNumbers;
    case 'boolean':
      return compareBooleans;
    default:
      return compareText;
  }
}
