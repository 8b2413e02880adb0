import { describe, expect } from 'vitest';
import { asc, col, compare } from './condition-builders';
import { expectRapportError, ids, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { thingRow } from './suite-schema';

const name = col('name', 'text');
const due = compare(name, 'eq', 'due');

/**
 * `claim`: rows for one worker, marked in one step, never handed to two concurrent claims.
 *
 * @example
 * ```ts
 * defineClaimTests(context);
 * ```
 */
export function defineClaimTests(context: SuiteContext): void {
  describe('claim', () => {
    const adapter = context.sharedAdapter();

    async function seed(tenantId: string, rows: number): Promise<void> {
      await adapter().transaction((tx) =>
        tx.insert({
          table: 'things',
          rows: Array.from({ length: rows }, (_, index) =>
            thingRow(tenantId, `t${String(index).padStart(2, '0')}`, { name: 'due', count: 0 }),
          ),
        }),
      );
    }

    context.test('claim marks at most limit matching rows in order and returns them as stored', async () => {
      const tenantId = context.newTenant();
      await seed(tenantId, 4);
      await adapter().transaction((tx) =>
        tx.insert({ table: 'things', rows: [thingRow(tenantId, 'a-other', { name: 'done', count: 0 })] }),
      );
      const claimed = await adapter().claim({
        table: 'things',
        tenantId,
        where: due,
        orderBy: [asc(col('id', 'text'))],
        limit: 3,
        set: { name: 'taken', code: null },
        increment: ['version', 'count'],
      });
      expect(ids(claimed)).toEqual(['t00', 't01', 't02']);
      expect(claimed[0]).toMatchObject({ name: 'taken', version: 2, count: 1, tenant_id: tenantId });
      const stored = await adapter().findMany({
        table: 'things',
        tenantId,
        where: compare(name, 'eq', 'taken'),
      });
      expect(sortedIds(stored)).toEqual(['t00', 't01', 't02']);
      expect(stored.map((row) => row.version)).toEqual([2, 2, 2]);
      expect(await adapter().findById({ table: 'things', tenantId, id: 'a-other' })).toMatchObject({
        name: 'done',
        version: 1,
      });
      const rest = await adapter().claim({
        table: 'things',
        tenantId,
        where: due,
        limit: 10,
        set: { name: 'taken' },
      });
      expect(ids(rest)).toEqual(['t03']);
      expect(
        await adapter().claim({ table: 'things', tenantId, where: due, limit: 10, set: { name: 'x' } }),
      ).toEqual([]);
    });

    context.test('concurrent claims never return the same row', async () => {
      const tenantId = context.newTenant();
      await seed(tenantId, 20);
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, worker) =>
          adapter().claim({
            table: 'things',
            tenantId,
            where: due,
            orderBy: [asc(col('id', 'text'))],
            limit: 4,
            set: { name: 'taken', note: `worker-${worker}` },
            increment: ['count'],
          }),
        ),
      );
      const all = claims.flat();
      expect(all).toHaveLength(20);
      expect(new Set(ids(all)).size).toBe(20);
      const stored = await adapter().findMany({ table: 'things', tenantId });
      expect(stored.every((row) => row.count === 1 && row.name === 'taken')).toBe(true);
    });

    context.test('claim touches only its own tenant and treats limit 0 as nothing', async () => {
      const tenantId = context.newTenant();
      const other = context.newTenant('other');
      await seed(other, 2);
      expect(
        await adapter().claim({ table: 'things', tenantId, where: due, limit: 5, set: { name: 'x' } }),
      ).toEqual([]);
      expect(
        await adapter().claim({ table: 'things', tenantId: other, where: due, limit: 0, set: { name: 'x' } }),
      ).toEqual([]);
      expect(await adapter().count({ table: 'things', tenantId: other, where: due })).toBe(2);
    });

    context.test('claim refuses a bad limit or a set of the key with MISUSE', async () => {
      const tenantId = context.newTenant();
      await expectRapportError(
        () => adapter().claim({ table: 'things', tenantId, limit: -1, set: { name: 'x' } }),
        'MISUSE',
      );
      await expectRapportError(
        () => adapter().claim({ table: 'things', tenantId, limit: 1, set: { id: 'x' } }),
        'MISUSE',
      );
    });
  });
}
