import type { Row } from '@rapport/core';
import type { SqlCopy } from './sql-driver';
import type { Binder } from './table-codec';
import type { TableRuntime } from './table-runtime';

/**
 * Rows per insert from which a driver's `copyRows` replaces multi-row INSERTs. Measured with rows of the
 * people table (27 columns, four of them jsonb): up to 50 rows, where an INSERT is one statement, both
 * roads run at about the same speed; past that an INSERT takes several statements under a savepoint and
 * COPY pulls ahead, about 2x at 500 rows (the chunk core writes in) on a Postgres 15 server and on PGlite.
 * Smaller inserts (single records, unique values) keep their cached INSERT.
 */
export const COPY_MIN_ROWS = 50;

/**
 * The rows of one insert as a {@link SqlCopy} with every column of the table, each value encoded by the
 * column's binder exactly as an INSERT binds it: a value that does not fit its column throws STORAGE_ERROR
 * before anything is written, and a column a row leaves out is NULL.
 *
 * @example
 * ```ts
 * const copy = copyOf(runtime, rows);
 * await connection.copyRows?.(copy);
 * ```
 */
export function copyOf(runtime: TableRuntime, rows: readonly Row[]): SqlCopy {
  const columns = runtime.columnNames;
  const binders = columns.map((column) => runtime.codec.binderOf(column));
  const width = columns.length;
  const values: unknown[] = new Array(rows.length * width);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Row;
    const offset = r * width;
    for (let i = 0; i < width; i++) values[offset + i] = (binders[i] as Binder)(row[columns[i] as string]);
  }
  return { table: runtime.def.name, columns, values };
}
