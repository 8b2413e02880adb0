import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { StorageAdapter } from '@rapport/core';
import pg from 'pg';
import { afterAll } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

/** Makes a new, empty store on every call (the conformance suites' contract). */
export type MakeStore = () => Promise<StorageAdapter>;

// Schema names carry a random part so parallel runs against one server never collide.
const schemaName = () => `rapport_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/**
 * Stores on one in-memory PGlite per test file, one fresh schema per store: starting PGlite takes about a
 * second, a schema a few milliseconds. The instance is closed after the file.
 *
 * @example
 * ```ts
 * describeStorageAdapterSuite('pglite', pgliteStores());
 * ```
 */
export function pgliteStores(): MakeStore {
  let instance: Promise<PGlite> | undefined;
  afterAll(async () => {
    await (await instance)?.close();
  });
  return async () => {
    instance ??= PGlite.create();
    const pglite = await instance;
    const schema = schemaName();
    await pglite.exec(`create schema "${schema}"`);
    return postgresAdapter({ pglite, schema });
  };
}

// Small batches: one DROP takes a lock per table and index, and max_locks_per_transaction is finite.
const DROP_BATCH = 10;

/** Fresh schemas on one server for a test file, and a connection for the test's own statements. */
export interface ServerSchemas {
  /** Creates an empty schema with a new name and returns the name; it is dropped after the file. */
  create(): Promise<string>;
  /** A one-connection pool of the test's own (not the adapter's), e.g. to look at a schema's tables. */
  readonly admin: pg.Pool;
}

/**
 * Schemas on the server at `url`, each made empty on `create()` and every one dropped after the file.
 *
 * @example
 * ```ts
 * const schemas = serverSchemas(process.env.RAPPORT_PG_URL ?? '');
 * const adapter = postgresAdapter({ connectionString: url, schema: await schemas.create() });
 * ```
 */
export function serverSchemas(url: string): ServerSchemas {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas: string[] = [];
  // Hundreds of schemas: dropped a batch per statement, with time to spare, so none is left behind.
  afterAll(async () => {
    for (let start = 0; start < schemas.length; start += DROP_BATCH) {
      const batch = schemas.slice(start, start + DROP_BATCH).map((schema) => `"${schema}"`);
      await admin.query(`drop schema if exists ${batch.join(', ')} cascade`);
    }
    await admin.end();
  }, 300_000);
  return {
    admin,
    async create() {
      const schema = schemaName();
      schemas.push(schema);
      await admin.query(`create schema "${schema}"`);
      return schema;
    },
  };
}

/**
 * Stores on the server at `url`, one fresh schema per store, every schema dropped after the file.
 *
 * @example
 * ```ts
 * if (process.env.RAPPORT_PG_URL) describeStorageAdapterSuite('postgres', serverStores(process.env.RAPPORT_PG_URL));
 * ```
 */
export function serverStores(url: string): MakeStore {
  const schemas = serverSchemas(url);
  return async () => postgresAdapter({ connectionString: url, schema: await schemas.create() });
}
