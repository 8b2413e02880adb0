import { describe, expect } from 'vitest';
import type { CrmSession } from '../../crm';
import type { OrderBy } from '../../filter/filter-types';
import { seedFilterDeals } from './filter-data';
import type { MakeStorage } from './harness';
import { crmTest, expectIssueAt, rapportError } from './harness';

const D1 = 'Éclair bakery';
const D2 = '100% discount';
const D3 = 'abc widgets';
const D4 = 'ABC Gadgets';
const D5 = 'zeta';

async function order(s: CrmSession, orderBy: OrderBy | OrderBy[]): Promise<string[]> {
  return (await s.deals.list({ orderBy, limit: 1_000 })).items.map((deal) => deal.name);
}

/**
 * Sort orders on text, numbers, dates and custom fields; nulls last in both directions; ties broken by id.
 * The seeded deals are created in the order D1..D5, so their ids ascend in that order.
 */
export function describeSorting(makeStorage: MakeStorage): void {
  const it = crmTest(makeStorage);

  describe('sorting', () => {
    it('sorts text by code point, ascending and descending', async ({ h }) => {
      await seedFilterDeals(h.a);
      expect(await order(h.a, 'name')).toEqual([D2, D4, D3, D5, D1]);
      expect(await order(h.a, '-name')).toEqual([D1, D5, D3, D4, D2]);
      expect(await order(h.a, { field: 'name', direction: 'desc' })).toEqual([D1, D5, D3, D4, D2]);
      expect(await order(h.a, { field: 'name' })).toEqual([D2, D4, D3, D5, D1]);
    });

    it('sorts text by code point even above U+FFFF, where UTF-16 order differs', async ({ h }) => {
      await h.a.tags.createMany(['a\u{1F600}', 'a\uFF5E', 'a\u00E9', 'aZ', 'a'].map((name) => ({ name })));
      const names = async (orderBy: OrderBy) =>
        (await h.a.tags.list({ orderBy })).items.map((tag) => tag.name);
      expect(await names('name')).toEqual(['a', 'aZ', 'a\u00E9', 'a\uFF5E', 'a\u{1F600}']);
      expect(await names('-name')).toEqual(['a\u{1F600}', 'a\uFF5E', 'a\u00E9', 'aZ', 'a']);
      const above = await h.a.tags.list({ where: { field: 'name', op: 'gt', value: 'a\uFF5E' } });
      expect(above.items.map((tag) => tag.name)).toEqual(['a\u{1F600}']);
    });

    it('sorts numbers numerically', async ({ h }) => {
      await seedFilterDeals(h.a);
      expect(await order(h.a, 'amount')).toEqual([D3, D2, D1, D5, D4]);
      expect(await order(h.a, '-amount')).toEqual([D4, D5, D1, D2, D3]);
    });

    it('puts nulls last in both directions and breaks ties by id', async ({ h }) => {
      await seedFilterDeals(h.a);
      expect(await order(h.a, 'probability')).toEqual([D1, D2, D5, D4, D3]);
      expect(await order(h.a, '-probability')).toEqual([D4, D2, D5, D1, D3]);
      expect(await order(h.a, 'expectedCloseDate')).toEqual([D1, D2, D5, D4, D3]);
      expect(await order(h.a, '-expectedCloseDate')).toEqual([D4, D2, D5, D1, D3]);
      expect(await order(h.a, 'closedAt')).toEqual([D2, D4, D1, D3, D5]);
      expect(await order(h.a, '-closedAt')).toEqual([D4, D2, D1, D3, D5]);
    });

    it('sorts by custom fields of each sortable type, nulls last', async ({ h }) => {
      await seedFilterDeals(h.a);
      expect(await order(h.a, 'custom.score')).toEqual([D3, D1, D2, D4, D5]);
      expect(await order(h.a, '-custom.score')).toEqual([D2, D1, D3, D4, D5]);
      expect(await order(h.a, 'custom.note')).toEqual([D5, D2, D3, D1, D4]);
      expect(await order(h.a, '-custom.renewal')).toEqual([D2, D1, D3, D4, D5]);
      expect(await order(h.a, 'custom.signedAt')).toEqual([D1, D2, D3, D4, D5]);
      expect(await order(h.a, 'custom.ratio')).toEqual([D3, D1, D2, D4, D5]);
      expect(await order(h.a, 'custom.vip')).toEqual([D2, D1, D3, D4, D5]);
      expect(await order(h.a, '-custom.vip')).toEqual([D1, D2, D3, D4, D5]);
      expect(await order(h.a, 'custom.budget.amount')).toEqual([D2, D1, D3, D4, D5]);
      expect(await order(h.a, '-custom.tier')).toEqual([D2, D1, D5, D3, D4]);
    });

    it('sorts by several terms, each breaking the ties of the one before', async ({ h }) => {
      await seedFilterDeals(h.a);
      expect(await order(h.a, ['status', '-amount'])).toEqual([D4, D5, D1, D3, D2]);
      expect(await order(h.a, ['-probability', 'name'])).toEqual([D4, D2, D5, D1, D3]);
      expect(await order(h.a, ['-probability', '-name'])).toEqual([D4, D5, D2, D1, D3]);
    });

    it('breaks ties by id ascending whatever the direction', async ({ h }) => {
      const deals = await h.a.deals.createMany(
        Array.from({ length: 6 }, (_, index) => ({ name: `Tie ${index}`, amount: 500, currency: 'USD' })),
      );
      const byId = deals.map((deal) => deal.id).sort();
      for (const orderBy of ['amount', '-amount', 'currency', '-currency']) {
        expect(
          (await h.a.deals.list({ orderBy })).items.map((deal) => deal.id),
          orderBy,
        ).toEqual(byId);
      }
      expect((await h.a.deals.list()).items.map((deal) => deal.id)).toEqual(byId);
    });

    it("sorts by '-createdAt' and by updatedAt as the clock moved", async ({ h }) => {
      const first = await h.a.companies.create({ name: 'First' });
      h.clock.advance(1_000);
      await h.a.companies.create({ name: 'Second' });
      h.clock.advance(1_000);
      await h.a.companies.create({ name: 'Third' });
      h.clock.advance(1_000);
      await h.a.companies.update(first.id, { industry: 'Retail' }, { version: 1 });
      const names = async (orderBy: OrderBy) =>
        (await h.a.companies.list({ orderBy })).items.map((company) => company.name);
      expect(await names('-createdAt')).toEqual(['Third', 'Second', 'First']);
      expect(await names('createdAt')).toEqual(['First', 'Second', 'Third']);
      expect(await names('-updatedAt')).toEqual(['First', 'Third', 'Second']);
    });

    it('refuses sorting by an unknown field, a list field, an archived custom field or a bad direction', async ({
      h,
    }) => {
      await seedFilterDeals(h.a);
      expectIssueAt(await rapportError(h.a.deals.list({ orderBy: 'nope' }), 'INVALID_FILTER'), [
        'orderBy',
        0,
      ]);
      expectIssueAt(await rapportError(h.a.deals.list({ orderBy: ['name', 'tags'] }), 'INVALID_FILTER'), [
        'orderBy',
        1,
      ]);
      expectIssueAt(await rapportError(h.a.deals.list({ orderBy: 'custom.regions' }), 'INVALID_FILTER'), [
        'orderBy',
        0,
      ]);
      expectIssueAt(await rapportError(h.a.deals.list({ orderBy: 'custom.nope' }), 'INVALID_FILTER'), [
        'orderBy',
        0,
      ]);
      expectIssueAt(
        await rapportError(
          h.a.deals.list({ orderBy: { field: 'name', direction: 'up' as never } }),
          'INVALID_FILTER',
        ),
        ['orderBy', 0, 'direction'],
      );
      const [score] = (await h.a.customFields.list({ entity: 'deal' })).filter(
        (field) => field.key === 'score',
      );
      await h.a.customFields.archive(score?.id as string);
      expectIssueAt(await rapportError(h.a.deals.list({ orderBy: '-custom.score' }), 'INVALID_FILTER'), [
        'orderBy',
        0,
      ]);
    });
  });
}
