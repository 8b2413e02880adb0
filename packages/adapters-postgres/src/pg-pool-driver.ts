import type { Row } from '@rapport/core';
import type { SqlConnection, SqlDriver, SqlStatement } from '@rapport/sql';
import type { Pool, PoolClient } from 'pg';
import { isRetryableTransactionError, MAX_TRANSACTION_ATTEMPTS } from './serialization-retry';

/** Options of {@link createPgPoolDriver}. */
export interface PgPoolDriverOptions {
  /** End the pool on `close()`: true when the adapter created it, false when the host passed it in. */
  readonly ownsPool: boolean;
}

// Anything that can run a query: the pool itself (outside transactions) or one checked-out client.
type Queryable = Pick<Pool, 'query'> | PoolClient;

/** The statements of `queryable` as a {@link SqlConnection}. */
function connectionOf(queryable: Queryable): SqlConnection {
  const run = (statement: SqlStatement) => queryable.query(statement.sql, statement.parameters as unknown[]);
  return {
    query: async (statement) => (await run(statement)).rows as Row[],
    queryFirst: async (statement) => (await run(statement)).rows[0] as Row | undefined,
    execute: async (statement) => (await run(statement)).rowCount ?? 0,
  };
}

/**
 * A {@link SqlDriver} over a `pg.Pool`. Each transaction checks out its own client (`BEGIN`, then
 * `COMMIT` or `ROLLBACK`, and the client always goes back); statements outside a transaction run on
 * whichever pooled connection is free, so they never see another transaction's uncommitted writes. A
 * transaction that fails with a serialization failure or a deadlock runs again, up to
 * {@link MAX_TRANSACTION_ATTEMPTS} times in all.
 *
 * @example
 * ```ts
 * const driver = createPgPoolDriver(new pg.Pool({ connectionString }), { ownsPool: true });
 * await driver.transaction(async (connection) => connection.execute({ sql: 'delete from "tags"', parameters: [] }));
 * ```
 */
export function createPgPoolDriver(pool: Pool, options: PgPoolDriverOptions): SqlDriver {
  const running = new Set<Promise<unknown>>();
  // Tracks work so close() can wait for it before ending the pool.
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    const forget = () => running.delete(work);
    work.then(forget, forget);
    return work;
  };
  const outside = connectionOf(pool);

  async function transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runOnce(pool, fn);
      } catch (error) {
        if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      }
    }
  }

  return {
    query: (statement) => track(outside.query(statement) as Promise<Row[]>),
    queryFirst: (statement) => track(outside.queryFirst(statement) as Promise<Row | undefined>),
    execute: (statement) => track(outside.execute(statement) as Promise<number>),
    transaction: (fn) => track(transaction(fn)),
    close: async () => {
      await Promise.allSettled([...running]);
      if (options.ownsPool) await pool.end();
    },
  };
}

/** One attempt of a transaction on its own client. */
async function runOnce<T>(pool: Pool, fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A client whose rollback failed may be broken; releasing it with the error makes the pool discard it.
  let releaseError: Error | undefined;
  let hasCallbackFailed = false;
  try {
    await client.query('begin');
    let result: T;
    try {
      result = await fn(connectionOf(client));
    } catch (error) {
      hasCallbackFailed = true;
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        releaseError = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    }
    await client.query('commit');
    return result;
  } catch (error) {
    // A failed BEGIN or COMMIT on a lost connection leaves the client unusable too.
    if (!hasCallbackFailed && isConnectionError(error)) releaseError = error as Error;
    throw error;
  } finally {
    client.release(releaseError);
  }
}

// Errors without a SQLSTATE (a closed socket) and class 08 (connection exception) or 57P (shutdown) mean
// the connection itself is gone.
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && !('severity' in error);
  return code.startsWith('08') || code.startsWith('57P');
}
