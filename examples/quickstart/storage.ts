/**
 * Where the quickstart keeps its CRM: a PostgreSQL schema when `RAPPORT_PG_URL` is set, an SQLite file
 * otherwise.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAdapter } from '@rapport/adapter-postgres';
import { sqliteAdapter } from '@rapport/adapter-sqlite';
import type { StorageAdapter } from '@rapport/core';
import pg from 'pg';

/** A storage adapter for the demo, and what to do once the CRM is closed. */
export interface DemoStorage {
  readonly storage: StorageAdapter;
  /** Where the data is, for the last line of the demo. */
  readonly where: string;
  /** Runs after `crm.close()`: drops the Postgres schema; the SQLite file stays for you to open. */
  cleanUp(): Promise<void>;
}

/** A new SQLite file at `RAPPORT_DEMO_DB` (default `.data/quickstart.db`), replacing the last run's. */
export function sqliteStorage(): DemoStorage {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = process.env.RAPPORT_DEMO_DB ?? join(here, '.data', 'quickstart.db');
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return {
    storage: sqliteAdapter({ filename: file }),
    where: `the CRM is in ${file}`,
    cleanUp: async () => undefined,
  };
}

/**
 * A fresh schema on the server at `url`, dropped again by `cleanUp`: a random name, so that two runs
 * against one database never touch each other's tables.
 */
export async function postgresStorage(url: string): Promise<DemoStorage> {
  const schema = `rapport_quickstart_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  return {
    storage: postgresAdapter({ connectionString: url, schema }),
    where: `the CRM was in schema ${schema} on PostgreSQL, now dropped`,
    async cleanUp() {
      try {
        await admin.query(`drop schema "${schema}" cascade`);
      } finally {
        await admin.end();
      }
    },
  };
}
