import type { CrmSession } from '../../crm';
import type { Filter } from '../../filter/filter-types';

/**
 * The deals the filter and sort tests query: built-in fields of every value type, and one custom field of
 * each filterable type, with gaps (null, missing, '' and []) where the null semantics matter.
 *
 * | name          | amount  | probability | close date | closedAt             | tags          |
 * | Éclair bakery | 5000    | 0.1         | 2025-01-10 | null                 | food, vip     |
 * | 100% discount | 100     | 0.5         | 2025-02-20 | 2025-02-21T00:00:00Z | promo         |
 * | abc widgets   | 0       | null        | null       | null                 | []            |
 * | ABC Gadgets   | 250000  | 0.9         | 2025-12-31 | 2025-03-01T12:00:00Z | vip           |
 * | zeta          | 7000    | 0.5         | 2025-02-20 | null                 | []            |
 */
export async function seedFilterDeals(s: CrmSession): Promise<void> {
  const field = (key: string, type: string, extra: Record<string, unknown> = {}) =>
    s.customFields.define({ entity: 'deal', key, label: key, type: type as never, ...extra });
  await field('note', 'text');
  await field('score', 'number');
  await field('ratio', 'decimal');
  await field('vip', 'boolean');
  await field('renewal', 'date');
  await field('signedAt', 'datetime');
  await field('tier', 'select', {
    options: ['gold', 'silver', 'bronze'].map((value) => ({ value, label: value })),
  });
  await field('regions', 'multiSelect', {
    options: ['north', 'south', 'east', 'west'].map((value) => ({ value, label: value })),
  });
  await field('budget', 'money');
  await s.deals.createMany([
    {
      name: 'Éclair bakery',
      amount: 5_000,
      currency: 'EUR',
      probability: 0.1,
      expectedCloseDate: '2025-01-10',
      tags: ['food', 'vip'],
      custom: {
        note: 'ÉCLAIR deal',
        score: 10,
        ratio: 1.5,
        vip: true,
        renewal: '2025-03-01',
        signedAt: '2025-01-01T10:00:00.000Z',
        tier: 'gold',
        regions: ['north', 'east'],
        budget: { amount: 10_000, currency: 'EUR' },
      },
    },
    {
      name: '100% discount',
      amount: 100,
      currency: 'USD',
      probability: 0.5,
      expectedCloseDate: '2025-02-20',
      closedAt: '2025-02-21T00:00:00.000Z',
      status: 'won',
      tags: ['promo'],
      custom: {
        note: 'a_b literal',
        score: 20,
        ratio: 2.25,
        vip: false,
        renewal: '2025-06-30',
        signedAt: '2025-02-01T00:00:00.000Z',
        tier: 'silver',
        regions: ['south'],
        budget: { amount: 500, currency: 'USD' },
      },
    },
    {
      name: 'abc widgets',
      amount: 0,
      currency: 'USD',
      custom: { note: 'axb', score: -5, ratio: 0.01, regions: [] },
    },
    {
      name: 'ABC Gadgets',
      amount: 250_000,
      currency: 'USD',
      probability: 0.9,
      expectedCloseDate: '2025-12-31',
      closedAt: '2025-03-01T12:00:00.000Z',
      status: 'lost',
      lostReason: 'Price',
      tags: ['vip'],
    },
    {
      name: 'zeta',
      amount: 7_000,
      currency: 'USD',
      probability: 0.5,
      expectedCloseDate: '2025-02-20',
      custom: { note: '', tier: 'bronze' },
    },
  ]);
}

/** The names of every seeded deal. */
export const allDeals = ['100% discount', 'ABC Gadgets', 'Éclair bakery', 'abc widgets', 'zeta'];

/** The names of the deals a filter matches, sorted by code point so assertions read the same everywhere. */
export async function dealNames(s: CrmSession, where: Filter): Promise<string[]> {
  const { items } = await s.deals.list({ where, limit: 1_000 });
  return items.map((deal) => deal.name).sort();
}

/** The same names sorted the way `dealNames` sorts them. */
export const sorted = (names: readonly string[]) => [...names].sort();
