import type { CompareOp, FieldRef } from '@rapport/core';
import type { CompileScope } from './compile-scope';

/** The bounds of a 64-bit integer column: `[-2^63, 2^63)`. Both are exact doubles. */
const lowest = -(2 ** 63);
const beyondHighest = 2 ** 63;

/**
 * What a comparison of an integer column with a number becomes once the number is one the column could
 * hold: the same comparison with an integer, or a constant answer (`all` rows, `none`, or every
 * `notNull` row).
 */
export type IntegerComparison =
  | { readonly op: CompareOp; readonly value: number }
  | 'all'
  | 'none'
  | 'notNull';

/**
 * Whether `field` reads a whole `integer` column, whose engine type (Postgres `bigint`) refuses a bound
 * parameter with a fraction or beyond 64 bits instead of comparing with it.
 */
export function isIntegerColumn(scope: CompileScope, field: FieldRef): boolean {
  const { operand } = field;
  return (
    operand.kind === 'column' &&
    operand.part === undefined &&
    scope.columns.get(operand.column)?.type === 'integer'
  );
}

/** Whether a 64-bit integer column can hold `value` exactly. */
export function fitsInteger(value: number): boolean {
  return Number.isInteger(value) && value >= lowest && value < beyondHighest;
}

/**
 * The exact equivalent, over integers, of `column op value` for a number no integer column holds: `x < 2.5`
 * is `x < 3`, `x = 2.5` holds for no row, `x <> 2.5` for every row (null included, as `ne` matches null),
 * and `x < 1e30` for every row with a value. Core's reference compares the same numbers directly, so both
 * give the same rows.
 *
 * @example
 * ```ts
 * integerComparison('lte', 2.5); // { op: 'lte', value: 2 }
 * integerComparison('gt', 1e30); // 'none'
 * ```
 */
export function integerComparison(op: CompareOp, value: number): IntegerComparison {
  if (op === 'eq') return 'none';
  if (op === 'ne') return 'all';
  const isBelow = op === 'lt' || op === 'lte';
  if (value >= beyondHighest) return isBelow ? 'notNull' : 'none';
  if (value < lowest) return isBelow ? 'none' : 'notNull';
  const roundsUp = op === 'lt' || op === 'gte';
  return { op, value: roundsUp ? Math.ceil(value) : Math.floor(value) };
}
