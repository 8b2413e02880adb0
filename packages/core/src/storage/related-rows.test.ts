import { describe, expect, it } from 'vitest';
import type { Relation } from './condition';
import { createRelatedRows, indexRelatedRows } from './related-rows';
import type { Row } from './schema';

const ordersOf: Relation = { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' };
const activitiesOf: Relation = {
  table: 'activities',
  link: 'list',
  foreignColumn: 'person_ids',
  localColumn: 'id',
};
const ids = (rows: readonly Row[]) => rows.map((row) => row.id);

describe('indexRelatedRows', () => {
  it('links a column to equal values only, and a null outer value to nothing', () => {
    const orders = [
      { id: 'o1', person_id: 'p1' },
      { id: 'o2', person_id: 'P1' },
      { id: 'o3', person_id: null },
    ];
    const linked = indexRelatedRows(ordersOf, orders);
    expect(ids(linked({ id: 'p1' }))).toEqual(['o1']);
    expect(ids(linked({ id: null }))).toEqual([]);
  });

  it('links a list to its string elements, once per row, and never to a list that is not an array', () => {
    const activities = [
      { id: 'a1', person_ids: ['p1', 'p1', 'p2'] },
      { id: 'a2', person_ids: 'p1' },
      { id: 'a3', person_ids: [1, { id: 'p1' }] },
      { id: 'a4', person_ids: null },
    ];
    const linked = indexRelatedRows(activitiesOf, activities);
    expect(ids(linked({ id: 'p1' }))).toEqual(['a1']);
    expect(ids(linked({ id: 1 }))).toEqual([]);
  });
});

describe('createRelatedRows', () => {
  it('lists a related table once per relation and tenant, however many outer rows ask', () => {
    const listed: string[] = [];
    const orders: Row[] = [
      { tenant_id: 't1', id: 'o1', person_id: 'p1' },
      { tenant_id: 't2', id: 'o2', person_id: 'p1' },
    ];
    const relatedRows = createRelatedRows((table, tenantId) => {
      listed.push(`${table}/${tenantId}`);
      return orders;
    });
    for (const id of ['p1', 'p2', 'p1']) relatedRows(ordersOf, { tenant_id: 't1', id });
    expect(ids(relatedRows(ordersOf, { tenant_id: 't1', id: 'p1' }))).toEqual(['o1']);
    expect(ids(relatedRows(ordersOf, { tenant_id: 't2', id: 'p1' }))).toEqual(['o2']);
    expect(listed).toEqual(['orders/t1', 'orders/t2']);
  });

  it('refuses an outer row without its tenant with MISUSE', () => {
    const relatedRows = createRelatedRows(() => []);
    expect(() => relatedRows(ordersOf, { id: 'p1' })).toThrow(expect.objectContaining({ code: 'MISUSE' }));
  });
});
