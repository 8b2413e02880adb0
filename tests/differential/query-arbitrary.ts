import type { Condition, OrderTerm } from '@rapport/core';
import fc from 'fast-check';
import type { Catalogue } from './catalogue';
import { conditionArbitraries } from './condition-arbitrary';
import { datasetTenants } from './dataset';
import type { DatasetTable } from './table-rows';

/** One read every engine runs: `findMany` with the condition (and ordering and limit), then `count`. */
export interface Query {
  readonly table: DatasetTable;
  readonly tenantId: string;
  readonly where: Condition;
  /** When given, it ends with `id` ascending, so the order is total and engines must agree on it. */
  readonly orderBy?: readonly OrderTerm[];
  /** Only with an ordering, so that which rows come first is defined. */
  readonly limit?: number;
}

const idAscending: OrderTerm = {
  field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
  direction: 'asc',
};

function orderingOf(catalogue: Catalogue, table: DatasetTable): fc.Arbitrary<OrderTerm[]> {
  const sortable = catalogue[table].fields.filter((entry) => entry.ref.type !== 'textList');
  const term = fc.record({
    field: fc.constantFrom(...sortable.map((entry) => entry.ref)),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
  });
  return fc.array(term, { maxLength: 3 }).map((terms) => [...terms, idAscending]);
}

/**
 * Random queries over a dataset: mostly over people (what segments select), also over companies, orders,
 * activities and members; in either tenant; half of them ordered (a few with a limit).
 *
 * @example
 * ```ts
 * fc.sample(queryArbitrary(buildCatalogue(dataset)), 1);
 * ```
 */
export function queryArbitrary(catalogue: Catalogue): fc.Arbitrary<Query> {
  const conditionOf = conditionArbitraries(catalogue);
  const over = (table: DatasetTable, weight: number) => ({
    arbitrary: fc.record(
      {
        table: fc.constant(table),
        tenantId: fc.constantFrom(...datasetTenants),
        where: conditionOf(table, 3),
        orderBy: orderingOf(catalogue, table),
        limit: fc.integer({ min: 1, max: 20 }),
      },
      { requiredKeys: ['table', 'tenantId', 'where'] },
    ),
    weight,
  });
  return fc
    .oneof(
      over('people', 6),
      over('companies', 1),
      over('orders', 2),
      over('activities', 1),
      over('members', 1),
    )
    .map((query) => (query.orderBy === undefined ? { ...query, limit: undefined } : query))
    .map(({ limit, ...query }) => (limit === undefined ? query : { ...query, limit }));
}
