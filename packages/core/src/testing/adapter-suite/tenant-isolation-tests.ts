import { describe, expect } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import { and, col, compare } from './condition-builders';
import { expectRapportError, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { thingRow } from './suite-schema';

/** Two tenants holding a row under the same id, with different values. */
async function seedTwoTenants(context: SuiteContext, adapter: StorageAdapter) {
  const tenantId = context.newTenant('mine');
  const otherTenantId = context.newTenant('theirs');
  const mine = thingRow(tenantId, 'shared', { name: 'mine', count: 1 });
  const theirs = thingRow(otherTenantId, 'shared', { name: 'theirs', count: 1 });
  const theirsOnly = thingRow(otherTenantId, 'only-theirs', { name: 'theirs', count: 1 });
  await adapter.transaction((tx) => tx.insert({ table: 'things', rows: [mine, theirs, theirsOnly] }));
  return { tenantId, otherTenantId, mine, theirs, theirsOnly };
}

/**
 * No operation reaches another tenant's rows: reads, counts, updates and deletes name one tenant and see
 * only it, even when both tenants use the same ids.
 *
 * @example
 * ```ts
 * defineTenantIsolationTests(context);
 * ```
 */
export function defineTenantIsolationTests(context: SuiteContext): void {
  describe('tenant isolation', () => {
    const adapter = context.sharedAdapter();
    const everyRow = and();
    const countIsOne = compare(col('count', 'number'), 'eq', 1);

    context.test("findById returns the tenant's own row when another tenant uses the same id", async () => {
      const { tenantId, mine } = await seedTwoTenants(context, adapter());
      expect(await adapter().findById({ table: 'things', tenantId, id: 'shared' })).toEqual(mine);
    });

    context.test("findById never returns another tenant's row", async () => {
      const { tenantId } = await seedTwoTenants(context, adapter());
      expect(await adapter().findById({ table: 'things', tenantId, id: 'only-theirs' })).toBeUndefined();
    });

    context.test("findMany never returns another tenant's rows", async () => {
      const { tenantId } = await seedTwoTenants(context, adapter());
      const found = await adapter().findMany({ table: 'things', tenantId, where: countIsOne });
      expect(found.map((row) => row.name)).toEqual(['mine']);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId }))).toEqual(['shared']);
    });

    context.test("count never counts another tenant's rows", async () => {
      const { tenantId } = await seedTwoTenants(context, adapter());
      expect(await adapter().count({ table: 'things', tenantId })).toBe(1);
      expect(await adapter().count({ table: 'things', tenantId, where: countIsOne })).toBe(1);
    });

    context.test("update never changes another tenant's row with the same id", async () => {
      const { tenantId, otherTenantId, theirs } = await seedTwoTenants(context, adapter());
      const changed = await adapter().transaction((tx) =>
        tx.update({ table: 'things', tenantId, id: 'shared', values: { name: 'changed' } }),
      );
      expect(changed).toBe(1);
      expect(await adapter().findById({ table: 'things', tenantId: otherTenantId, id: 'shared' })).toEqual(
        theirs,
      );
    });

    context.test(
      'update returns 0 for an id that only another tenant has and leaves that row alone',
      async () => {
        const { tenantId, otherTenantId, theirsOnly } = await seedTwoTenants(context, adapter());
        const changed = await adapter().transaction((tx) =>
          tx.update({ table: 'things', tenantId, id: 'only-theirs', values: { name: 'changed' } }),
        );
        expect(changed).toBe(0);
        expect(
          await adapter().findById({ table: 'things', tenantId: otherTenantId, id: 'only-theirs' }),
        ).toEqual(theirsOnly);
      },
    );

    context.test('update refuses to move a row to another tenant with MISUSE', async () => {
      const { tenantId, otherTenantId, mine } = await seedTwoTenants(context, adapter());
      await expectRapportError(
        () =>
          adapter().transaction((tx) =>
            tx.update({
              table: 'things',
              tenantId,
              id: 'shared',
              values: { tenant_id: otherTenantId, id: 'moved' },
            }),
          ),
        'MISUSE',
      );
      expect(await adapter().findById({ table: 'things', tenantId, id: 'shared' })).toEqual(mine);
      expect(
        await adapter().findById({ table: 'things', tenantId: otherTenantId, id: 'moved' }),
      ).toBeUndefined();
    });

    context.test("delete never removes another tenant's rows", async () => {
      const { tenantId, otherTenantId } = await seedTwoTenants(context, adapter());
      const removed = await adapter().transaction((tx) =>
        tx.delete({ table: 'things', tenantId, where: everyRow }),
      );
      expect(removed).toBe(1);
      expect(sortedIds(await adapter().findMany({ table: 'things', tenantId: otherTenantId }))).toEqual([
        'only-theirs',
        'shared',
      ]);
    });

    context.test('reads inside a transaction are limited to the tenant too', async () => {
      const { tenantId } = await seedTwoTenants(context, adapter());
      const seen = await adapter().transaction(async (tx) => ({
        byId: await tx.findById({ table: 'things', tenantId, id: 'only-theirs' }),
        many: await tx.findMany({ table: 'things', tenantId }),
        count: await tx.count({ table: 'things', tenantId }),
      }));
      expect(seen.byId).toBeUndefined();
      expect(sortedIds(seen.many)).toEqual(['shared']);
      expect(seen.count).toBe(1);
    });
  });
}
