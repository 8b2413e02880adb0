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
 * column's binder exactly as an INSERT binds it, as the driver asks for the row: a value that does not fit
 * its column throws STORAGE_ERROR and the driver writes none of the copy; a column a row leaves out is
 * NULL. `rows` must not change until the copy is written.
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
  return {
    table: runtime.def.name,
    columns,
    rowCount: rows.length,
    encodeRow(index, into) {
      const row = rows[index] as Row;
      for (let i = 0; i < width; i++) into[i] = (binders[i] as Binder)(row[columns[i] as string]);
    },
  };
}

/** What {@link copyOfValues} takes: rows already encoded, one after another, row-major. */
export interface CopyValues {
  readonly table: string;
  readonly columns: readonly string[];
  /** Row `r`'s value of `columns[i]` is `values[r * columns.length + i]`. */
  readonly values: readonly unknown[];
}

/**
 * A {@link SqlCopy} of values already encoded, laid out row after row: for drivers' own tests and for
 * callers that hold values rather than rows.
 *
 * @example
 * ```ts
 * const copy = copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', 'a', 't1', 'b'] });
 * copy.rowCount; // 2
 * ```
 */
export function copyOfValues({ table, columns, values }: CopyValues): SqlCopy {
  const width = columns.length;
  return {
    table,
    columns,
    rowCount: width === 0 ? 0 : Math.floor(values.length / width),
    encodeRow(index, into) {
      const offset = index * width;
      for (let i = 0; i < width; i++) into[i] = values[offset + i];
    },
  };
}
