import type { Row } from '@rapport/core';
import type { MaybePromise } from './maybe-promise';
import type { SqlStatement } from './sql-statement';

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
