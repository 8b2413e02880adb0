import { describe, expect } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import type { Row } from '../../storage/schema';
import { and, col, compare, isIn } from './condition-builders';
import { expectRapportError, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { parentRow, thingRow } from './suite-schema';

const id = col('id', 'text');

async function insert(adapter: StorageAdapter, table: string, rows: Row[]): Promise<void> {
  await adapter.transaction((tx) => tx.insert({ table, rows }));
}

/**
 * Inserts, reads, counts, updates and deletes, one tenant at a time.
 *
 * @example
 * ```ts
 * defineCrudTests(context);
 * ```
 */
export function defineCrudTests(context: SuiteContext): void {
  describe('insert, read, update and delete', () => {
    const adapter = context.sharedAdapter();

    context.test('findById returns an inserted row with every column', async () => {
      const tenantId = context.newTenant();
      const row = thingRow(tenantId, 'a', {
        name: 'Ann',
        count: 2,
        score: 0.5,
        active: true,
        data: { a: 1 },
        tags: ['x'],
      });
      await insert(adapter(), 'things', [row]);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toEqual(row);
    });

    context.test('findById returns undefined for an id that does not exist', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'a')]);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'b' })).toBeUndefined();
    });

    context.test('insert of several rows in one call stores them all', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [
        thingRow(tenantId, 'a'),
        thingRow(tenantId, 'b'),
        thingRow(tenantId, 'c'),
      ]);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual(['a', 'b', 'c']);
    });

    context.test('insert of no rows succeeds and writes nothing', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', []);
      expect(await adapter().count({ table: 'things', tenantId })).toBe(0);
    });

    context.test('findMany without a condition returns every row of the tenant', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'b'), thingRow(tenantId, 'a')]);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual(['a', 'b']);
    });

    context.test('count without a condition counts every row of the tenant', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'a'), thingRow(tenantId, 'b')]);
      expect(await adapter().count({ table: 'things', tenantId })).toBe(2);
    });

    context.test('update sets the given columns, keeps the others and returns 1', async () => {
      const tenantId = context.newTenant();
      const row = thingRow(tenantId, 'a', { name: 'Ann', count: 1, data: { keep: true } });
      await insert(adapter(), 'things', [row]);
      const changed = await adapter().transaction((tx) =>
        tx.update({ table: 'things', tenantId, id: 'a', values: { name: 'Anna', version: 2 } }),
      );
      expect(changed).toBe(1);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toEqual({
        ...row,
        name: 'Anna',
        version: 2,
      });
    });

    context.test('update can set a column to null', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'a', { name: 'Ann', data: { a: 1 } })]);
      await adapter().transaction((tx) =>
        tx.update({ table: 'things', tenantId, id: 'a', values: { name: null, data: null } }),
      );
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        name: null,
        data: null,
      });
    });

    context.test('update returns 0 for an id that does not exist', async () => {
      const tenantId = context.newTenant();
      const changed = await adapter().transaction((tx) =>
        tx.update({ table: 'things', tenantId, id: 'missing', values: { name: 'x' } }),
      );
      expect(changed).toBe(0);
      expect(await adapter().count({ table: 'things', tenantId })).toBe(0);
    });

    context.test('update with the expected version writes and returns 1', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'a', { version: 3 })]);
      const changed = await adapter().transaction((tx) =>
        tx.update({
          table: 'things',
          tenantId,
          id: 'a',
          expectedVersion: 3,
          values: { name: 'new', version: 4 },
        }),
      );
      expect(changed).toBe(1);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        name: 'new',
        version: 4,
      });
    });

    context.test('update with a stale expected version returns 0 and writes nothing', async () => {
      const tenantId = context.newTenant();
      const row = thingRow(tenantId, 'a', { name: 'old', version: 3 });
      await insert(adapter(), 'things', [row]);
      const changed = await adapter().transaction((tx) =>
        tx.update({
          table: 'things',
          tenantId,
          id: 'a',
          expectedVersion: 2,
          values: { name: 'new', version: 3 },
        }),
      );
      expect(changed).toBe(0);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toEqual(row);
    });

    context.test('delete removes the rows that match and returns how many', async () => {
      const tenantId = context.newTenant();
      await insert(
        adapter(),
        'things',
        ['a', 'b', 'c'].map((rowId) => thingRow(tenantId, rowId)),
      );
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'things', tenantId, where: isIn(id, ['a', 'c']) }),
      );
      expect(removed).toBe(2);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual(['b']);
    });

    context.test('delete returns 0 when no row matches', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'things', [thingRow(tenantId, 'a')]);
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'z') }),
      );
      expect(removed).toBe(0);
      expect(await adapter().count({ table: 'things', tenantId })).toBe(1);
    });

    context.test('delete with an empty and removes every row of the tenant', async () => {
      const tenantId = context.newTenant();
      await insert(adapter(), 'parents', [
        parentRow(tenantId, 'p1', 'one'),
        parentRow(tenantId, 'p2', 'two'),
      ]);
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'parents', tenantId, where: and() }),
      );
      expect(removed).toBe(2);
      expect(await adapter().count({ table: 'parents', tenantId })).toBe(0);
    });

    context.test('every call on an unknown table throws STORAGE_ERROR', async () => {
      const tenantId = context.newTenant();
      const table = 'no_such_table';
      await expectRapportError(() => adapter().findById({ table, tenantId, id: 'a' }), 'STORAGE_ERROR');
      await expectRapportError(() => adapter().findMany({ table, tenantId }), 'STORAGE_ERROR');
      await expectRapportError(() => adapter().count({ table, tenantId }), 'STORAGE_ERROR');
      await expectRapportError(() => adapter().raw.rows(table), 'STORAGE_ERROR');
      await expectRapportError(
        () => adapter().transaction((tx) => tx.insert({ table, rows: [{ tenant_id: tenantId, id: 'a' }] })),
        'STORAGE_ERROR',
      );
      await expectRapportError(
        () => adapter().transaction((tx) => tx.update({ table, tenantId, id: 'a', values: { name: 'x' } })),
        'STORAGE_ERROR',
      );
      await expectRapportError(
        () => adapter().transaction((tx) => tx.delete({ table, tenantId, where: and() })),
        'STORAGE_ERROR',
      );
    });
  });
}
