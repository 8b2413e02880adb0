import { describe, expect } from 'vitest';
import type { StorageAdapter } from '../../storage/adapter';
import { compileOrder } from '../../storage/compare-rows';
import type { Condition } from '../../storage/condition';
import { evaluateCondition } from '../../storage/evaluate-condition';
import { createRelatedRows } from '../../storage/related-rows';
import type { Migration, Row } from '../../storage/schema';
import { asc, col, compare, idField, monthDay, related } from './condition-builders';
import type { TableConditionCase } from './related-condition-cases';
import { relatedConditionCases } from './related-condition-cases';
import { otherTenantRelatedDataset, relatedDataset, thingsOfParent, thingsTagging } from './related-dataset';
import { expectRapportError, ids, sortedIds } from './suite-assertions';
import type { SuiteContext } from './suite-context';
import { parentRow, suiteMigrations, thingRow } from './suite-schema';

const exists = { fn: 'exists' } as const;

/**
 * Related conditions (exists, count, sum, avg, min, max over column and list links, nested, negated) and
 * `monthDay` operands, against the related dataset. Each case checks the adapter's `findMany` and `count`,
 * and core's `evaluateCondition` over the rows the adapter returns with a related-rows source built from
 * them, against the ids written by hand. Another tenant links rows to the same ids: none may count.
 *
 * @example
 * ```ts
 * defineRelatedConditionTests(context);
 * ```
 */
export function defineRelatedConditionTests(context: SuiteContext): void {
  describe('related conditions and anniversaries', () => {
    const tenantId = context.newTenant('related');
    const otherTenantId = context.newTenant('related-other');
    const adapter = context.sharedAdapter(async (shared) => {
      await shared.transaction(async (tx) => {
        for (const dataset of [relatedDataset(tenantId), otherTenantRelatedDataset(otherTenantId)]) {
          await tx.insert({ table: 'parents', rows: dataset.parents });
          await tx.insert({ table: 'things', rows: dataset.things });
        }
      });
    });

    for (const testCase of relatedConditionCases)
      context.test(testCase.name, () => checkTableCase(adapter(), tenantId, testCase));

    context.test('rows order by monthDay, nulls last', async () => {
      const orderBy = [asc(monthDay(col('born_on', 'date'))), asc(idField)];
      const expected = ['t1', 't2', 't6', 't4', 't3', 't5', 't7'];
      const found = await adapter().findMany({ table: 'things', tenantId, orderBy });
      expect(ids(found), 'findMany').toEqual(expected);
      const everyRow = await adapter().findMany({ table: 'things', tenantId });
      expect(ids(everyRow.sort(compileOrder(orderBy))), 'compileOrder').toEqual(expected);
    });

    context.test("a related condition in a transaction sees the transaction's own rows", async () => {
      const ownTenant = context.newTenant('related-tx');
      const counted = await adapter().transaction(async (tx) => {
        await tx.insert({
          table: 'parents',
          rows: [parentRow(ownTenant, 'a', 'A'), parentRow(ownTenant, 'b', 'B')],
        });
        await tx.insert({ table: 'things', rows: [thingRow(ownTenant, 'x', { parent_id: 'a' })] });
        return tx.findMany({ table: 'parents', tenantId: ownTenant, where: related(thingsOfParent, exists) });
      });
      expect(ids(counted)).toEqual(['a']);
    });

    context.test('delete with a related condition deletes only the matching rows', async () => {
      const ownTenant = context.newTenant('related-delete');
      const deleted = await adapter().transaction(async (tx) => {
        await tx.insert({
          table: 'parents',
          rows: [parentRow(ownTenant, 'a', 'A'), parentRow(ownTenant, 'b', 'B')],
        });
        await tx.insert({ table: 'things', rows: [thingRow(ownTenant, 'x', { parent_id: 'a' })] });
        return tx.delete({
          table: 'parents',
          tenantId: ownTenant,
          where: related(thingsOfParent, exists, { negate: true }),
        });
      });
      expect(deleted).toBe(1);
      expect(sortedIds(await adapter().findMany({ table: 'parents', tenantId: ownTenant }))).toEqual(['a']);
    });

    defineRelatedErrorTests(context, adapter, tenantId);
    defineListIndexTests(context);
  });
}

/** A list index migration step: applied where the engine has one, and list links answer the same. */
const listIndexMigration = (column: string, unique = false): Migration => ({
  version: suiteMigrations.length + 1,
  name: 'things list index',
  steps: [
    {
      kind: 'createIndex',
      table: 'things',
      index: { name: `things_${column}_list_idx`, columns: [column], unique, kind: 'list' },
    },
  ],
});

function defineListIndexTests(context: SuiteContext): void {
  context.test('a list index migrates, and list links answer the same with it', () =>
    context.withAdapter(async (adapter) => {
      const result = await adapter.migrate({ migrations: [...suiteMigrations, listIndexMigration('tags')] });
      expect(result.applied).toEqual([suiteMigrations.length + 1]);
      const ownTenant = context.newTenant('list-index');
      const { parents, things } = relatedDataset(ownTenant);
      await adapter.transaction(async (tx) => {
        await tx.insert({ table: 'parents', rows: parents });
        await tx.insert({ table: 'things', rows: things });
      });
      const where = related(thingsTagging, { fn: 'count', op: 'eq', value: 2 });
      expect(ids(await adapter.findMany({ table: 'parents', tenantId: ownTenant, where }))).toEqual(['p2']);
    }),
  );

  context.test('a list index on a column that is not JSON, or unique, fails with MIGRATION_FAILED', () =>
    context.withAdapter(async (adapter) => {
      await expectRapportError(
        () => adapter.migrate({ migrations: [...suiteMigrations, listIndexMigration('name')] }),
        'MIGRATION_FAILED',
      );
      await expectRapportError(
        () => adapter.migrate({ migrations: [...suiteMigrations, listIndexMigration('tags', true)] }),
        'MIGRATION_FAILED',
      );
    }),
  );
}

function defineRelatedErrorTests(
  context: SuiteContext,
  adapter: () => StorageAdapter,
  tenantId: string,
): void {
  const findParents = (where: Condition) => () => adapter().findMany({ table: 'parents', tenantId, where });

  context.test('a related condition on an unknown table throws STORAGE_ERROR', () =>
    expectRapportError(findParents(related({ ...thingsOfParent, table: 'nope' }, exists)), 'STORAGE_ERROR'),
  );

  context.test('a column link between text and a number throws INVALID_FILTER', () =>
    expectRapportError(
      findParents(related({ ...thingsOfParent, foreignColumn: 'count' }, exists)),
      'INVALID_FILTER',
    ),
  );

  context.test('a list link into a column that is not JSON throws INVALID_FILTER', () =>
    expectRapportError(
      findParents(related({ ...thingsOfParent, link: 'list', foreignColumn: 'name' }, exists)),
      'INVALID_FILTER',
    ),
  );

  context.test('a related sum of a text field throws INVALID_FILTER', () =>
    expectRapportError(
      findParents(related(thingsOfParent, { fn: 'sum', field: col('name', 'text'), op: 'gt', value: 1 })),
      'INVALID_FILTER',
    ),
  );

  context.test('a related count compared with text throws INVALID_FILTER', () =>
    expectRapportError(
      findParents(related(thingsOfParent, { fn: 'count', op: 'gt', value: '1' as unknown as number })),
      'INVALID_FILTER',
    ),
  );

  context.test('monthDay of a field that is not a date throws INVALID_FILTER', () =>
    expectRapportError(findParents(compare(monthDay(col('name', 'text')), 'eq', '02-29')), 'INVALID_FILTER'),
  );
}

async function checkTableCase(
  adapter: StorageAdapter,
  tenantId: string,
  { table, where, expected }: TableConditionCase,
): Promise<void> {
  const found = await adapter.findMany({ table, tenantId, where });
  expect(sortedIds(found), 'findMany').toEqual(expected);
  expect(await adapter.count({ table, tenantId, where }), 'count').toBe(expected.length);
  // The reference evaluator, given the adapter's own rows as its source of related rows.
  const rowsOf = new Map<string, Row[]>();
  for (const name of ['parents', 'things'])
    rowsOf.set(name, await adapter.findMany({ table: name, tenantId }));
  const relatedRows = createRelatedRows((name) => rowsOf.get(name) ?? []);
  const evaluated = (rowsOf.get(table) ?? []).filter((row) => evaluateCondition(where, row, relatedRows));
  expect(sortedIds(evaluated), 'evaluateCondition').toEqual(expected);
}
