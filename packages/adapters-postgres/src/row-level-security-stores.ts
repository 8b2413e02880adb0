import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Row, StorageAdapter } from '@rapport/core';
import pg from 'pg';
import { afterAll } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

/** Runs raw SQL in one transaction as the application role; `query` returns the rows. */
export type AsApplication = <T>(
  schema: string,
  fn: (query: (sql: string, parameters?: unknown[]) => Promise<Row[]>) => Promise<T>,
) => Promise<T>;

/**
 * Row-level security stores for tests: the application role (not a superuser, no BYPASSRLS) runs every
 * transaction of the store, and owns the tables it migrates, so FORCE is what holds it to the policies.
 */
export interface RowLevelSecurityStores {
  /** A fresh schema and an RLS store on it (not yet migrated). */
  makeStore(): Promise<{ readonly store: StorageAdapter; readonly schema: string }>;
  /** Another RLS store on the schema of an earlier store. */
  storeOn(schema: string): Promise<StorageAdapter>;
  /**
   * The same, with `raw` read as the superuser (which skips policies), for the conformance suite: it checks
   * every tenant's stored rows, which the store's own `raw`, holding no tenant, cannot see.
   */
  makeCheckedStore(): Promise<StorageAdapter>;
  /** An adapter without row-level security on `schema`, as the superuser. */
  admin(schema: string): Promise<StorageAdapter>;
  readonly asApplication: AsApplication;
}

// Random parts keep parallel runs against one server apart; roles are global to the server.
const randomName = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/**
 * RLS stores on one in-memory PGlite per test file. PGlite has one connection and its session user is a
 * superuser, so the stores use it through a handle whose transactions run `set local role` to the
 * application role: what a connection that logs in as that role does. Statements outside transactions
 * (bookkeeping during migrate, the superuser's `raw`) stay the superuser's.
 *
 * @example
 * ```ts
 * const stores = rowLevelSecurityPgliteStores();
 * describeCrmConformance('pglite, row-level security', stores.makeCheckedStore);
 * ```
 */
export function rowLevelSecurityPgliteStores(): RowLevelSecurityStores {
  const role = randomName('rapport_app');
  let ready: Promise<{ pglite: PGlite; asRole: PGlite }> | undefined;
  afterAll(async () => {
    await (await ready)?.pglite.close();
  });
  // Starting PGlite takes about a second, a schema a few milliseconds: one instance serves the file.
  const open = () => {
    ready ??= (async () => {
      const pglite = await PGlite.create();
      await pglite.exec(`create role "${role}"`);
      return { pglite, asRole: transactionsAs(pglite, role) };
    })();
    return ready;
  };

  async function makeStore() {
    const { pglite, asRole } = await open();
    const schema = randomName('rapport_rls');
    await pglite.exec(`create schema "${schema}"; ${grantsOn(schema, role)}
      alter default privileges in schema "${schema}" grant select, insert, update, delete on tables to "${role}";`);
    return { store: postgresAdapter({ pglite: asRole, schema, rowLevelSecurity: true }), schema };
  }

  const stores: RowLevelSecurityStores = {
    makeStore,
    storeOn: async (schema) =>
      postgresAdapter({ pglite: (await open()).asRole, schema, rowLevelSecurity: true }),
    async makeCheckedStore() {
      const { store, schema } = await makeStore();
      return withSuperuserRaw(store, await stores.admin(schema));
    },
    // On the stores' handle: the driver queues turns per handle, and the two must share the one connection.
    admin: async (schema) => postgresAdapter({ pglite: (await open()).asRole, schema }),
    async asApplication(schema, fn) {
      const { pglite } = await open();
      return pglite.transaction(async (tx) => {
        await tx.exec(`set local role "${role}"; set local search_path to "${schema}"`);
        return fn(async (sql, parameters) => (await tx.query<Row>(sql, parameters)).rows);
      });
    },
  };
  return stores;
}

/**
 * RLS stores on the server at `url` (a superuser's): a login role made for the file connects with trust
 * auth and owns what it migrates; its schemas and the role are dropped after the file.
 *
 * @example
 * ```ts
 * const stores = rowLevelSecurityServerStores(process.env.RAPPORT_PG_URL);
 * ```
 */
export function rowLevelSecurityServerStores(url: string): RowLevelSecurityStores {
  const role = randomName('rapport_app');
  const roleUrl = new URL(url);
  roleUrl.username = role;
  roleUrl.password = '';
  const superuser = new pg.Pool({ connectionString: url, max: 1 });
  const application = new pg.Pool({ connectionString: roleUrl.toString(), max: 1 });
  const schemas: string[] = [];
  let created: Promise<unknown> | undefined;
  afterAll(async () => {
    await application.end();
    // A batch per statement: each dropped table and index takes a lock, and locks per transaction are finite.
    for (let start = 0; start < schemas.length; start += 10) {
      const batch = schemas.slice(start, start + 10).map((schema) => `"${schema}"`);
      await superuser.query(`drop schema if exists ${batch.join(', ')} cascade`);
    }
    if (created !== undefined) await superuser.query(`drop owned by "${role}"; drop role "${role}"`);
    await superuser.end();
  }, 300_000);

  async function makeStore() {
    created ??= superuser.query(`create role "${role}" login nosuperuser nobypassrls`);
    await created;
    const schema = randomName('rapport_rls');
    schemas.push(schema);
    await superuser.query(`create schema "${schema}"; ${grantsOn(schema, role)}`);
    return { store: await stores.storeOn(schema), schema };
  }

  const stores: RowLevelSecurityStores = {
    makeStore,
    storeOn: async (schema) =>
      postgresAdapter({ connectionString: roleUrl.toString(), schema, rowLevelSecurity: true }),
    async makeCheckedStore() {
      const { store, schema } = await makeStore();
      return withSuperuserRaw(store, await stores.admin(schema));
    },
    admin: async (schema) => postgresAdapter({ connectionString: url, schema }),
    async asApplication(schema, fn) {
      const client = await application.connect();
      try {
        await client.query(`begin; set local search_path to "${schema}"`);
        try {
          const result = await fn(async (sql, parameters) => (await client.query(sql, parameters)).rows);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      } finally {
        client.release();
      }
    },
  };
  return stores;
}

function grantsOn(schema: string, role: string): string {
  return `grant usage, create on schema "${schema}" to "${role}";`;
}

/**
 * A PGlite handle whose transactions run as `role`. The Postgres adapter's PGlite driver uses only
 * `query`, `exec` (with `begin` opening each transaction) and `dataDir`.
 *
 * @example
 * ```ts
 * const adapter = postgresAdapter({ pglite: transactionsAs(pglite, 'crm_app'), schema, rowLevelSecurity: true });
 * ```
 */
export function transactionsAs(pglite: PGlite, role: string): PGlite {
  const handle: Pick<PGlite, 'dataDir' | 'query' | 'exec'> = {
    dataDir: pglite.dataDir,
    query: pglite.query.bind(pglite),
    exec: (sql, options) => pglite.exec(sql === 'begin' ? `begin; set local role "${role}"` : sql, options),
  };
  return handle as PGlite;
}

/** `store` with the superuser's `raw`; migrating and closing run both. */
function withSuperuserRaw(store: StorageAdapter, admin: StorageAdapter): StorageAdapter {
  return {
    ...store,
    async migrate(args) {
      const result = await store.migrate(args);
      // The superuser's adapter learns the tables from the same list; nothing is left to apply.
      await admin.migrate(args);
      return result;
    },
    raw: admin.raw,
    async close() {
      await store.close();
      await admin.close();
    },
  };
}
