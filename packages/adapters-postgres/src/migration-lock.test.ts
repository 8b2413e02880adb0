import { PGlite } from '@electric-sql/pglite';
import type { Migration, TableDef } from '@rapport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresAdapter } from './postgres-adapter';

const table = (name: string): TableDef => ({
  name,
  columns: [
    { name: 'tenant_id', type: 'text', nullable: false },
    { name: 'id', type: 'text', nullable: false },
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
});

const migrations: Migration[] = [
  { version: 1, name: 'companies', steps: [{ kind: 'createTable', table: table('companies') }] },
  { version: 2, name: 'people', steps: [{ kind: 'createTable', table: table('people') }] },
];

// Adapters on one PGlite take turns statement by statement, so migrating at once they all read
// rapport_migrations before any applies a migration: every one but the first must find it applied under
// the lock and skip it.
describe('migrating one PGlite schema from several adapters at once', () => {
  let pglite: PGlite | undefined;
  afterAll(() => pglite?.close());

  it('applies each migration once and keeps one lock row', async () => {
    // Started inside the test, under its longer timeout: PGlite takes seconds to start on a busy machine.
    const db = await PGlite.create();
    pglite = db;
    await db.exec('create schema "shared"');
    const adapters = [1, 2, 3].map(() => postgresAdapter({ pglite: db, schema: 'shared' }));
    const results = await Promise.all(adapters.map((adapter) => adapter.migrate({ migrations })));

    const versions = migrations.map((migration) => migration.version);
    expect(results.flatMap((result) => result.applied).sort((a, b) => a - b)).toEqual(versions);
    const recorded = await db.query<{ version: number }>(
      'select version from shared.rapport_migrations order by version',
    );
    expect(recorded.rows.map((row) => Number(row.version))).toEqual(versions);
    const locks = await db.query('select id from shared.rapport_migration_lock');
    expect(locks.rows).toEqual([{ id: 1 }]);
    // Every adapter learnt the whole schema, whichever applied it.
    for (const adapter of adapters) expect(await adapter.raw.rows('people')).toEqual([]);
    await Promise.all(adapters.map((adapter) => adapter.close()));
  });
});
