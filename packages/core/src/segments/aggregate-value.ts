import { compareCodePoints } from '../storage/compare-text';
import type { RelatedAggregate } from '../storage/condition';
import { compileFieldReader } from '../storage/read-operand';
import type { Row } from '../storage/schema';

/**
 * The value an aggregate takes over the related rows that matched, as the condition compares it: the
 * number of rows for `exists` and `count`; the sum (0 over no rows), the average, the least or the greatest
 * value of the field otherwise, null values left out (null over no values). Dates and instants order as
 * text, by code point.
 *
 * @example
 * ```ts
 * aggregateValue({ fn: 'sum', field: total, op: 'gt', value: 500 }, orders); // 1250
 * ```
 */
export function aggregateValue(aggregate: RelatedAggregate, rows: readonly Row[]): number | string | null {
  if (aggregate.fn === 'exists' || aggregate.fn === 'count') return rows.length;
  const read = compileFieldReader(aggregate.field);
  const values = rows.map(read).filter((value): value is number | string => value !== null);
  if (aggregate.fn === 'sum') return (values as number[]).reduce((total, value) => total + value, 0);
  if (values.length === 0) return null;
  if (aggregate.fn === 'avg')
    return (values as number[]).reduce((total, value) => total + value, 0) / values.length;
  const order = (a: number | string, b: number | string) =>
    typeof a === 'number' ? a - (b as number) : compareCodePoints(a, b as string);
  const sign = aggregate.fn === 'max' ? 1 : -1;
  return values.reduce((best, value) => (order(value, best) * sign > 0 ? value : best));
}
