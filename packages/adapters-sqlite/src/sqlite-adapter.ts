import type { StorageAdapter } from '@rapport/core';
import { createSqlStore } from '@rapport/sql';
import Database from 'better-sqlite3';
import { createBetterSqlite3Driver } from './better-sqlite3-driver';
import { registerSqliteFunctions } from './register-sqlite-functions';
import type { SqliteAdapterOptions } from './sqlite-adapter-options';
import { sqliteDialect } from './sqlite-dialect';
import { applySqlitePragmas } from './sqlite-pragmas';

/**
 * A Rapport storage adapter on SQLite (better-sqlite3): a CRM in one file, or in memory.
 *
 * One connection serves everything. Transactions run one at a time (`BEGIN IMMEDIATE`, in call order);
 * a read outside a transaction waits while one is open, so it never sees uncommitted writes. Inside a
 * transaction callback use only the `tx` handle: a call on the adapter itself there waits for the
 * transaction to end, which never comes.
 *
 * Call `migrate` with the full list of migrations before anything else, also on an existing file: the
 * adapter learns its tables from them.
 *
 * @example
 * ```ts
 * import { sqliteAdapter } from '@rapport/adapter-sqlite';
 *
 * const adapter = sqliteAdapter({ filename: 'crm.db' });
 * await adapter.migrate({ migrations });
 * await adapter.transaction(async (tx) => {
 *   await tx.insert({ table: 'tags', rows: [{ tenant_id: 't1', id, name: 'vip', version: 1 }] });
 * });
 * const tag = await adapter.findById({ table: 'tags', tenantId: 't1', id });
 * await adapter.close();
 * ```
 */
export function sqliteAdapter(options: SqliteAdapterOptions): StorageAdapter {
  const ownsDatabase = options.database === undefined;
  const db = options.database ?? new Database(options.filename);
  try {
    applySqlitePragmas(db, options.pragmas);
    registerSqliteFunctions(db);
  } catch (error) {
    if (ownsDatabase) db.close();
    throw error;
  }
  return createSqlStore({
    name: 'sqlite',
    capabilities: { dialect: 'sqlite', persistent: !db.memory, multiProcess: false },
    dialect: sqliteDialect,
    driver: createBetterSqlite3Driver(db, { ownsDatabase }),
  });
}
