import type { Row } from '@rapport/core';
import type { SqlConnection, SqlDriver, SqlStatement } from '@rapport/sql';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { pgCopy } from './pg-copy';
import { isRetryableTransactionError, MAX_TRANSACTION_ATTEMPTS } from './serialization-retry';
import type { StatementNames } from './statement-names';
import { createStatementNames } from './statement-names';

/** Options of {@link createPgPoolDriver}. */
export interface PgPoolDriverOptions {
  /** End the pool on `close()`: true when the adapter created it, false when the host passed it in. */
  readonly ownsPool: boolean;
}

// Anything that can run a query: the pool itself (outside transactions) or one checked-out client.
type Queryable = Pick<Pool, 'query'> | PoolClient;

/**
 * The statements of `queryable` as a {@link SqlConnection}; recurring statements marked `prepare` run as
 * named prepared statements.
 */
function connectionOf(queryable: Queryable, names: StatementNames): SqlConnection {
  const run = (statement: SqlStatement) => runStatement(queryable, names, statement);
  return {
    query: (statement) => run(statement).then(rowsOf),
    queryFirst: (statement) => run(statement).then(firstRowOf),
    execute: (statement) => run(statement).then(rowCountOf),
    ...pgCopy(queryable),
  };
}

function runStatement(queryable: Queryable, names: StatementNames, statement: SqlStatement) {
  const name = statement.prepare === true ? names.nameOf(statement.sql) : undefined;
  const values = statement.parameters as unknown[];
  return name === undefined
    ? queryable.query(statement.sql, values)
    : queryable.query({ name, text: statement.sql, values });
}

const rowsOf = (result: QueryResult) => result.rows as Row[];
const firstRowOf = (result: QueryResult) => result.rows[0] as Row | undefined;
const rowCountOf = (result: QueryResult) => result.rowCount ?? 0;

/**
 * A {@link SqlDriver} over a `pg.Pool`. Each transaction checks out its own client (`BEGIN`, then
 * `COMMIT` or `ROLLBACK`, and the client always goes back); each statement outside a transaction checks
 * out a client for itself, so it never sees another transaction's uncommitted writes. A client goes back
 * to the pool for reuse after a failed statement (a timeout, a constraint violation) and is discarded only
 * when its connection broke. A transaction that fails with a serialization failure or a deadlock runs
 * again, up to {@link MAX_TRANSACTION_ATTEMPTS} times in all. `close()` waits for running work, then ends
 * the pool if the driver owns it.
 *
 * @example
 * ```ts
 * const driver = createPgPoolDriver(new pg.Pool({ connectionString }), { ownsPool: true });
 * await driver.transaction(async (connection) => connection.execute({ sql: 'delete from "tags"', parameters: [] }));
 * ```
 */
export function createPgPoolDriver(pool: Pool, options: PgPoolDriverOptions): SqlDriver {
  const work = createWorkInFlight();
  // The pool reports a connection lost while idle (a restarted server, a terminated backend) as an 'error'
  // event, which would end the process without a listener. The pool has already dropped that client, and
  // the next checkout opens a new connection, so there is nothing more to do. A host's pool is the host's.
  if (options.ownsPool) pool.on('error', () => undefined);
  const names = createStatementNames();
  const outside = <T>(statement: SqlStatement, pick: (result: QueryResult) => T) =>
    runOutside(pool, names, work, statement, pick);

  async function transaction<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T> {
    work.start();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await runOnce(pool, names, fn);
        } catch (error) {
          if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
        }
      }
    } finally {
      work.end();
    }
  }

  return {
    query: (statement) => outside(statement, rowsOf),
    queryFirst: (statement) => outside(statement, firstRowOf),
    execute: (statement) => outside(statement, rowCountOf),
    transaction,
    close: async () => {
      await work.drained();
      if (options.ownsPool) await pool.end();
    },
  };
}

/** Counts the statements and transactions under way, so that `close()` can wait for them to end. */
interface WorkInFlight {
  start(): void;
  end(): void;
  /** Resolves once nothing is under way. */
  drained(): Promise<void>;
}

// A counter rather than a set of promises: the point read is the hottest path, and this costs it nothing.
function createWorkInFlight(): WorkInFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    start: () => {
      count++;
    },
    end: () => {
      count--;
      if (count > 0 || waiters.length === 0) return;
      for (const resolve of waiters) resolve();
      waiters = [];
    },
    drained: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

/** A client checked out of a pool, watched for a lost connection until it goes back. */
interface CheckedOutClient {
  readonly client: PoolClient;
  /** Gives the client back; with an error, or when its connection was lost, the pool discards it. */
  release(error?: Error): void;
}

function watched(client: PoolClient): CheckedOutClient {
  let lostWith: Error | undefined;
  // The pool listens for errors only on idle clients. A checked-out client whose backend goes away between
  // statements emits 'error' with nobody listening, which would end the process.
  const onError = (error: Error) => {
    lostWith = error;
  };
  client.on('error', onError);
  return {
    client,
    release: (error) => {
      client.off('error', onError);
      client.release(error ?? lostWith);
    },
  };
}

/**
 * One statement outside a transaction, on a client of its own. Unlike `pool.query`, which discards the
 * connection after any failed statement, this keeps a connection that is still good.
 */
async function runOutside<T>(
  pool: Pool,
  names: StatementNames,
  work: WorkInFlight,
  statement: SqlStatement,
  pick: (result: QueryResult) => T,
): Promise<T> {
  work.start();
  try {
    const { client, release } = watched(await pool.connect());
    let releaseError: Error | undefined;
    try {
      return pick(await runStatement(client, names, statement));
    } catch (error) {
      if (isConnectionError(error)) releaseError = error as Error;
      throw error;
    } finally {
      release(releaseError);
    }
  } finally {
    work.end();
  }
}

/** One attempt of a transaction on its own client. */
async function runOnce<T>(
  pool: Pool,
  names: StatementNames,
  fn: (connection: SqlConnection) => Promise<T>,
): Promise<T> {
  const { client, release } = watched(await pool.connect());
  // A client whose rollback failed may be broken; releasing it with the error makes the pool discard it.
  let releaseError: Error | undefined;
  let hasCallbackFailed = false;
  try {
    await client.query('begin');
    let result: T;
    try {
      result = await fn(connectionOf(client, names));
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
    release(releaseError);
  }
}

// Errors without a SQLSTATE (a closed socket) and class 08 (connection exception) or 57P (shutdown, a
// terminated backend) mean the connection itself is gone. 57014 (a statement timeout or a cancel) does not:
// the connection stays good.
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error instanceof Error && !('severity' in error);
  return code.startsWith('08') || code.startsWith('57P');
}
