import type { Row } from '@rapport/core';
import type { MaybePromise } from './maybe-promise';
import type { SqlStatement } from './sql-statement';

/**
 * Rows for {@link SqlConnection.copyRows}, encoded row by row as the driver writes them: `encodeRow` puts
 * row `index`'s values into `into` in `columns` order, each encoded by the table's column codecs exactly
 * as it would be bound to a statement (`null` for NULL, JSON columns as JSON text). A driver that streams
 * can so send the first rows while later ones are still objects, and a large load never exists as one
 * array of values. A value that does not fit its column throws STORAGE_ERROR from `encodeRow`: the driver
 * then abandons the copy and writes none of it. Names are plain, unquoted identifiers; the table resolves
 * as a statement's would (on Postgres, by `search_path`). {@link copyOfValues} makes one from values.
 *
 * @example
 * ```ts
 * const copy: SqlCopy = copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', id1, 't1', id2] });
 * const row: unknown[] = [];
 * copy.encodeRow(1, row); // row is ['t1', id2]
 * ```
 */
export interface SqlCopy {
  readonly table: string;
  readonly columns: readonly string[];
  /** How many rows the copy writes. */
  readonly rowCount: number;
  /** Puts row `index`'s encoded values into `into`, in `columns` order. Rows are asked for in order. */
  encodeRow(index: number, into: unknown[]): void;
}

/**
 * Runs statements on one connection. Inside a transaction every call goes to that transaction's
 * connection; outside, the driver decides where it runs (and whether it waits for an open transaction).
 *
 * @example
 * ```ts
 * const rows = await connection.query({ sql: 'select 1 as "one"', parameters: [] });
 * ```
 */
export interface SqlConnection {
  /** Runs a statement and returns its rows as plain objects keyed by column name. */
  query(statement: SqlStatement): MaybePromise<Row[]>;
  /**
   * Runs a statement and returns its first row. The point-read fast path: an engine that can stop after
   * one row (better-sqlite3's `get`) should.
   */
  queryFirst(statement: SqlStatement): MaybePromise<Row | undefined>;
  /** Runs a statement that returns no rows and returns how many rows it changed. */
  execute(statement: SqlStatement): MaybePromise<number>;
  /**
   * Optional bulk load, for engines with a faster road than multi-row INSERTs (Postgres `COPY ... FROM
   * STDIN`). Writes every row of `copy` in one statement, so it is all or nothing by itself, with the
   * constraints an INSERT of the same rows would check (foreign keys once all rows are in), and fails with
   * the engine's own error so that the dialect classifies it as it does an INSERT's. Returns the number
   * of rows written. The shared layer uses it inside transactions, for batches large enough to gain.
   *
   * @example
   * ```ts
   * await connection.copyRows?.(copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', id1, 't1', id2] }));
   * // On Postgres: COPY "tags" ("tenant_id", "id") FROM STDIN, two lines of tab-separated text.
   * ```
   */
  copyRows?(copy: SqlCopy): MaybePromise<number>;
}

/**
 * What an engine binding supplies to {@link createSqlStore}: statements in and rows out, transactions and
 * closing. It knows nothing of tables, tenants or conditions.
 *
 * Concurrency contract: `transaction` callbacks of one driver never interleave their statements with
 * another transaction's on the same connection, and a statement run outside a transaction never sees a
 * transaction's writes before it commits.
 *
 * @example
 * ```ts
 * const inserted = await driver.transaction(async (connection) =>
 *   connection.execute({ sql: 'insert into "tags" ("tenant_id", "id") values (?, ?)', parameters: ['t1', id] }),
 * );
 * ```
 */
export interface SqlDriver extends SqlConnection {
  /**
   * Runs `fn` in one transaction: commits when it resolves, rolls back when it throws and rethrows the
   * same error. Transactions do not nest.
   */
  transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** Waits for running work, then releases the engine's connections and files. */
  close(): Promise<void>;
}
