import { describe, expect, it } from 'vitest';
import type { Migration, MigrationStep, TableDef } from '../storage/schema';
import { memoryAdapter } from './memory-adapter';

const text = (name: string, nullable = false) => ({ name, type: 'text' as const, nullable });
const table = (overrides: Partial<TableDef> = {}): TableDef => ({
  name: 'items',
  columns: [text('tenant_id'), text('id'), text('name', true)],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
  ...overrides,
});
const migration = (version: number, ...steps: MigrationStep[]): Migration => ({
  version,
  name: `v${version}`,
  steps,
});

async function failure(...migrations: Migration[]) {
  const adapter = memoryAdapter();
  const error = await adapter.migrate({ migrations }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { adapter, error };
}

describe('memory migrations', () => {
  it('refuses a primary key that does not lead with tenant_id', async () => {
    const { error } = await failure(
      migration(1, { kind: 'createTable', table: table({ primaryKey: ['id', 'tenant_id'] }) }),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', details: { version: 1 } });
  });

  it('refuses a table that already exists', async () => {
    const { error } = await failure(
      migration(1, { kind: 'createTable', table: table() }, { kind: 'createTable', table: table() }),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' });
  });

  it('refuses an index name already used by another table, as SQL schemas do', async () => {
    const index = { name: 'by_name', columns: ['tenant_id', 'name'], unique: false };
    const { error } = await failure(
      migration(1, { kind: 'createTable', table: table({ indexes: [index] }) }),
      migration(2, { kind: 'createTable', table: table({ name: 'others', indexes: [index] }) }),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', details: { version: 2 } });
  });

  it('refuses a foreign key that references neither a primary key nor a unique index', async () => {
    const { error } = await failure(
      migration(
        1,
        { kind: 'createTable', table: table() },
        {
          kind: 'createTable',
          table: table({
            name: 'links',
            foreignKeys: [
              {
                name: 'links_fk',
                columns: ['tenant_id', 'name'],
                references: { table: 'items', columns: ['tenant_id', 'name'] },
              },
            ],
          }),
        },
      ),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED' });
  });

  it('refuses to add a non-nullable column, which no row could fill', async () => {
    const { error } = await failure(
      migration(1, { kind: 'createTable', table: table() }),
      migration(2, { kind: 'addColumn', table: 'items', column: text('required') }),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', details: { version: 2 } });
  });

  it('refuses a unique index over rows that already repeat its key, and keeps the rows', async () => {
    const adapter = memoryAdapter();
    await adapter.migrate({ migrations: [migration(1, { kind: 'createTable', table: table() })] });
    const rows = ['a', 'b'].map((id) => ({ tenant_id: 't1', id, name: 'same' }));
    await adapter.transaction((tx) => tx.insert({ table: 'items', rows }));
    const unique = migration(2, {
      kind: 'createIndex',
      table: 'items',
      index: { name: 'items_name', columns: ['tenant_id', 'name'], unique: true },
    });
    await expect(adapter.migrate({ migrations: [unique] })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
    });
    await adapter.transaction((tx) =>
      tx.insert({ table: 'items', rows: [{ tenant_id: 't1', id: 'c', name: 'same' }] }),
    );
    expect(await adapter.count({ table: 'items', tenantId: 't1' })).toBe(3);
  });

  it('keeps the migrations applied before a failing one in the same call', async () => {
    const { adapter, error } = await failure(
      migration(1, { kind: 'createTable', table: table() }),
      migration(2, { kind: 'addColumn', table: 'missing', column: text('x', true) }),
    );
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', details: { version: 2 } });
    expect(await adapter.raw.tables()).toEqual(['items']);
    expect(await adapter.migrate({ migrations: [migration(1)] })).toEqual({ applied: [], version: 1 });
  });

  it('rejects two migrations with the same version with MISUSE', async () => {
    const { error } = await failure(migration(1), migration(1));
    expect(error).toMatchObject({ code: 'MISUSE' });
  });
});
