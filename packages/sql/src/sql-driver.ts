import type { Row } from '@rapport/core';
import type { MaybePromise } from './maybe-promise';
import type { SqlStatement } from './sql-statement';

/**
 * Rows for {@link SqlConnection.copyRows}: `values` holds them one after another, row-major, each already
 * encoded by the table's column codecs exactly as it would be bound to a statement (`null` for NULL, JSON
 * columns as JSON text), so row `r`'s value of `columns[i]` is `values[r * columns.length + i]`. Names are
 * plain, unquoted identifiers; the table resolves as a statement's would (on Postgres, by `search_path`).
 *
 * @example
 * ```ts
 * const copy: SqlCopy = { table: 'tags', columns: ['tenant_id', 'id', 'name'], values: ['t1', id1, 'vip', 't1', id2, null] };
 * ```
 */
export interface SqlCopy {
  readonly table: string;
  readonly columns: readonly string[];
  readonly values: readonly unknown[];
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
   * await connection.copyRows?.({ table: 'tags', columns: ['tenant_id', 'id'], values: ['t1', id1, 't1', id2] });
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
