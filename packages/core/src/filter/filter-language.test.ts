import { describe, expect } from 'vitest';
import type { CrmSession } from '../crm';
import { memoryAdapter } from '../memory/memory-adapter';
import type { Harness } from '../testing/crm-suite/harness';
import { crmTest, expectIssueAt, rapportError } from '../testing/crm-suite/harness';
import type { Filter } from './filter-types';

// The filter language end to end: through `list` and `count` of the records API on the memory adapter,
// which is the reference every other adapter is held to.

const it = crmTest(() => memoryAdapter());

const order = (personId: string, total: number, orderedAt: string) => ({
  personId,
  orderedAt,
  lines: [{ quantity: 1, unitPrice: total }],
});

/**
 * Four people (the harness clock is 2025-01-15T09:30Z, its actor user-a):
 * - Ann: North company owned by user-a, born 20 January, spent 600.00 in the last year, three calls this
 *   quarter, in a won deal.
 * - Bob: South company, born 29 February, spent 100.00 this year (600.00 in 2023), one call, in an open
 *   deal in negotiation.
 * - Cid: no company, born 31 December, a cancelled big order (archived), a call in September.
 * - Dee: a North company that is archived, nothing else.
 */
async function seed(s: CrmSession) {
  await s.members.createMany([
    { id: 'user-a', name: 'Alex' },
    { id: 'user-b', name: 'Blair' },
  ]);
  await s.customFields.define({ entity: 'company', key: 'tier', label: 'Tier', type: 'text' });
  await s.customFields.define({ entity: 'order', key: 'channel', label: 'Channel', type: 'text' });
  await s.customFields.define({ entity: 'order', key: 'margin', label: 'Margin', type: 'decimal' });
  const [north, south, closed] = await s.companies.createMany([
    { name: 'North Co', region: 'North', ownerId: 'user-a', custom: { tier: 'gold' } },
    { name: 'South Co', region: 'South' },
    { name: 'Closed Co', region: 'North' },
  ]);
  await s.companies.archive(closed?.id as string);
  const [ann, bob, cid] = await s.people.createMany([
    { firstName: 'Ann', companyId: north?.id, ownerId: 'user-a', birthday: '1990-01-20', tags: ['vip'] },
    { firstName: 'Bob', companyId: south?.id, ownerId: 'user-b', birthday: '1988-02-29' },
    { firstName: 'Cid', birthday: '1995-12-31' },
    { firstName: 'Dee', companyId: closed?.id },
  ]);
  const id = (person: { id: string } | undefined) => person?.id as string;
  const orders = await s.orders.createMany([
    { ...order(id(ann), 40_000, '2024-06-01T10:00:00Z'), custom: { channel: 'web', margin: 0.3 } },
    order(id(ann), 20_000, '2025-01-10T10:00:00Z'),
    order(id(bob), 60_000, '2023-12-01T10:00:00Z'),
    order(id(bob), 10_000, '2025-01-01T10:00:00Z'),
    order(id(cid), 70_000, '2025-01-05T10:00:00Z'),
  ]);
  await s.orders.archive(orders[4]?.id as string);
  const call = (person: string, occurredAt: string, type: 'call' | 'meeting' = 'call') => ({
    type,
    personIds: [person],
    occurredAt,
  });
  await s.activities.createMany([
    call(id(ann), '2025-01-02T09:00:00Z'),
    call(id(ann), '2025-01-05T09:00:00Z'),
    call(id(ann), '2025-01-10T09:00:00Z'),
    call(id(bob), '2025-01-03T09:00:00Z'),
    call(id(bob), '2025-01-04T09:00:00Z', 'meeting'),
    call(id(cid), '2024-09-01T09:00:00Z'),
  ]);
  const pipeline = await s.pipelines.create({
    name: 'Sales',
    stages: [
      { id: 'qualification', name: 'Qualification', probability: 0.2 },
      { id: 'negotiation', name: 'Negotiation', probability: 0.7 },
      { id: 'won', name: 'Won', probability: 1, kind: 'won' },
    ],
  });
  await s.deals.createMany([
    { name: 'Big', pipelineId: pipeline.id, stageId: 'negotiation', personIds: [id(bob)] },
    {
      name: 'Done',
      pipelineId: pipeline.id,
      stageId: 'won',
      status: 'won',
      probability: 1,
      closedAt: '2025-01-12T09:00:00.000Z',
      personIds: [id(ann)],
    },
  ]);
}

async function names(h: Harness, where: Filter<'person'> | Filter): Promise<string[]> {
  const page = await h.a.people.list({ where, orderBy: 'firstName' });
  const listed = page.items.map((person) => person.firstName as string);
  expect(await h.a.people.count({ where }), 'count agrees with list').toBe(listed.length);
  return listed;
}

describe('the filter language on the memory adapter', () => {
  it('compares fields of the related record, reading an empty field when there is none', async ({ h }) => {
    await seed(h.a);
    expect(await names(h, { field: 'company.region', op: 'eq', value: 'North' })).toEqual(['Ann']);
    expect(await names(h, { field: 'company.region', op: 'ne', value: 'North' })).toEqual([
      'Bob',
      'Cid',
      'Dee',
    ]);
    expect(await names(h, { field: 'company.custom.tier', op: 'eq', value: 'gold' })).toEqual(['Ann']);
    expect(await names(h, { field: 'company.owner.name', op: 'eq', value: 'Alex' } as Filter)).toEqual([
      'Ann',
    ]);
  });

  it('aggregates related records with their own filter', async ({ h }) => {
    await seed(h.a);
    const spentOver500InAYear: Filter<'person'> = {
      related: 'orders',
      aggregate: 'sum',
      of: 'total',
      op: 'gt',
      value: 50_000,
      where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' },
    };
    expect(await names(h, spentOver500InAYear)).toEqual(['Ann']);
    expect(
      await names(h, {
        related: 'activities',
        aggregate: 'count',
        op: 'gte',
        value: 3,
        where: {
          all: [
            { field: 'type', op: 'eq', value: 'call' },
            { field: 'occurredAt', op: 'inPeriod', value: 'thisQuarter' },
          ],
        },
      }),
    ).toEqual(['Ann']);
    expect(
      await names(h, {
        related: 'activities',
        aggregate: 'notExists',
        where: { field: 'occurredAt', op: 'inLast', value: 90, unit: 'days' },
      }),
    ).toEqual(['Cid', 'Dee']);
    expect(
      await names(h, {
        related: 'deals',
        aggregate: 'exists',
        where: {
          all: [
            { field: 'status', op: 'eq', value: 'open' },
            { field: 'stageId', op: 'eq', value: 'negotiation' },
          ],
        },
      }),
    ).toEqual(['Bob']);
    expect(
      await names(h, {
        related: 'orders',
        aggregate: 'exists',
        where: { field: 'custom.channel', op: 'eq', value: 'web' },
      }),
    ).toEqual(['Ann']);
    expect(
      await names(h, { related: 'orders', aggregate: 'max', of: 'custom.margin', op: 'gt', value: 0.2 }),
    ).toEqual(['Ann']);
  });

  it('finds my customers and tagged people', async ({ h }) => {
    await seed(h.a);
    expect(await names(h, { field: 'ownerId', op: 'isCurrentActor' })).toEqual(['Ann']);
    expect(await names(h, { field: 'tags', op: 'hasAny', value: [' vip'] })).toEqual(['Ann']);
    expect(await names(h, { field: 'tags', op: 'hasNone', value: ['vip'] })).toEqual(['Bob', 'Cid', 'Dee']);
  });

  it('finds birthdays within the next days, across the new year and on 28 February for 29 February', async ({
    h,
  }) => {
    await seed(h.a);
    const birthdayWithin = (days: number): Filter<'person'> => ({
      field: 'birthday',
      op: 'anniversaryInNext',
      value: days,
    });
    expect(await names(h, birthdayWithin(7))).toEqual(['Ann']);
    h.clock.set('2025-12-28T12:00:00.000Z');
    expect(await names(h, birthdayWithin(7))).toEqual(['Cid']);
    h.clock.set('2027-02-25T12:00:00.000Z');
    expect(await names(h, birthdayWithin(3))).toEqual([]);
    expect(await names(h, birthdayWithin(4))).toEqual(['Bob']);
  });

  it("reads today in the tenant's time zone from its settings", async ({ h }) => {
    await h.a.people.create({ firstName: 'Eve' });
    const today: Filter<'person'> = { field: 'createdAt', op: 'inPeriod', value: 'today' };
    const yesterday: Filter<'person'> = { field: 'createdAt', op: 'inPeriod', value: 'yesterday' };
    // Created at 09:30 UTC on 15 January; an hour later it is already the 16th in Kiribati (UTC+14).
    h.clock.advance(3_600_000);
    expect(await names(h, today)).toEqual(['Eve']);
    await h.a.settings.update({ timeZone: 'Pacific/Kiritimati' }, { version: 0 });
    expect(await names(h, today)).toEqual([]);
    expect(await names(h, yesterday)).toEqual(['Eve']);
  });

  it('refuses bad filters in list and count with INVALID_FILTER at the offending node', async ({ h }) => {
    const cases: readonly (readonly [unknown, readonly (string | number)[]])[] = [
      [{ all: [{ field: 'company.regoin', op: 'eq', value: 'x' }] }, ['all', 0, 'field']],
      [{ related: 'orders', aggregate: 'sum', of: 'status', op: 'gt', value: 1 }, ['of']],
      [
        { related: 'orders', aggregate: 'exists', where: { field: 'custom.nope', op: 'isEmpty' } },
        ['where', 'field'],
      ],
      [{ not: { segment: 'vip' } }, ['not', 'segment']],
      [{ field: 'birthday', op: 'anniversaryInNext', value: 400 }, ['value']],
    ];
    for (const [where, path] of cases) {
      expectIssueAt(await rapportError(h.a.people.list({ where: where as Filter }), 'INVALID_FILTER'), path);
      expectIssueAt(await rapportError(h.a.people.count({ where: where as Filter }), 'INVALID_FILTER'), path);
    }
  });

  it("keeps another tenant's related records out", async ({ h }) => {
    await seed(h.a);
    await h.b.people.create({ firstName: 'Zed' });
    expect(await h.b.people.count({ where: { related: 'orders', aggregate: 'exists' } })).toBe(0);
    expect(await h.b.people.count({ where: { field: 'company.region', op: 'ne', value: 'North' } })).toBe(1);
  });
});
