/**
 * Where the SaaS server keeps its CRM: a PostgreSQL schema when `RAPPORT_PG_URL` is set, an in-process
 * PGlite otherwise. Every tenant shares the same tables; `tenant_id` on every row keeps them apart.
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { postgresAdapter } from '@rapport/adapter-postgres';
import type { StorageAdapter } from '@rapport/core';
import pg from 'pg';

/** A storage adapter and what to do once the CRM is closed. */
export interface SaasStorage {
  readonly storage: StorageAdapter;
  /** Where the data is, for the server's first log line. */
  readonly where: string;
  /** Runs after `crm.close()`: drops the schema or closes PGlite. */
  cleanUp(): Promise<void>;
}

/** An in-memory PGlite: nothing to install, gone when the process ends. */
export async function pgliteStorage(): Promise<SaasStorage> {
  const pglite = await PGlite.create();
  return {
    storage: postgresAdapter({ pglite }),
    where: 'PGlite, in memory',
    cleanUp: () => pglite.close(),
  };
}

/**
 * A fresh schema on the server at `url`, dropped by `cleanUp`: a random name, so that runs and tests
 * against one database never touch each other's tables.
 */
export async function postgresStorage(url: string): Promise<SaasStorage> {
  const schema = `rapport_saas_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  return {
    storage: postgresAdapter({ connectionString: url, schema }),
    where: `schema ${schema} on PostgreSQL`,
    async cleanUp() {
      try {
        await admin.query(`drop schema "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * PostgreSQL when `url` is set (usually `process.env.RAPPORT_PG_URL`), PGlite otherwise.
 *
 * @example
 * ```ts
 * const { storage, cleanUp } = await saasStorage(process.env.RAPPORT_PG_URL);
 * ```
 */
export function saasStorage(url: string | undefined): Promise<SaasStorage> {
  return url ? postgresStorage(url) : pgliteStorage();
}
