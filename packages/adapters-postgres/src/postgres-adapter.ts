import type { StorageAdapter } from '@rapport/core';
import type { SqlDriver } from '@rapport/sql';
import { createSqlStore } from '@rapport/sql';
import pg from 'pg';
import { createPgPoolDriver } from './pg-pool-driver';
import { createPgliteDriver } from './pglite-driver';
import type { PostgresAdapterOptions } from './postgres-adapter-options';
import { postgresDialect } from './postgres-dialect';
import { postgresTenantSession, withTenantPolicies } from './row-level-security';
import { searchPathOf } from './schema-name';
import { statementTimeoutConfig } from './statement-timeout';

/**
 * A Rapport storage adapter on Postgres: a server through a `pg` pool, or PGlite (Postgres in
 * WebAssembly, in process).
 *
 * On a server each transaction has its own pooled connection, so transactions run side by side, and one
 * that fails with a serialization failure or deadlock runs again (up to three times in all: keep the
 * callback free of side effects outside `tx`). On PGlite, one connection serves everything and
 * transactions take turns. Inside a transaction callback use only the `tx` handle.
 *
 * Call `migrate` with the full list of migrations before anything else, also on an existing database:
 * the adapter learns its tables from them.
 *
 * @example
 * ```ts
 * import { postgresAdapter } from '@rapport/adapter-postgres';
 *
 * const adapter = postgresAdapter({ connectionString: process.env.DATABASE_URL ?? '', schema: 'crm' });
 * await adapter.migrate({ migrations });
 * const tag = await adapter.findById({ table: 'tags', tenantId: 't1', id });
 * await adapter.close();
 *
 * // In process, on PGlite:
 * const local = postgresAdapter({ pglite: new PGlite() });
 * ```
 */
export function postgresAdapter(options: PostgresAdapterOptions): StorageAdapter {
  const driver = createDriver(options);
  const isPglite = options.pglite !== undefined;
  // PGlite without a data directory lives in memory only.
  const persistent = !isPglite || (options.pglite.dataDir ?? '').replace(/^memory:\/\//, '') !== '';
  const isRowLevelSecure = options.rowLevelSecurity === true;
  const store = createSqlStore({
    name: 'postgres',
    capabilities: { dialect: 'postgres', persistent, multiProcess: !isPglite },
    dialect: postgresDialect,
    driver,
    ...(isRowLevelSecure ? { tenantSession: postgresTenantSession } : {}),
  });
  return isRowLevelSecure ? withTenantPolicies(store, driver) : store;
}

function createDriver(options: PostgresAdapterOptions): SqlDriver {
  if (options.pglite !== undefined) {
    return createPgliteDriver(options.pglite, { searchPath: searchPathOf(options.schema) });
  }
  if (options.pool !== undefined) return createPgPoolDriver(options.pool, { ownsPool: false });
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    // The schema name is a checked plain identifier, so it needs no escaping inside the option.
    ...(options.schema === undefined ? {} : { options: `-c search_path=${searchPathOf(options.schema)}` }),
    ...statementTimeoutConfig(options.statementTimeout),
  });
  return createPgPoolDriver(pool, { ownsPool: true });
}
