import { describe, expect } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import { and, col, compare, isIn } from './condition-builders';
import { expectRapportError, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { parentRow, thingRow } from './suite-schema';

const id = col('id', 'text');

/** Every row of one tenant in one table, by id, read from outside any transaction. */
async function idsOf(adapter: StorageAdapter, table: string, tenantId: string): Promise<string[]> {
  return sortedIds(await adapter.findMany({ table, tenantId }));
}

/**
 * Primary keys, unique indexes and foreign keys, with SQL's rules: a NULL in a key is never a conflict
 * and never checked. A violation throws DUPLICATE, INVALID_REFERENCE or REFERENCED and, once the error
 * leaves the transaction, nothing of it is written.
 *
 * @example
 * ```ts
 * defineConstraintTests(context);
 * ```
 */
export function defineConstraintTests(context: SuiteContext): void {
  describe('constraints', () => {
    const adapter = context.sharedAdapter();

    context.test(
      'an insert whose primary key exists throws DUPLICATE naming the key columns and writes nothing',
      async () => {
        const tenantId = context.newTenant();
        await adapter().transaction((tx) =>
          tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { name: 'first' })] }),
        );
        await expectRapportError(
          () =>
            adapter().transaction((tx) =>
              tx.insert({ table: 'things', rows: [thingRow(tenantId, 'b'), thingRow(tenantId, 'a')] }),
            ),
          'DUPLICATE',
          { table: 'things', columns: ['tenant_id', 'id'] },
        );
        expect(await idsOf(adapter(), 'things', tenantId)).toEqual(['a']);
        expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
          name: 'first',
        });
      },
    );

    context.test(
      'two rows with the same primary key in one insert throw DUPLICATE and write neither',
      async () => {
        const tenantId = context.newTenant();
        await expectRapportError(
          () =>
            adapter().transaction((tx) =>
              tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a'), thingRow(tenantId, 'a')] }),
            ),
          'DUPLICATE',
          { table: 'things', columns: ['tenant_id', 'id'] },
        );
        expect(await idsOf(adapter(), 'things', tenantId)).toEqual([]);
      },
    );

    context.test('a unique index violation throws DUPLICATE naming the index columns', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { code: 'X-1' })] }),
      );
      await expectRapportError(
        () =>
          adapter().transaction((tx) =>
            tx.insert({ table: 'things', rows: [thingRow(tenantId, 'b', { code: 'X-1' })] }),
          ),
        'DUPLICATE',
        { table: 'things', columns: ['tenant_id', 'code'] },
      );
      expect(await idsOf(adapter(), 'things', tenantId)).toEqual(['a']);
    });

    context.test('unique values differing only in case do not conflict', async () => {
      const tenantId = context.newTenant();
      const rows = [thingRow(tenantId, 'a', { code: 'x-1' }), thingRow(tenantId, 'b', { code: 'X-1' })];
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows }));
      expect(await idsOf(adapter(), 'things', tenantId)).toEqual(['a', 'b']);
    });

    context.test('rows with NULL in a unique index column never conflict', async () => {
      const tenantId = context.newTenant();
      const rows = [thingRow(tenantId, 'a', { code: null }), thingRow(tenantId, 'b', { code: null })];
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows }));
      expect(await idsOf(adapter(), 'things', tenantId)).toEqual(['a', 'b']);
    });

    context.test('the same unique value in two tenants does not conflict', async () => {
      const tenantId = context.newTenant();
      const otherTenantId = context.newTenant();
      const rows = [thingRow(tenantId, 'a', { code: 'X-1' }), thingRow(otherTenantId, 'a', { code: 'X-1' })];
      await adapter().transaction((tx) => tx.insert({ table: 'things', rows }));
      expect(await idsOf(adapter(), 'things', otherTenantId)).toEqual(['a']);
    });

    context.test(
      'an update that collides with a unique index throws DUPLICATE and changes nothing',
      async () => {
        const tenantId = context.newTenant();
        const rows = [thingRow(tenantId, 'a', { code: 'A' }), thingRow(tenantId, 'b', { code: 'B' })];
        await adapter().transaction((tx) => tx.insert({ table: 'things', rows }));
        await expectRapportError(
          () =>
            adapter().transaction((tx) =>
              tx.update({ table: 'things', tenantId, id: 'b', values: { code: 'A', name: 'x' } }),
            ),
          'DUPLICATE',
          { table: 'things', columns: ['tenant_id', 'code'] },
        );
        expect(await adapter().findById({ table: 'things', tenantId, id: 'b' })).toEqual(rows[1]);
      },
    );

    context.test('an update that keeps its own unique value does not conflict with itself', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { code: 'A' })] }),
      );
      const changed = await adapter().transaction((tx) =>
        tx.update({ table: 'things', tenantId, id: 'a', values: { code: 'A', name: 'same code' } }),
      );
      expect(changed).toBe(1);
    });

    context.test(
      'an insert whose foreign key points nowhere throws INVALID_REFERENCE and writes nothing',
      async () => {
        const tenantId = context.newTenant();
        await expectRapportError(
          () =>
            adapter().transaction((tx) =>
              tx.insert({
                table: 'things',
                rows: [thingRow(tenantId, 'ok'), thingRow(tenantId, 'bad', { parent_id: 'missing' })],
              }),
            ),
          'INVALID_REFERENCE',
        );
        expect(await idsOf(adapter(), 'things', tenantId)).toEqual([]);
      },
    );

    context.test('a foreign key with a NULL column is not checked', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: null })] }),
      );
      expect(await idsOf(adapter(), 'things', tenantId)).toEqual(['a']);
    });

    context.test('a foreign key cannot point at a row of another tenant', async () => {
      const tenantId = context.newTenant();
      const otherTenantId = context.newTenant();
      await adapter().transaction((tx) =>
        tx.insert({ table: 'parents', rows: [parentRow(otherTenantId, 'p1', 'theirs')] }),
      );
      await expectRapportError(
        () =>
          adapter().transaction((tx) =>
            tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: 'p1' })] }),
          ),
        'INVALID_REFERENCE',
      );
      expect(await idsOf(adapter(), 'things', tenantId)).toEqual([]);
    });

    context.test(
      'an update whose foreign key points nowhere throws INVALID_REFERENCE and changes nothing',
      async () => {
        const tenantId = context.newTenant();
        const row = thingRow(tenantId, 'a');
        await adapter().transaction((tx) => tx.insert({ table: 'things', rows: [row] }));
        await expectRapportError(
          () =>
            adapter().transaction((tx) =>
              tx.update({ table: 'things', tenantId, id: 'a', values: { parent_id: 'missing' } }),
            ),
          'INVALID_REFERENCE',
        );
        expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toEqual(row);
      },
    );

    context.test('a row may reference a row inserted earlier in the same transaction', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction(async (tx) => {
        await tx.insert({ table: 'parents', rows: [parentRow(tenantId, 'p1', 'root')] });
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: 'p1' })] });
      });
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a' })).toMatchObject({
        parent_id: 'p1',
      });
    });

    context.test('a self-referencing row may reference a row earlier in the same insert', async () => {
      const tenantId = context.newTenant();
      const rows = [parentRow(tenantId, 'p1', 'root'), parentRow(tenantId, 'p2', 'child', 'p1')];
      await adapter().transaction((tx) => tx.insert({ table: 'parents', rows }));
      expect(await idsOf(adapter(), 'parents', tenantId)).toEqual(['p1', 'p2']);
    });

    context.test('deleting a referenced row throws REFERENCED and deletes nothing', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction(async (tx) => {
        await tx.insert({
          table: 'parents',
          rows: [parentRow(tenantId, 'p1', 'one'), parentRow(tenantId, 'p2', 'two')],
        });
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: 'p2' })] });
      });
      await expectRapportError(
        () =>
          adapter().transaction((tx) =>
            tx.delete({ table: 'parents', tenantId, where: isIn(id, ['p1', 'p2']) }),
          ),
        'REFERENCED',
      );
      expect(await idsOf(adapter(), 'parents', tenantId)).toEqual(['p1', 'p2']);
    });

    context.test('deleting a row together with every row that references it succeeds', async () => {
      const tenantId = context.newTenant();
      const rows = [parentRow(tenantId, 'p1', 'root'), parentRow(tenantId, 'p2', 'child', 'p1')];
      await adapter().transaction((tx) => tx.insert({ table: 'parents', rows }));
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'parents', tenantId, where: and() }),
      );
      expect(removed).toBe(2);
      expect(await idsOf(adapter(), 'parents', tenantId)).toEqual([]);
    });

    context.test('a referenced row can be deleted once its referencing row is deleted first', async () => {
      const tenantId = context.newTenant();
      await adapter().transaction(async (tx) => {
        await tx.insert({ table: 'parents', rows: [parentRow(tenantId, 'p1', 'one')] });
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: 'p1' })] });
      });
      await adapter().transaction(async (tx) => {
        await tx.delete({ table: 'things', tenantId, where: compare(id, 'eq', 'a') });
        await tx.delete({ table: 'parents', tenantId, where: compare(id, 'eq', 'p1') });
      });
      expect(await idsOf(adapter(), 'parents', tenantId)).toEqual([]);
    });

    context.test("a referenced row's other tenant twin can be deleted", async () => {
      const tenantId = context.newTenant();
      const otherTenantId = context.newTenant();
      await adapter().transaction(async (tx) => {
        await tx.insert({
          table: 'parents',
          rows: [parentRow(tenantId, 'p1', 'mine'), parentRow(otherTenantId, 'p1', 'theirs')],
        });
        await tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a', { parent_id: 'p1' })] });
      });
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'parents', tenantId: otherTenantId, where: and() }),
      );
      expect(removed).toBe(1);
      expect(await idsOf(adapter(), 'parents', tenantId)).toEqual(['p1']);
    });
  });
}
