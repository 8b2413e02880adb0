import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { rapportMigrations } from '@rapport/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

// Rapport's json columns as Postgres stores them, on PGlite and, when RAPPORT_PG_URL is set, the server.
const JSON_COLUMNS = `
  select table_name || '.' || column_name as "column", data_type as "type"
  from information_schema.columns
  where table_schema = current_schema() and data_type in ('json', 'jsonb')
  order by 1`;

interface Engine {
  readonly name: string;
  /** The json columns of a fresh schema migrated with Rapport's migrations. */
  jsonColumns(): Promise<{ column: string; type: string }[]>;
}

const schemaName = () => `rapport_opaque_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

function pgliteEngine(): Engine {
  const db = new PGlite();
  afterAll(() => db.close());
  return {
    name: 'pglite',
    async jsonColumns() {
      const schema = schemaName();
      await db.exec(`create schema "${schema}"`);
      const adapter = postgresAdapter({ pglite: db, schema });
      await adapter.migrate({ migrations: rapportMigrations });
      await db.exec(`set search_path to "${schema}"`);
      return (await db.query<{ column: string; type: string }>(JSON_COLUMNS)).rows;
    },
  };
}

function serverEngine(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const schema = schemaName();
  afterAll(async () => {
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
  });
  return {
    name: 'postgres server',
    async jsonColumns() {
      await pool.query(`create schema "${schema}"`);
      const adapter = postgresAdapter({ connectionString: url, schema });
      await adapter.migrate({ migrations: rapportMigrations });
      await adapter.close();
      await pool.query(`set search_path to "${schema}"`);
      return (await pool.query<{ column: string; type: string }>(JSON_COLUMNS)).rows;
    },
  };
}

const url = process.env.RAPPORT_PG_URL;
const engines = [pgliteEngine(), ...(url !== undefined && url !== '' ? [serverEngine(url)] : [])];

describe.each(engines)('opaque json columns on $name', (engine) => {
  it('stores the journal as json and every other json column as jsonb', async () => {
    const columns = await engine.jsonColumns();
    const opaque = columns.filter((column) => column.type === 'json').map((column) => column.column);
    expect(opaque).toEqual(['audit_log.changes', 'outbox.payload']);
    expect(columns.filter((column) => column.type === 'jsonb').map((column) => column.column)).toContain(
      'people.custom',
    );
  }, 60_000);
});
