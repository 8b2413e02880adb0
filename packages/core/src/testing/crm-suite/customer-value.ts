import { describe, expect } from 'vitest';
import type { CustomerTierChangedEvent } from '../../customer-value/tier-events';
import type { Filter } from '../../filter/filter-types';
import { expectedTiers, expectedValues, orderInput, seedValueData, valueConfig } from './customer-value-data';
import { makeCompany } from './fixtures';
import type { Harness, MakeStorage } from './harness';
import { crmTest, expectIssueAt, failsCleanly, rapportError, tenantA } from './harness';

/** The first names of the people a filter matches, sorted. */
async function namesWhere(h: Harness, where: Filter<'person'> | Filter): Promise<string[]> {
  const page = await h.a.people.list({ where: where as Filter, limit: 100 });
  return page.items.map((person) => person.firstName as string).sort();
}

async function configured(h: Harness) {
  const ids = await seedValueData(h.a);
  await h.a.customerValue.configure(valueConfig, { version: 0 });
  return ids;
}

function tierEvents(h: Harness): CustomerTierChangedEvent[] {
  const events: CustomerTierChangedEvent[] = [];
  h.crm.events.on('customer.tierChanged', (event) => events.push(event));
  return events;
}

/**
 * Customer value: RFM scores over a hand-computed dataset (quintile edges, ties, no orders, cancelled and
 * deleted orders, another currency, a type that does not count), kept current by every order write,
 * rescored by refresh, usable in filters, and tiers defined by filters with their events.
 */
export function describeCustomerValue(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('customer value', () => {
    it('computes nothing until the tenant configures it', async ({ h }) => {
      const ids = await seedValueData(h.a);
      expect(await h.a.customerValue.configuration()).toMatchObject({
        version: 0,
        orderTypes: null,
        currency: 'USD',
      });
      expect(await h.a.customerValue.get(ids.Ann)).toMatchObject({
        orderCount: 0,
        score: null,
        tier: null,
        computedAt: null,
      });
      expect(await h.a.customerValue.breakpoints()).toBeNull();
      await rapportError(h.a.customerValue.refresh(), 'MISUSE');
    });

    it('scores every customer with counting orders by quintiles, ties sharing the top score of their run', async ({
      h,
    }) => {
      const ids = await configured(h);
      for (const [name, expected] of Object.entries(expectedValues)) {
        const value = await h.a.customerValue.get(ids[name as keyof typeof ids]);
        expect(value, name).toMatchObject({ entity: 'person', currency: 'USD', ...expected });
        expect(value.recency, name).toBe(Number(expected.score[0]));
        expect(value.frequency, name).toBe(Number(expected.score[1]));
        expect(value.monetary, name).toBe(Number(expected.score[2]));
      }
      expect((await h.a.customerValue.get(ids.Ann)).recencyDays).toBe(1);
      expect(await h.a.customerValue.breakpoints()).toEqual({
        at: h.clock.iso(),
        person: {
          customers: 5,
          recency: ['2024-10-05', '2024-12-20', '2025-01-12', '2025-01-14'],
          frequency: [2, 2, 3, 5],
          monetary: [6_000, 10_000, 20_000, 50_000],
        },
        company: null,
      });
    });

    it('gives no score to customers without a counting order: none, cancelled only, deleted only', async ({
      h,
    }) => {
      const ids = await configured(h);
      for (const name of ['Fay', 'Gus', 'Hal'] as const) {
        expect(await h.a.customerValue.get(ids[name]), name).toMatchObject({
          lastOrderAt: null,
          recencyDays: null,
          orderCount: 0,
          total: 0,
          recency: null,
          frequency: null,
          monetary: null,
          score: null,
          segment: null,
        });
      }
    });

    it('tiers every customer by the first tier whose filter holds, with a tierChanged event each', async ({
      h,
    }) => {
      const ids = await seedValueData(h.a);
      const events = tierEvents(h);
      await h.a.customerValue.configure(valueConfig, { version: 0 });
      for (const [name, tier] of Object.entries(expectedTiers))
        expect((await h.a.customerValue.get(ids[name as keyof typeof ids])).tier, name).toBe(tier);
      const changed = Object.entries(expectedTiers).filter(([, tier]) => tier !== null);
      expect(events.map((event) => [event.recordId, event.before, event.after]).sort()).toEqual(
        changed.map(([name, tier]) => [ids[name as keyof typeof ids], null, tier]).sort(),
      );
      const outbox = (await h.tenantRows('outbox', tenantA)).filter(
        (row) => row.type === 'customer.tierChanged',
      );
      expect(outbox.map((row) => row.id).sort()).toEqual(events.map((event) => event.eventId).sort());
      expect(events[0]).toMatchObject({
        type: 'customer.tierChanged',
        entity: 'person',
        tenantId: tenantA,
        at: h.clock.iso(),
      });
    });

    it('recounts a customer in the transaction of each order write, against the stored breakpoints', async ({
      h,
    }) => {
      const ids = await configured(h);
      const breakpoints = await h.a.customerValue.breakpoints();
      const events = tierEvents(h);
      // Eve's big sale today: 2 orders (F 3), 61000 (M 5), today (R 5): '535', champions, so tier A.
      const order = await h.a.orders.create(orderInput(ids.Eve, { day: '2025-01-15', total: 60_000 }));
      expect(await h.a.customerValue.get(ids.Eve)).toMatchObject({
        orderCount: 2,
        total: 61_000,
        score: '535',
        segment: 'champions',
        tier: 'A',
        computedAt: h.clock.iso(),
      });
      expect(events.map((event) => [event.recordId, event.before, event.after])).toEqual([
        [ids.Eve, 'B', 'A'],
      ]);
      expect(await h.a.customerValue.breakpoints()).toEqual(breakpoints);
      // Cancelled, it no longer counts; restored to confirmed, it counts again.
      const cancelled = await h.a.orders.update(
        order.id,
        { status: 'cancelled' },
        { version: order.version },
      );
      expect(await h.a.customerValue.get(ids.Eve)).toMatchObject({
        orderCount: 1,
        total: 1_000,
        score: '111',
        tier: 'B',
      });
      await h.a.orders.update(order.id, { status: 'confirmed' }, { version: cancelled.version });
      expect((await h.a.customerValue.get(ids.Eve)).score).toBe('535');
    });

    it('recounts on archive, restore and delete of an order, and on moving it to another customer', async ({
      h,
    }) => {
      const ids = await configured(h);
      const [last] = (
        await h.a.orders.list({
          where: { field: 'personId', op: 'eq', value: ids.Ann },
          orderBy: '-orderedAt',
          limit: 1,
        })
      ).items;
      if (last === undefined) throw new Error('Ann has orders');
      await h.a.orders.archive(last.id);
      expect(await h.a.customerValue.get(ids.Ann)).toMatchObject({
        orderCount: 2,
        total: 10_000,
        lastOrderAt: '2024-12-01T12:00:00.000Z',
      });
      const restored = await h.a.orders.restore(last.id);
      expect((await h.a.customerValue.get(ids.Ann)).score).toBe('544');
      const moved = await h.a.orders.update(last.id, { personId: ids.Hal }, { version: restored.version });
      expect(await h.a.customerValue.get(ids.Ann)).toMatchObject({ orderCount: 2, total: 10_000 });
      expect(await h.a.customerValue.get(ids.Hal)).toMatchObject({
        orderCount: 1,
        total: 10_000,
        tier: 'key_account',
      });
      await h.a.orders.delete(moved.id);
      expect(await h.a.customerValue.get(ids.Hal)).toMatchObject({
        orderCount: 0,
        score: null,
        tier: 'key_account',
      });
    });

    it('re-tiers a customer written itself, in the same transaction', async ({ h }) => {
      const ids = await configured(h);
      const events = tierEvents(h);
      const fay = await h.a.people.get(ids.Fay);
      await h.a.people.update(ids.Fay, { custom: { keyAccount: true } }, { version: fay.version });
      expect((await h.a.customerValue.get(ids.Fay)).tier).toBe('key_account');
      expect(events.map((event) => [event.recordId, event.before, event.after])).toEqual([
        [ids.Fay, null, 'key_account'],
      ]);
      const newcomer = await h.a.people.create({ firstName: 'Ivy', custom: { keyAccount: true } });
      expect((await h.a.customerValue.get(newcomer.id)).tier).toBe('key_account');
    });

    it('rescores everyone against new breakpoints on refresh', async ({ h }) => {
      const ids = await configured(h);
      const jo = await h.a.people.create({ firstName: 'Jo' });
      await h.a.orders.create(orderInput(jo.id, { day: '2025-01-15', total: 7_000 }));
      // Against the stored edges: R 5, F 1, M 2.
      expect(await h.a.customerValue.get(jo.id)).toMatchObject({
        score: '512',
        segment: 'potentialLoyalist',
      });
      h.clock.set('2025-01-16T03:00:00.000Z');
      const result = await h.a.customerValue.refresh();
      // Six customers: edges at positions 1 to 4 of six. F edges 1, 2, 2, 3; M edges 6000, 7000, 10000, 20000.
      expect(result).toMatchObject({
        at: h.clock.iso(),
        people: {
          customers: 6,
          breakpoints: { frequency: [1, 2, 2, 3], monetary: [6_000, 7_000, 10_000, 20_000] },
        },
        companies: { customers: 0, breakpoints: null },
      });
      expect(await h.a.customerValue.get(jo.id)).toMatchObject({ score: '523', recencyDays: 1 });
      expect(await h.a.customerValue.get(ids.Ann)).toMatchObject({ score: '555', segment: 'champions' });
      expect(await h.a.customerValue.get(ids.Eve)).toMatchObject({ score: '121', segment: 'lost' });
    });

    it('scores companies among companies, from the orders placed for them', async ({ h }) => {
      const big = await makeCompany(h.a);
      const small = await makeCompany(h.a);
      const order = (companyId: string, day: string, total: number) => ({
        ...orderInput('', { day, total }),
        personId: null,
        companyId,
      });
      await h.a.orders.createMany([
        order(big.id, '2025-01-10', 90_000),
        order(big.id, '2025-01-11', 10_000),
        order(small.id, '2024-05-01', 500),
      ]);
      await h.a.customerValue.configure({}, { version: 0 });
      expect(await h.a.customerValue.get(big.id)).toMatchObject({
        entity: 'company',
        orderCount: 2,
        score: '555',
      });
      // Two customers: edges at positions 0, 0, 1, 1. The smaller is at or above half of them: 3 everywhere.
      expect(await h.a.customerValue.get(small.id)).toMatchObject({
        entity: 'company',
        orderCount: 1,
        score: '333',
      });
      const page = await h.a.companies.list({
        where: { field: 'rfm.segment', op: 'eq', value: 'champions' },
      });
      expect(page.items.map((company) => company.id)).toEqual([big.id]);
    });

    it('resolves the customer value fields in filters and sorts', async ({ h }) => {
      const ids = await configured(h);
      expect(await namesWhere(h, { field: 'rfm.segment', op: 'eq', value: 'loyal' })).toEqual(['Bob', 'Dee']);
      expect(await namesWhere(h, { field: 'rfm.recency', op: 'gte', value: 4 })).toEqual(['Ann', 'Bob']);
      expect(await namesWhere(h, { field: 'rfm.score', op: 'eq', value: '111' })).toEqual(['Eve']);
      expect(await namesWhere(h, { field: 'rfm.orderCount', op: 'isEmpty' })).toEqual(['Fay', 'Gus', 'Hal']);
      expect(await namesWhere(h, { field: 'rfm.total', op: 'gt', value: 10_000 })).toEqual(['Ann', 'Bob']);
      expect(await namesWhere(h, { field: 'rfm.lastOrderAt', op: 'inLast', value: 7, unit: 'days' })).toEqual(
        ['Ann', 'Bob'],
      );
      expect(await namesWhere(h, { field: 'valueTier', op: 'eq', value: 'B' })).toEqual(['Cid', 'Eve']);
      expect(await namesWhere(h, { field: 'valueTier', op: 'ne', value: 'A' })).toEqual([
        'Cid',
        'Eve',
        'Fay',
        'Gus',
        'Hal',
      ]);
      const sorted = await h.a.people.list({
        where: { field: 'rfm.total', op: 'isNotEmpty' },
        orderBy: ['-rfm.total'],
      });
      expect(sorted.items.map((person) => person.firstName)).toEqual(['Bob', 'Ann', 'Dee', 'Cid', 'Eve']);
      const annOrders = await h.a.orders.count({
        where: { field: 'person.rfm.segment', op: 'eq', value: 'champions' },
      });
      expect(annOrders).toBe(3);
      const champions = await h.a.people.count({
        where: { field: 'rfm.segment', op: 'eq', value: 'champions' },
      });
      expect(champions).toBe(1);
      const acme = await makeCompany(h.a);
      const ann = await h.a.people.get(ids.Ann);
      await h.a.people.update(ids.Ann, { companyId: acme.id }, { version: ann.version });
      const bigSpenders = await h.a.companies.count({
        // The types of `of` know built-in and custom fields only: a customer value is taken as a loose filter.
        where: { related: 'people', aggregate: 'max', of: 'rfm.total', op: 'gte', value: 20_000 } as Filter,
      });
      expect(bigSpenders).toBe(1);
      expect(await namesWhere(h, { field: 'company.rfm.orderCount', op: 'isEmpty' })).toHaveLength(8);
    });

    it('refuses customer value fields on other entities with INVALID_FILTER', async ({ h }) => {
      const error = await rapportError(
        h.a.deals.list({
          where: { all: [{ field: 'rfm.segment', op: 'eq', value: 'champions' }] } as Filter,
        }),
        'INVALID_FILTER',
      );
      expectIssueAt(error, ['all', 0, 'field']);
    });

    it('refuses a bad configuration with every issue at its path, changing nothing', async ({ h }) => {
      await seedValueData(h.a);
      const error = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.customerValue.configure(
          {
            orderTypes: [],
            currency: 'ZZZ',
            tiers: {
              person: [
                { key: 'A', filter: { field: 'rfm.nope', op: 'eq', value: 1 } as Filter },
                { key: 'A', filter: { field: 'rfm.recency', op: 'gte', value: 4 } },
              ],
            },
          },
          { version: 0 },
        ),
      );
      expectIssueAt(error, ['orderTypes']);
      expectIssueAt(error, ['currency']);
      expectIssueAt(error, ['tiers', 'person', 1, 'key']);
      const filterError = await failsCleanly(h, 'VALIDATION_FAILED', () =>
        h.a.customerValue.configure(
          {
            tiers: {
              company: [{ key: 'A', filter: { any: [{ field: 'nope', op: 'eq', value: 1 }] } as Filter }],
            },
          },
          { version: 0 },
        ),
      );
      expectIssueAt(filterError, ['tiers', 'company', 0, 'filter', 'any', 0, 'field']);
      await rapportError(h.a.customerValue.configure({}, undefined as never), 'MISUSE');
    });

    it('replaces the configuration with the version read, re-tiering everyone, and audits it', async ({
      h,
    }) => {
      const ids = await configured(h);
      await failsCleanly(h, 'VERSION_CONFLICT', () => h.a.customerValue.configure({}, { version: 0 }));
      const next = await h.a.customerValue.configure(
        {
          currency: 'eur',
          tiers: { person: [{ key: 'euro', filter: { field: 'rfm.total', op: 'gt', value: 0 } }] },
        },
        { version: 1 },
      );
      expect(next).toMatchObject({ version: 2, orderTypes: null, currency: 'EUR', updatedAt: h.clock.iso() });
      // Every type counts now (Eve's sample too); only Bob has a EUR order.
      expect(await h.a.customerValue.get(ids.Bob)).toMatchObject({
        total: 9_999,
        currency: 'EUR',
        tier: 'euro',
      });
      expect(await h.a.customerValue.get(ids.Eve)).toMatchObject({ orderCount: 2, total: 0, tier: null });
      expect(await h.a.customerValue.get(ids.Hal)).toMatchObject({ tier: null });
      const audit = await h.a.audit.list({ recordId: 'customer-value' });
      expect(audit.map((entry) => [entry.action, entry.version])).toEqual([
        ['create', 1],
        ['update', 2],
      ]);
      expect(audit[1]?.changes.currency).toEqual({ before: 'USD', after: 'EUR' });
    });

    it('counts every one of concurrent orders of one customer', async ({ h }) => {
      const ids = await configured(h);
      const days = ['2025-01-15', '2025-01-14', '2025-01-13', '2025-01-12', '2025-01-11', '2025-01-10'];
      await Promise.all(days.map((day) => h.a.orders.create(orderInput(ids.Hal, { day, total: 1_000 }))));
      expect(await h.a.customerValue.get(ids.Hal)).toMatchObject({
        orderCount: days.length,
        total: days.length * 1_000,
        lastOrderAt: '2025-01-15T12:00:00.000Z',
      });
    });

    it("keeps tenants apart: another tenant's customers and configuration are untouched", async ({ h }) => {
      await configured(h);
      const other = await h.b.people.create({ firstName: 'Zed' });
      await h.b.orders.create(orderInput(other.id, { day: '2025-01-14', total: 1_000 }));
      expect(await h.b.customerValue.configuration()).toMatchObject({ version: 0 });
      expect(await h.b.customerValue.get(other.id)).toMatchObject({ orderCount: 0, score: null });
      expect(await h.b.people.count({ where: { field: 'rfm.orderCount', op: 'isNotEmpty' } })).toBe(0);
      await rapportError(
        h.b.customerValue.get((await h.a.people.list({ limit: 1 })).items[0]?.id ?? ''),
        'NOT_FOUND',
      );
    });
  });
}
