import { describe, expect } from 'vitest';
import { compareCodePoints } from '../../storage/compare-text';
import type { Migration } from '../../storage/schema';
import { col, has } from './condition-builders';
import { expectRapportError } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { suiteMigrations, thingRow } from './suite-schema';

const hasVip = has(col('tags', 'textList'), ['vip'], 'any');

const [tablesMigration, indexMigration] = suiteMigrations as [Migration, Migration];

const noteUniqueMigration: Migration = {
  version: 3,
  name: 'unique note',
  steps: [
    {
      kind: 'createIndex',
      table: 'things',
      index: { name: 'things_note_unique', columns: ['tenant_id', 'note'], unique: true },
    },
  ],
};

const failingMigration: Migration = {
  version: 3,
  name: 'half valid',
  steps: [
    {
      kind: 'createTable',
      table: {
        name: 'extras',
        columns: [
          { name: 'tenant_id', type: 'text', nullable: false },
          { name: 'id', type: 'text', nullable: false },
        ],
        primaryKey: ['tenant_id', 'id'],
        indexes: [],
        foreignKeys: [],
      },
    },
    {
      kind: 'createIndex',
      table: 'no_such_table',
      index: { name: 'no_such_index', columns: ['tenant_id'], unique: false },
    },
  ],
};

const opaqueTagsMigration: Migration = {
  version: 3,
  name: 'opaque tags',
  steps: [{ kind: 'makeOpaque', table: 'things', column: 'tags' }],
};

const refusedOpaqueMigrations: readonly Migration[] = [
  {
    version: 3,
    name: 'makeOpaque on a text column',
    steps: [{ kind: 'makeOpaque', table: 'things', column: 'name' }],
  },
  {
    version: 3,
    name: 'makeOpaque on an unknown column',
    steps: [{ kind: 'makeOpaque', table: 'things', column: 'nope' }],
  },
  {
    version: 3,
    name: 'index over an opaque column',
    steps: [
      {
        kind: 'createIndex',
        table: 'things',
        index: { name: 'things_document_idx', columns: ['tenant_id', 'document'], unique: false },
      },
    ],
  },
];

/**
 * Migrations: each applied once, in version order, each as one unit; the tables they create.
 *
 * @example
 * ```ts
 * defineMigrateTests(context);
 * ```
 */
export function defineMigrateTests(context: SuiteContext): void {
  describe('migrate', () => {
    context.test('migrate applies every migration once and reports the versions', () =>
      context.withAdapter(
        async (adapter) => {
          expect(await adapter.migrate({ migrations: suiteMigrations })).toEqual({
            applied: [1, 2],
            version: 2,
          });
        },
        { migrate: false },
      ),
    );

    context.test('migrate a second time applies nothing', () =>
      context.withAdapter(async (adapter) => {
        expect(await adapter.migrate({ migrations: suiteMigrations })).toEqual({ applied: [], version: 2 });
      }),
    );

    context.test('migrate with no migrations on a new store reports version 0', () =>
      context.withAdapter(
        async (adapter) => {
          expect(await adapter.migrate({ migrations: [] })).toEqual({ applied: [], version: 0 });
        },
        { migrate: false },
      ),
    );

    context.test('migrate applies only the migrations the store has not seen', () =>
      context.withAdapter(async (adapter) => {
        const result = await adapter.migrate({ migrations: [...suiteMigrations, noteUniqueMigration] });
        expect(result).toEqual({ applied: [3], version: 3 });
      }),
    );

    context.test('migrate applies migrations in ascending version order whatever the list order', () =>
      context.withAdapter(
        async (adapter) => {
          const result = await adapter.migrate({ migrations: [indexMigration, tablesMigration] });
          expect(result).toEqual({ applied: [1, 2], version: 2 });
        },
        { migrate: false },
      ),
    );

    context.test('raw.tables lists the created tables, sorted', () =>
      context.withAdapter(
        async (adapter) => {
          expect(await adapter.raw.tables()).not.toContain('things');
          await adapter.migrate({ migrations: suiteMigrations });
          const tables = await adapter.raw.tables();
          expect(tables).toEqual(expect.arrayContaining(['parents', 'things']));
          expect(tables).toEqual([...tables].sort(compareCodePoints));
        },
        { migrate: false },
      ),
    );

    context.test('a column added by a later migration reads null in rows written before it', () =>
      context.withAdapter(
        async (adapter) => {
          await adapter.migrate({ migrations: [tablesMigration] });
          const { note: _note, ...rowBeforeNote } = thingRow('t1', 'a', { name: 'early' });
          await adapter.transaction((tx) => tx.insert({ table: 'things', rows: [rowBeforeNote] }));
          await adapter.migrate({ migrations: suiteMigrations });
          expect(await adapter.findById({ table: 'things', tenantId: 't1', id: 'a' })).toEqual({
            ...rowBeforeNote,
            note: null,
          });
        },
        { migrate: false },
      ),
    );

    context.test('a unique index created by a later migration is enforced', () =>
      context.withAdapter(async (adapter) => {
        await adapter.migrate({ migrations: [...suiteMigrations, noteUniqueMigration] });
        await adapter.transaction((tx) =>
          tx.insert({ table: 'things', rows: [thingRow('t1', 'a', { note: 'n' })] }),
        );
        await expectRapportError(
          () =>
            adapter.transaction((tx) =>
              tx.insert({ table: 'things', rows: [thingRow('t1', 'b', { note: 'n' })] }),
            ),
          'DUPLICATE',
          { table: 'things', columns: ['tenant_id', 'note'] },
        );
      }),
    );

    context.test('makeOpaque keeps the values of a json column, and conditions still read them', () =>
      context.withAdapter(async (adapter) => {
        const rows = [thingRow('t1', 'a', { tags: ['vip', 'new'] }), thingRow('t1', 'b', { tags: [] })];
        await adapter.transaction((tx) => tx.insert({ table: 'things', rows }));
        expect(await adapter.migrate({ migrations: [...suiteMigrations, opaqueTagsMigration] })).toEqual({
          applied: [3],
          version: 3,
        });
        await adapter.transaction((tx) =>
          tx.insert({ table: 'things', rows: [thingRow('t1', 'c', { tags: ['vip'] })] }),
        );
        const found = await adapter.findMany({ table: 'things', tenantId: 't1', where: hasVip });
        expect(found.map((row) => [row.id, row.tags])).toEqual([
          ['a', ['vip', 'new']],
          ['c', ['vip']],
        ]);
      }),
    );

    for (const migration of refusedOpaqueMigrations) {
      context.test(`a migration with a ${migration.name} throws MIGRATION_FAILED`, () =>
        context.withAdapter(async (adapter) => {
          await expectRapportError(
            () => adapter.migrate({ migrations: [...suiteMigrations, migration] }),
            'MIGRATION_FAILED',
          );
          expect(await adapter.migrate({ migrations: suiteMigrations })).toEqual({ applied: [], version: 2 });
        }),
      );
    }

    context.test(
      'a migration whose step fails throws MIGRATION_FAILED, is rolled back whole and is not recorded',
      () =>
        context.withAdapter(async (adapter) => {
          await expectRapportError(
            () => adapter.migrate({ migrations: [...suiteMigrations, failingMigration] }),
            'MIGRATION_FAILED',
          );
          expect(await adapter.raw.tables()).not.toContain('extras');
          const retried = await adapter.migrate({ migrations: [...suiteMigrations, noteUniqueMigration] });
          expect(retried).toEqual({ applied: [3], version: 3 });
        }),
    );
  });
}
