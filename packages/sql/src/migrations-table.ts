import { sql } from 'kysely';
import type { SqlCompiler } from './create-sql-compiler';
import { toStatement } from './create-sql-compiler';
import { MIGRATION_LOCK_TABLE } from './migration-lock';
import type { SqlDialect } from './sql-dialect';
import type { SqlStatement } from './sql-statement';

/** The table that records applied migrations. Internal: the raw accessor does not list it. */
export const MIGRATIONS_TABLE = 'rapport_migrations';

/** Rapport's own bookkeeping tables: no migration declares them, and the raw accessor leaves them out. */
export const INTERNAL_TABLES: ReadonlySet<string> = new Set([MIGRATIONS_TABLE, MIGRATION_LOCK_TABLE]);

/**
 * The statements over `rapport_migrations(version, name, applied_at)` that make `migrate` idempotent.
 *
 * @example
 * ```ts
 * const statements = createMigrationsTable(db, sqliteDialect);
 * await driver.execute(statements.ensure);
 * ```
 */
export interface MigrationsTable {
  /** Creates the table when it does not exist. */
  readonly ensure: SqlStatement;
  /** Every applied migration as rows `{ version, name }`, ascending. */
  readonly list: SqlStatement;
  /** A row when `version` is applied. */
  isApplied(version: number): SqlStatement;
  /** Records `version` as applied at `appliedAt` (ISO-8601). */
  record(version: number, name: string, appliedAt: string): SqlStatement;
}

/** Compiles the {@link MigrationsTable} statements for `dialect`. */
export function createMigrationsTable(db: SqlCompiler, dialect: SqlDialect): MigrationsTable {
  const ensure = db.schema
    .createTable(MIGRATIONS_TABLE)
    .ifNotExists()
    .addColumn('version', sql.raw(dialect.columnType('integer')), (column) => column.primaryKey())
    .addColumn('name', sql.raw(dialect.columnType('text')), (column) => column.notNull())
    .addColumn('applied_at', sql.raw(dialect.columnType('timestamp')), (column) => column.notNull())
    .compile();
  const list = db.selectFrom(MIGRATIONS_TABLE).select(['version', 'name']).orderBy('version').compile();
  return {
    ensure: toStatement(ensure),
    list: toStatement(list),
    isApplied: (version) =>
      toStatement(db.selectFrom(MIGRATIONS_TABLE).select('version').where('version', '=', version).compile()),
    record: (version, name, appliedAt) =>
      toStatement(db.insertInto(MIGRATIONS_TABLE).values({ version, name, applied_at: appliedAt }).compile()),
  };
}
