import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Crm, CrmSession } from '../crm';
import { createCrm } from '../crm';
import { memoryAdapter } from '../memory/memory-adapter';
import { columnEquals } from '../records/conditions';
import type { FindManyArgs, StorageReader } from '../storage/adapter';
import type { Condition, Relation } from '../storage/condition';
import type { Row } from '../storage/schema';
import { prefetchRelated, rowsBefore } from './related-prefetch';
import { relationTree, tablesOf } from './relation-tree';

const companyOf: Relation = {
  table: 'companies',
  link: 'column',
  foreignColumn: 'id',
  localColumn: 'company_id',
};
const ownerOf: Relation = { table: 'members', link: 'column', foreignColumn: 'id', localColumn: 'owner_id' };
const ordersOf: Relation = { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' };
const related = (relation: Relation, where?: Condition): Condition => ({
  kind: 'related',
  relation,
  ...(where === undefined ? {} : { where }),
  aggregate: { fn: 'exists' },
  negate: false,
});

// Owner of the person, owner of the person's company, and the person's orders.
const conditions: Condition[] = [
  related(ownerOf),
  { kind: 'not', condition: related(companyOf, related(ownerOf, columnEquals('team', 'North'))) },
  { kind: 'or', conditions: [related(ordersOf)] },
];
const ids = (rows: readonly Row[] | undefined) => (rows ?? []).map((row) => row.id).sort();

describe('relationTree', () => {
  it('merges the relations of many conditions, level by level', () => {
    const tree = relationTree(conditions);
    expect([...tree.values()].map((node) => node.relation.table)).toEqual(['members', 'companies', 'orders']);
    expect([...tablesOf(tree)].sort()).toEqual(['companies', 'members', 'orders']);
    expect(tablesOf(relationTree([columnEquals('id', 'x')])).size).toBe(0);
  });
});

describe('prefetchRelated', () => {
  let crm: Crm;
  let s: CrmSession;
  beforeEach(async () => {
    crm = await createCrm({ storage: memoryAdapter() });
    s = crm.as({ tenantId: 't1', actor: { id: 'u1' } });
  });
  afterEach(() => crm.close());

  async function seed() {
    const [m1, m2] = await s.members.createMany([
      { id: 'm1', name: 'Mia', email: 'mia@example.com' },
      { id: 'm2', name: 'Max', email: 'max@example.com' },
    ]);
    const c1 = await s.companies.create({ name: 'One', ownerId: 'm1' });
    const c2 = await s.companies.create({ name: 'Two', ownerId: 'm2' });
    const person = await s.people.create({ firstName: 'Ann', companyId: c1.id, ownerId: 'm1' });
    const other = await s.people.create({ firstName: 'Bob' });
    const order = await s.orders.create({
      personId: person.id,
      currency: 'USD',
      lines: [{ quantity: 1, unitPrice: 1 }],
    });
    await s.orders.create({ personId: other.id, currency: 'USD', lines: [{ quantity: 1, unitPrice: 1 }] });
    const [row] = await crm.storage.findMany({
      table: 'people',
      tenantId: 't1',
      where: columnEquals('id', person.id),
    });
    return { m1, m2, c1, c2, order, row: row as Row };
  }

  it('fetches the rows linked to the record, at every level, each row once', async () => {
    const { c1, order, row } = await seed();
    const rows = await prefetchRelated({
      reader: crm.storage,
      tenantId: 't1',
      tree: relationTree(conditions),
      outerRows: [row],
    });
    expect(ids(rows.get('companies'))).toEqual([c1.id]);
    expect(ids(rows.get('members'))).toEqual(['m1']);
    expect(ids(rows.get('orders'))).toEqual([order.id]);
  });

  it('reads linked rows in link order, which the link index serves (key order walked the whole tenant on SQLite)', async () => {
    const { order, row } = await seed();
    const reads: FindManyArgs[] = [];
    const reader: StorageReader = {
      ...crm.storage,
      findMany: (args) => {
        reads.push(args);
        return crm.storage.findMany(args);
      },
    };
    const rows = await prefetchRelated({
      reader,
      tenantId: 't1',
      tree: relationTree([related(ordersOf)]),
      outerRows: [row],
    });
    expect(ids(rows.get('orders'))).toEqual([order.id]);
    expect(reads.map((read) => read.orderBy)).toEqual([
      [{ field: { operand: { kind: 'column', column: 'person_id' }, type: 'text' }, direction: 'asc' }],
    ]);
  });

  it('skips relations through the id of a record created in the transaction, and fetches for rows before', async () => {
    const { c1, c2, row } = await seed();
    const [oldCompany] = await crm.storage.findMany({
      table: 'companies',
      tenantId: 't1',
      where: columnEquals('id', c2.id),
    });
    const rows = await prefetchRelated({
      reader: crm.storage,
      tenantId: 't1',
      tree: relationTree(conditions),
      outerRows: [row],
      freshIds: new Set([row.id as string]),
      beforeOnly: new Map([['companies', [oldCompany as Row]]]),
    });
    expect(rows.has('orders')).toBe(false);
    expect(ids(rows.get('companies'))).toEqual([c1.id]);
    expect(ids(rows.get('members'))).toEqual(['m1', 'm2']);
  });
});

describe('rowsBefore', () => {
  it('replaces the rows a change wrote by the rows it replaced, in one table only', () => {
    const after = new Map([
      [
        'orders',
        [
          { id: 'o1', total: 5 },
          { id: 'o2', total: 7 },
        ],
      ],
      ['companies', [{ id: 'c1' }]],
    ]);
    const before = rowsBefore(after, {
      table: 'orders',
      isAfterOnly: (row) => row.id === 'o2',
      beforeOnly: [{ id: 'o2', total: 1 }],
    });
    expect(before.get('orders')).toEqual([
      { id: 'o1', total: 5 },
      { id: 'o2', total: 1 },
    ]);
    expect(before.get('companies')).toBe(after.get('companies'));
    expect(after.get('orders')).toHaveLength(2);
  });
});
