import type { PGlite } from '@electric-sql/pglite';
import type { Row } from '@rapport/core';
import type { SerialQueue, SqlConnection, SqlDriver, SqlStatement } from '@rapport/sql';
import { createSerialQueue } from '@rapport/sql';
import { pgliteCopyRows } from './pglite-copy';

/** Options of {@link createPgliteDriver}. */
export interface PgliteDriverOptions {
  /** The quoted `search_path` this driver's statements run under (see `searchPathOf`). */
  readonly searchPath: string;
}

/** What every driver on one PGlite instance shares: the one connection's turn, and its current search_path. */
interface PgliteConnectionState {
  readonly queue: SerialQueue;
  searchPath: string | undefined;
}

// Keyed by instance: several adapters (say, one schema per test) may share one PGlite, and they must take
// turns on its single connection together, not each in its own queue.
const states = new WeakMap<PGlite, PgliteConnectionState>();

function stateOf(db: PGlite): PgliteConnectionState {
  let state = states.get(db);
  if (state === undefined) {
    state = { queue: createSerialQueue(), searchPath: undefined };
    states.set(db, state);
  }
  return state;
}

/** The statements of `db` as a {@link SqlConnection}, for use while holding the connection's turn. */
function connectionOf(db: PGlite): SqlConnection {
  const run = (statement: SqlStatement) => db.query<Row>(statement.sql, statement.parameters as unknown[]);
  return {
    query: async (statement) => (await run(statement)).rows,
    queryFirst: async (statement) => (await run(statement)).rows[0],
    execute: async (statement) => (await run(statement)).affectedRows ?? 0,
    copyRows: (copy) => pgliteCopyRows(db, copy),
  };
}

/**
 * A {@link SqlDriver} over a PGlite instance: one connection, so every transaction and every statement
 * takes its turn in one queue per instance (shared by all drivers on that instance), and a statement
 * outside a transaction never sees uncommitted writes. Before its turn's first statement a driver sets
 * the connection's `search_path` to its own when another driver left a different one.
 *
 * @example
 * ```ts
 * const driver = createPgliteDriver(new PGlite(), { searchPath: '"crm"' });
 * const rows = await driver.query({ sql: 'select 1 as "one"', parameters: [] });
 * ```
 */
export function createPgliteDriver(db: PGlite, options: PgliteDriverOptions): SqlDriver {
  const state = stateOf(db);
  const connection = connectionOf(db);

  // Runs `task` in this driver's turn, under this driver's search_path.
  const inTurn = <T>(task: () => Promise<T>): Promise<T> =>
    state.queue.run(async () => {
      if (state.searchPath !== options.searchPath) {
        await db.exec(`set search_path to ${options.searchPath}`);
        state.searchPath = options.searchPath;
      }
      return task();
    });

  return {
    query: (statement) => inTurn(() => connection.query(statement) as Promise<Row[]>),
    queryFirst: (statement) => inTurn(() => connection.queryFirst(statement) as Promise<Row | undefined>),
    execute: (statement) => inTurn(() => connection.execute(statement) as Promise<number>),
    transaction: <T>(fn: (connection: SqlConnection) => Promise<T>) =>
      inTurn(async () => {
        await db.exec('begin');
        try {
          const result = await fn(connection);
          await db.exec('commit');
          return result;
        } catch (error) {
          // A failed COMMIT has already ended the transaction (a ROLLBACK then only warns); if the
          // rollback itself fails, the caller still needs the error that caused it.
          await db.exec('rollback').catch(() => undefined);
          throw error;
        }
      }),
    // The host owns the instance: closing waits for this driver's queued work and leaves PGlite open.
    close: () => inTurn(async () => undefined),
  };
}
