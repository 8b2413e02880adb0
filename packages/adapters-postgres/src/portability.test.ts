import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { rapportMigrations } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

// The schema must stay distributable by tenant (Citus) and portable: these read the schema Rapport's
// migrations actually create, and the sources that create it.
describe('portability of the Postgres schema', () => {
  let pglite: PGlite;
  const schema = 'rapport_portability';
  const query = async <T>(sql: string) => (await pglite.query<T>(sql, [schema])).rows;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec(`create schema "${schema}"`);
    const adapter = postgresAdapter({ pglite, schema });
    await adapter.migrate({ migrations: rapportMigrations });
    await adapter.close();
    // Starting PGlite and migrating takes several seconds on a busy machine: more than the default 10.
  }, 60_000);
  afterAll(() => pglite.close());

  it('leads every primary key with tenant_id', async () => {
    const keys = await query<{ table: string; first: string }>(`
      select c.conrelid::regclass::text as table, a.attname as first
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'p' and c.connamespace = (select oid from pg_namespace where nspname = $1)`);
    expect(keys.length).toBeGreaterThan(10);
    // Rapport's bookkeeping tables (applied migrations, the migration lock row) belong to no tenant.
    for (const key of keys.filter((k) => !/rapport_migration(s|_lock)$/.test(k.table))) {
      expect(key.first, key.table).toBe('tenant_id');
    }
  });

  it('includes tenant_id in every foreign key, on both sides', async () => {
    const keys = await query<{ name: string; local: string; remote: string }>(`
      select c.conname as name, a.attname as local, r.attname as remote
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute r on r.attrelid = c.confrelid and r.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = (select oid from pg_namespace where nspname = $1)`);
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect([key.local, key.remote], key.name).toEqual(['tenant_id', 'tenant_id']);
  });

  it('creates no triggers, no deferrable and no exclusion constraints', async () => {
    const triggers = await query(`
      select t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = (select oid from pg_namespace where nspname = $1)`);
    const constraints = await query(`
      select conname from pg_constraint
      where (condeferrable or contype = 'x') and connamespace = (select oid from pg_namespace where nspname = $1)`);
    expect(triggers).toEqual([]);
    expect(constraints).toEqual([]);
  });

  it('uses no advisory locks or LISTEN/NOTIFY in the code that talks to Postgres', () => {
    const folders = ['.', '../../sql/src'].map((folder) => fileURLToPath(new URL(folder, import.meta.url)));
    for (const folder of folders) {
      for (const file of readdirSync(folder).filter(
        (name) => name.endsWith('.ts') && !name.includes('.test.'),
      )) {
        const source = readFileSync(join(folder, file), 'utf8');
        expect(source, file).not.toMatch(/pg_advisory|pg_try_advisory|\bLISTEN\s|\bNOTIFY\s|pg_notify/i);
      }
    }
  });
});
