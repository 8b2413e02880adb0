import { compareCodePoints } from './compare-text';
import type { OrderTerm } from './condition';
import { invalidFilter } from './invalid-filter';
import type { FieldValue } from './read-operand';
import { compileFieldReader } from './read-operand';
import type { Row } from './schema';
import { valueKindOf } from './value-kind';

/**
 * Orders two rows: negative when `a` comes first, positive when `b` does, 0 when the terms tie.
 *
 * @example
 * ```ts
 * const byName: RowComparator = compileOrder(orderBy);
 * rows.sort(byName);
 * ```
 */
export type RowComparator = (a: Row, b: Row) => number;

/**
 * Compiles an ordering into a comparator for `Array.prototype.sort`. Nulls (and values of another type than
 * the field's, which read as null) sort last in both directions; text, timestamps and dates sort by code
 * point; numbers numerically; `false` before `true`. Later terms break ties of earlier ones; rows that tie
 * on every term compare 0, so a stable sort keeps their incoming order.
 *
 * @example
 * ```ts
 * const byName = compileOrder([
 *   { field: { operand: { kind: 'column', column: 'name' }, type: 'text' }, direction: 'asc' },
 *   { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
 * ]);
 * rows.sort(byName);
 * ```
 */
export function compileOrder(orderBy: readonly OrderTerm[]): RowComparator {
  const terms = orderBy.map(compileTerm);
  const [first, second] = terms;
  if (first === undefined) return () => 0;
  if (second === undefined) return first;
  return (a, b) => {
    for (const term of terms) {
      const order = term(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function compileTerm(term: OrderTerm): RowComparator {
  const compareValues = valueComparator(term);
  if (term.direction !== 'asc' && term.direction !== 'desc') {
    throw invalidFilter(`Unknown sort direction '${String(term.direction)}'; use 'asc' or 'desc'.`, { term });
  }
  const sign = term.direction === 'desc' ? -1 : 1;
  const read = compileFieldReader(term.field);
  return (a, b) => {
    const valueA = read(a);
    const valueB = read(b);
    // Nulls go last whatever the direction, so the sign applies to non-null values only.
    if (valueA === null) return valueB === null ? 0 : 1;
    if (valueB === null) return -1;
    return sign * compareValues(valueA, valueB);
  };
}

function valueComparator(term: OrderTerm): (a: FieldValue, b: FieldValue) => number {
  switch (valueKindOf(term.field?.type)) {
    case 'string':
      return (a, b) => compareCodePoints(a as string, b as string);
    case 'number':
      return (a, b) => (a as number) - (b as number);
    case 'boolean':
      return (a, b) => (a === b ? 0 : a ? 1 : -1);
    case 'list':
      throw invalidFilter('A textList value cannot be sorted on.', { term });
    default:
      throw invalidFilter(`Unknown value type '${String(term.field?.type)}'.`, { term });
  }
}
