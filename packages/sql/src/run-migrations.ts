import type { MigrateResult, Migration } from '@rapport/core';
import { RapportError } from '@rapport/core';
import { compileMigrationStep } from './compile-ddl';
import type { SqlCompiler } from './create-sql-compiler';
import type { MigrationLock } from './migration-lock';
import { createMigrationLock } from './migration-lock';
import type { MigrationsTable } from './migrations-table';
import type { SchemaModel } from './schema-model';
import type { SqlDialect } from './sql-dialect';
import type { SqlDriver } from './sql-driver';
import type { SqlStatement } from './sql-statement';
import { misuse } from './storage-errors';

/** What {@link runMigrations} works with. */
export interface RunMigrationsArgs {
  readonly driver: SqlDriver;
  readonly db: SqlCompiler;
  readonly dialect: SqlDialect;
  readonly model: SchemaModel;
  readonly migrationsTable: MigrationsTable;
  readonly migrations: readonly Migration[];
  /** Called with the tables a migration changed, once it is folded into the model. */
  readonly onTablesChanged: (tables: readonly string[]) => void;
}

/**
 * Applies the migrations not yet recorded in `rapport_migrations`, ascending, each with its record in one
 * transaction, and folds every migration of the list (applied before or now) into the schema model.
 * Running the same list again applies nothing. Failures throw MIGRATION_FAILED with the cause.
 *
 * Several processes may migrate one database at once: each migration's transaction first takes the row
 * of `rapport_migration_lock` (see {@link createMigrationLock}), then checks `rapport_migrations` again, so
 * the process that waited finds the migration applied and skips it.
 *
 * @example
 * ```ts
 * const { applied, version } = await runMigrations({ driver, db, dialect, model, migrationsTable, migrations, onTablesChanged });
 * ```
 */
export async function runMigrations(args: RunMigrationsArgs): Promise<MigrateResult> {
  const { driver, migrationsTable, model } = args;
  const migrations = sortedMigrations(args.migrations);
  const lock = createMigrationLock(args.db, args.dialect);
  const recorded = await failAsMigration(async () => {
    await ensureBookkeepingTables(driver, [migrationsTable.ensure, ...lock.ensure]);
    return new Map(
      (await driver.query(migrationsTable.list)).map((row) => [Number(row.version), String(row.name)]),
    );
  }, 'Reading rapport_migrations');

  const applied: number[] = [];
  for (const migration of migrations) {
    const recordedName = recorded.get(migration.version);
    if (recordedName !== undefined && recordedName !== migration.name) {
      throw new RapportError(
        'MIGRATION_FAILED',
        `Migration ${migration.version} was applied as "${recordedName}" but is now named "${migration.name}".`,
        {
          details: { version: migration.version, name: migration.name, appliedName: recordedName },
        },
      );
    }
    if (recordedName === undefined) {
      checkAgainstModel(model, migration);
      if (await applyOne(args, lock, migration)) applied.push(migration.version);
      recorded.set(migration.version, migration.name);
    }
    args.onTablesChanged(model.apply(migration));
  }
  return { applied, version: recorded.size === 0 ? 0 : Math.max(...recorded.keys()) };
}

/**
 * Runs the idempotent statements that create the bookkeeping tables. Two processes creating one table at
 * once can make the later `create table if not exists` fail on Postgres (the catalog's unique key, or
 * "relation already exists") once the earlier commits; running the statements again then finds the table.
 * Each table can lose that race once, so one attempt per statement plus one is always enough.
 */
async function ensureBookkeepingTables(
  driver: SqlDriver,
  statements: readonly SqlStatement[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const statement of statements) await driver.execute(statement);
      return;
    } catch (error) {
      if (attempt > statements.length) throw error;
    }
  }
}

/**
 * Runs one migration's DDL and its record in one transaction, under the migration lock; false when
 * another run recorded it first.
 */
async function applyOne(
  { driver, db, dialect, migrationsTable }: RunMigrationsArgs,
  lock: MigrationLock,
  migration: Migration,
): Promise<boolean> {
  return failAsMigration(
    () =>
      driver.transaction(async (connection) => {
        // Waits here while another process migrates the same database, until it commits.
        await connection.execute(lock.take(new Date().toISOString()));
        // Checked again under the lock: the process this one waited for may have applied it.
        if ((await connection.queryFirst(migrationsTable.isApplied(migration.version))) !== undefined)
          return false;
        for (const step of migration.steps) {
          for (const statement of compileMigrationStep(db, dialect, step))
            await connection.execute(statement);
        }
        await connection.execute(
          migrationsTable.record(migration.version, migration.name, new Date().toISOString()),
        );
        return true;
      }),
    `Migration ${migration.version} (${migration.name})`,
    { version: migration.version, name: migration.name },
  );
}

function sortedMigrations(migrations: readonly Migration[]): Migration[] {
  const seen = new Set<number>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration?.version) || migration.version < 1) {
      throw misuse(`Migration versions are positive integers; got ${String(migration?.version)}.`);
    }
    if (seen.has(migration.version))
      throw misuse(`Two migrations have version ${migration.version}; give each its own.`);
    seen.add(migration.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
}

async function failAsMigration<T>(
  run: () => Promise<T>,
  what: string,
  details: Record<string, unknown> = {},
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw migrationError(error, what, details);
  }
}

function checkAgainstModel(model: SchemaModel, migration: Migration): void {
  try {
    model.check(migration);
  } catch (error) {
    throw migrationError(error, `Migration ${migration.version} (${migration.name})`, {
      version: migration.version,
      name: migration.name,
    });
  }
}

function migrationError(error: unknown, what: string, details: Record<string, unknown>): RapportError {
  if (error instanceof RapportError && error.code === 'MISUSE') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RapportError('MIGRATION_FAILED', `${what} failed: ${message}`, { details, cause: error });
}
