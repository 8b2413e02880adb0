import type {
  ClaimArgs,
  MigrateArgs,
  MigrateResult,
  StorageAdapter,
  StorageCapabilities,
  StorageTransaction,
} from '@rapport/core';
import { checkClaim, claimRows } from './claim-rows';
import { createCustomFieldIndexes } from './create-custom-field-index';
import { createRawAccessor } from './create-raw-accessor';
import { createSqlCompiler } from './create-sql-compiler';
import { createMigrationsTable } from './migrations-table';
import { runMigrations } from './run-migrations';
import { createSchemaModel } from './schema-model';
import type { SqlDialect } from './sql-dialect';
import type { SqlDriver } from './sql-driver';
import { misuse, storageError } from './storage-errors';
import type { StoreContext } from './store-operations';
import type { TableRuntime } from './table-runtime';
import { createTableRuntime } from './table-runtime';
import type { TenantSession } from './tenant-session';
import { createTenantOperations, createTenantReads, setTenant } from './tenant-session';
import { translateError } from './translate-error';

/**
 * Options of {@link createSqlStore}.
 *
 * @example
 * ```ts
 * const options: CreateSqlStoreOptions = {
 *   name: 'sqlite',
 *   capabilities: { dialect: 'sqlite', persistent: true, multiProcess: false },
 *   dialect: sqliteDialect,
 *   driver,
 * };
 * ```
 */
export interface CreateSqlStoreOptions {
  /** The adapter's name, e.g. `'sqlite'`. */
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  /** The engine's primitives. */
  readonly dialect: SqlDialect;
  /** The engine binding that runs statements. */
  readonly driver: SqlDriver;
  /**
   * Row-level security: every operation runs in a transaction with its tenant set through this session
   * (reads outside a transaction become short transactions). Left out, nothing changes and nothing costs more.
   */
  readonly tenantSession?: TenantSession;
}

/**
 * A complete {@link StorageAdapter} over a SQL engine: every query is built here, once, from the
 * dialect's primitives, and run by the driver. The store learns its tables from the migrations passed to
 * `migrate`, so call `migrate` with the full list (oldest first) before using a table, also when the
 * database already has them.
 *
 * @example
 * ```ts
 * const adapter = createSqlStore({
 *   name: 'sqlite',
 *   capabilities: { dialect: 'sqlite', persistent: false, multiProcess: false },
 *   dialect: sqliteDialect,
 *   driver: createBetterSqlite3Driver(new Database(':memory:')),
 * });
 * await adapter.migrate({ migrations });
 * const tag = await adapter.findById({ table: 'tags', tenantId: 't1', id });
 * ```
 */
export function createSqlStore(options: CreateSqlStoreOptions): StorageAdapter {
  const { dialect, driver } = options;
  const db = createSqlCompiler(dialect);
  const model = createSchemaModel();
  const migrationsTable = createMigrationsTable(db, dialect);
  const runtimes = new Map<string, TableRuntime>();
  let isClosed = false;

  const context: StoreContext = {
    dialect,
    db,
    runtime(table) {
      let runtime = runtimes.get(table);
      if (runtime === undefined) {
        const def = model.table(table);
        if (def === undefined) {
          throw storageError(
            `Unknown table '${String(table)}'. Pass the migration that creates it to migrate() first.`,
            { table },
          );
        }
        runtime = createTableRuntime(def, dialect, db, (name) => context.runtime(name).scope.columns);
        runtimes.set(table, runtime);
      }
      return runtime;
    },
  };

  const assertOpen = (): void => {
    if (isClosed)
      throw misuse(
        `This ${options.name} adapter is closed. Create a new adapter instead of reusing a closed one.`,
      );
  };
  const reads = createTenantReads(context, driver, assertOpen, options.tenantSession);

  async function transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T> {
    assertOpen();
    if (typeof fn !== 'function')
      throw misuse('transaction takes a callback: adapter.transaction(async (tx) => { ... }).');
    let isCallbackError = false;
    try {
      return await driver.transaction(async (connection) => {
        let isSettled = false;
        const tx = createTenantOperations(
          context,
          connection,
          () => {
            if (isSettled) {
              throw misuse(
                'This transaction handle was used after its callback settled. Await every call inside the callback, or start a new transaction.',
              );
            }
          },
          options.tenantSession,
        );
        try {
          return await fn(tx);
        } catch (error) {
          isCallbackError = true;
          throw error;
        } finally {
          isSettled = true;
        }
      });
    } catch (error) {
      // The callback's own errors reach the caller unchanged; begin and commit failures are translated.
      throw isCallbackError ? error : translateError(error, dialect, { operation: 'transaction' });
    }
  }

  async function claim(args: ClaimArgs) {
    assertOpen();
    checkClaim(args);
    let isClaimError = false;
    try {
      return await driver.transaction(async (connection) => {
        try {
          const { tenantSession } = options;
          if (tenantSession !== undefined) await setTenant(connection, tenantSession, args.tenantId, context);
          return await claimRows(context, connection, args);
        } catch (error) {
          isClaimError = true;
          throw error;
        }
      });
    } catch (error) {
      throw isClaimError ? error : translateError(error, dialect, { operation: 'transaction' });
    }
  }

  async function migrate(args: MigrateArgs): Promise<MigrateResult> {
    assertOpen();
    const migrations = args?.migrations;
    if (!Array.isArray(migrations)) throw misuse('migrate takes { migrations }, an array of migrations.');
    return runMigrations({
      driver,
      db,
      dialect,
      model,
      migrationsTable,
      migrations,
      onTablesChanged: (tables) => {
        for (const table of tables) runtimes.delete(table);
      },
    });
  }

  async function close(): Promise<void> {
    // Closing twice is harmless; every other call after close rejects with MISUSE.
    if (isClosed) return;
    isClosed = true;
    await driver.close();
  }

  return {
    name: options.name,
    capabilities: options.capabilities,
    findById: reads.findById,
    findMany: reads.findMany,
    count: reads.count,
    migrate,
    transaction,
    claim,
    raw: createRawAccessor(context, driver, assertOpen),
    ...createCustomFieldIndexes(context, driver, assertOpen, {
      seesEveryTenant: options.tenantSession === undefined,
    }),
    close,
  };
}
