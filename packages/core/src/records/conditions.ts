import type { Condition, FieldRef, Scalar } from '../storage/condition';

/** A column compared as text. */
export const textColumn = (column: string): FieldRef => ({
  operand: { kind: 'column', column },
  type: 'text',
});

/** `column = value` (case-sensitive). */
export const columnEquals = (column: string, value: Scalar): Condition => ({
  kind: 'compare',
  field: textColumn(column),
  op: 'eq',
  value,
  caseInsensitive: false,
});

/** `column IN (values)`. */
export const columnIn = (column: string, values: readonly Scalar[]): Condition => ({
  kind: 'in',
  field: textColumn(column),
  values,
  negate: false,
  caseInsensitive: false,
});

/** Every condition holds; drops undefined parts and unwraps a single one. */
export function allOf(...conditions: (Condition | undefined)[]): Condition | undefined {
  const present = conditions.filter((condition): condition is Condition => condition !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return { kind: 'and', conditions: present };
}

/** Rows that are (not) archived. */
export const archivedIs = (archived: boolean): Condition => ({
  kind: 'null',
  field: { operand: { kind: 'column', column: 'archived_at' }, type: 'timestamp' },
  negate: archived,
});
