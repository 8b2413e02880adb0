/**
 * Encodes the values of a key (primary key, unique index, foreign key) as a map key. Every value of one
 * column has the column's type, so a lone string can stand for itself; tuples go through JSON, which keeps
 * `'1'` and `1` apart and writes `-0` as `0`, as SQL equality does.
 *
 * @example
 * ```ts
 * encodeKey(['c-1']); // 'c-1'
 * encodeKey(['t1', 'c-1']); // '["t1","c-1"]'
 * ```
 */
export function encodeKey(values: readonly unknown[]): string {
  if (values.length === 1 && typeof values[0] === 'string') return values[0];
  return JSON.stringify(values);
}

/**
 * Encodes the values of `columns` in `row`, or returns `null` when any of them is null: SQL never checks
 * a foreign key, nor a unique index, with a NULL in it.
 *
 * @example
 * ```ts
 * encodeColumns({ tenant_id: 't1', code: null }, ['tenant_id', 'code']); // null
 * ```
 */
export function encodeColumns(
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[],
): string | null {
  const values: unknown[] = [];
  for (const column of columns) {
    const value = row[column];
    if (value === null || value === undefined) return null;
    values.push(value);
  }
  return encodeKey(values);
}
