import { sql } from 'kysely';
import type { SqlCompiler } from './create-sql-compiler';
import { toStatement } from './create-sql-compiler';
import type { SqlDialect } from './sql-dialect';
import type { SqlStatement } from './sql-statement';

/** The one-row table whose row lock serialises migrations. Internal: the raw accessor does not list it. */
export const MIGRATION_LOCK_TABLE = 'rapport_migration_lock';

// The id of the one row every migrator locks.
const LOCK_ROW_ID = 1;

/**
 * The statements over `rapport_migration_lock(id, taken_at)`, a table of one row that migrations lock in
 * place of an advisory lock (portable SQL only). Every migration transaction takes the row first, so a
 * second process migrating the same database waits on the row until the first commits, and then finds
 * the migration recorded. `taken_at` keeps the time of the last migration transaction.
 *
 * @example
 * ```ts
 * const lock = createMigrationLock(db, postgresDialect);
 * for (const statement of lock.ensure) await driver.execute(statement);
 * await driver.transaction(async (connection) => {
 *   await connection.execute(lock.take(new Date().toISOString()));
 *   // ... check rapport_migrations again, then migrate
 * });
 * ```
 */
export interface MigrationLock {
  /** Creates the table and its row when they do not exist; safe to run again. */
  readonly ensure: readonly SqlStatement[];
  /**
   * Takes the lock row for the rest of the transaction (an UPDATE, so it works on every engine): a second
   * transaction that takes it waits until the first ends.
   */
  take(at: string): SqlStatement;
}

/** Compiles the {@link MigrationLock} statements for `dialect`. */
export function createMigrationLock(db: SqlCompiler, dialect: SqlDialect): MigrationLock {
  const create = db.schema
    .createTable(MIGRATION_LOCK_TABLE)
    .ifNotExists()
    .addColumn('id', sql.raw(dialect.columnType('integer')), (column) => column.primaryKey())
    .addColumn('taken_at', sql.raw(dialect.columnType('timestamp')))
    .compile();
  // Two processes may insert the row at once: the loser's insert does nothing.
  const insertRow = db
    .insertInto(MIGRATION_LOCK_TABLE)
    .values({ id: LOCK_ROW_ID, taken_at: null })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .compile();
  return {
    ensure: [toStatement(create), toStatement(insertRow)],
    take: (at) =>
      toStatement(
        db.updateTable(MIGRATION_LOCK_TABLE).set({ taken_at: at }).where('id', '=', LOCK_ROW_ID).compile(),
      ),
  };
}
