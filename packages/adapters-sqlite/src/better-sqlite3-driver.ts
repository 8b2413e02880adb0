import type { Row } from '@rapport/core';
import type { SqlConnection, SqlDriver, SqlStatement } from '@rapport/sql';
import { createSerialQueue } from '@rapport/sql';
import type { Database, Statement } from 'better-sqlite3';
import type { RowReader } from './row-reader';
import { createRowReader } from './row-reader';

/** Options of {@link createBetterSqlite3Driver}. */
export interface BetterSqlite3DriverOptions {
  /** Close the database on `close()`: true when the adapter opened it, false when the host passed it in. */
  readonly ownsDatabase: boolean;
}

// Distinct statements come from a bounded set of tables and column sets; the cap guards memory if a
// caller generates many distinct conditions.
const MAX_CACHED_STATEMENTS = 1000;

/**
 * A {@link SqlDriver} over one better-sqlite3 connection. better-sqlite3 is synchronous while the storage
 * contract is async, so one queue serialises the connection: transactions (`BEGIN IMMEDIATE`) run one
 * after another, and a statement outside a transaction waits while one is open, so it never sees
 * uncommitted writes. When nothing is open it runs at once and returns a plain value, without a promise.
 *
 * @example
 * ```ts
 * const driver = createBetterSqlite3Driver(new Database('crm.db'), { ownsDatabase: true });
 * await driver.transaction(async (connection) => connection.execute({ sql: 'delete from "tags"', parameters: [] }));
 * ```
 */
export function createBetterSqlite3Driver(db: Database, options: BetterSqlite3DriverOptions): SqlDriver {
  const statements = new Map<string, Statement>();
  const readers = new Map<string, RowReader>();
  const queue = createSerialQueue();

  const prepare = (text: string): Statement => {
    let statement = statements.get(text);
    if (statement === undefined) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  // Reads go through their own statements, switched to raw mode (see createRowReader).
  const prepareReader = (text: string): RowReader => {
    let reader = readers.get(text);
    if (reader === undefined) {
      if (readers.size >= MAX_CACHED_STATEMENTS) readers.clear();
      reader = createRowReader(db.prepare(text));
      readers.set(text, reader);
    }
    return reader;
  };

  // Binding an array passes the values positionally, without spreading them into arguments.
  const all = (statement: SqlStatement): Row[] => prepareReader(statement.sql).all(statement.parameters);
  const first = (statement: SqlStatement): Row | undefined =>
    prepareReader(statement.sql).get(statement.parameters);
  const run = (statement: SqlStatement): number => prepare(statement.sql).run(statement.parameters).changes;
  const connection: SqlConnection = { query: all, queryFirst: first, execute: run };

  const outside =
    <T>(perform: (statement: SqlStatement) => T) =>
    (statement: SqlStatement): T | Promise<T> =>
      queue.isIdle() ? perform(statement) : queue.run(() => perform(statement));

  const begin: SqlStatement = { sql: 'begin immediate', parameters: [] };
  const commit: SqlStatement = { sql: 'commit', parameters: [] };
  const rollback: SqlStatement = { sql: 'rollback', parameters: [] };

  return {
    query: outside(all),
    queryFirst: outside(first),
    execute: outside(run),
    transaction: <T>(fn: (connection: SqlConnection) => Promise<T>) =>
      queue.run(async () => {
        run(begin);
        try {
          const result = await fn(connection);
          run(commit);
          return result;
        } catch (error) {
          // SQLite ends the transaction itself on some errors; a second rollback would throw.
          if (db.inTransaction) run(rollback);
          throw error;
        }
      }),
    close: () =>
      queue.run(() => {
        statements.clear();
        readers.clear();
        if (options.ownsDatabase) db.close();
      }),
  };
}
