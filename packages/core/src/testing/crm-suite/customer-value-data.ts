import type { CrmSession } from '../../crm';

/** The people of the customer value dataset, by name, with their ids once seeded. */
export type ValuePeople = Record<(typeof personNames)[number], string>;

const personNames = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal'] as const;

interface OrderSeed {
  readonly person: keyof ValuePeople;
  readonly day: string;
  readonly total: number;
  readonly type?: string;
  readonly status?: string;
  readonly currency?: string;
}

/**
 * The orders of the dataset (tenant in UTC, default currency USD; the tests' clock is 2025-01-15). Order
 * types `sale` and `subscription` count, `sample` does not; cancelled orders never count; only USD orders
 * add to the total.
 *
 * | person | counting orders (day, total)                       | left out                     |
 * | Ann    | 2024-11-01 5000, 2024-12-01 5000, 2025-01-14 10000 |                              |
 * | Bob    | 2025-01-10 50000, 2025-01-12 9999 EUR              | (EUR adds to count, not sum) |
 * | Cid    | 2024-10-01 3000, 2024-10-05 3000                   | 2025-01-14 99999 cancelled   |
 * | Dee    | five of 2000, the last on 2024-12-20               |                              |
 * | Eve    | 2024-03-01 1000 subscription                       | 2025-01-13 500 sample        |
 * | Fay    |                                                    | 2025-01-05 4000 cancelled    |
 * | Gus    | (one order, deleted by the test)                   |                              |
 * | Hal    | no orders at all                                   |                              |
 *
 * Raw values and hand-computed scores (quintile edge k is the value at ⌊k·5/5⌋ = k of the five sorted):
 *
 * | person | last day   | count | total | R (edges 10-05, 12-20, 01-12, 01-14) | F (edges 2, 2, 3, 5) | M (edges 6000, 10000, 20000, 50000) | score | segment   |
 * | Ann    | 2025-01-14 | 3     | 20000 | 5                                    | 4                    | 4                                   | 544   | champions |
 * | Bob    | 2025-01-12 | 2     | 50000 | 4                                    | 3 (tie with Cid)     | 5                                   | 435   | loyal     |
 * | Cid    | 2024-10-05 | 2     | 6000  | 2                                    | 3 (tie with Bob)     | 2                                   | 232   | atRisk    |
 * | Dee    | 2024-12-20 | 5     | 10000 | 3                                    | 5                    | 3                                   | 353   | loyal     |
 * | Eve    | 2024-03-01 | 1     | 1000  | 1                                    | 1                    | 1                                   | 111   | lost      |
 *
 * Bob and Cid tie on 2 orders, the 2nd and 3rd of five: both take the score of the top of the run, 3.
 */
export const valueOrders: readonly OrderSeed[] = [
  { person: 'Ann', day: '2024-11-01', total: 5_000 },
  { person: 'Ann', day: '2024-12-01', total: 5_000 },
  { person: 'Ann', day: '2025-01-14', total: 10_000 },
  { person: 'Bob', day: '2025-01-10', total: 50_000 },
  { person: 'Bob', day: '2025-01-12', total: 9_999, currency: 'EUR' },
  { person: 'Cid', day: '2024-10-01', total: 3_000 },
  { person: 'Cid', day: '2024-10-05', total: 3_000 },
  { person: 'Cid', day: '2025-01-14', total: 99_999, status: 'cancelled' },
  ...['2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-12-20'].map((day) => ({
    person: 'Dee' as const,
    day,
    total: 2_000,
  })),
  { person: 'Eve', day: '2024-03-01', total: 1_000, type: 'subscription' },
  { person: 'Eve', day: '2025-01-13', total: 500, type: 'sample' },
  { person: 'Fay', day: '2025-01-05', total: 4_000, status: 'cancelled' },
  { person: 'Gus', day: '2025-01-02', total: 8_000 },
];

/** The expected values of the dataset once configured, as `customerValue.get` reads them. */
export const expectedValues = {
  Ann: {
    orderCount: 3,
    total: 20_000,
    lastOrderAt: '2025-01-14T12:00:00.000Z',
    score: '544',
    segment: 'champions',
  },
  Bob: {
    orderCount: 2,
    total: 50_000,
    lastOrderAt: '2025-01-12T12:00:00.000Z',
    score: '435',
    segment: 'loyal',
  },
  Cid: {
    orderCount: 2,
    total: 6_000,
    lastOrderAt: '2024-10-05T12:00:00.000Z',
    score: '232',
    segment: 'atRisk',
  },
  Dee: {
    orderCount: 5,
    total: 10_000,
    lastOrderAt: '2024-12-20T12:00:00.000Z',
    score: '353',
    segment: 'loyal',
  },
  Eve: {
    orderCount: 1,
    total: 1_000,
    lastOrderAt: '2024-03-01T12:00:00.000Z',
    score: '111',
    segment: 'lost',
  },
} as const;

/** An order input of one seed: one line, placed at noon UTC of its day. */
export function orderInput(personId: string, seed: Omit<OrderSeed, 'person'>) {
  return {
    personId,
    orderedAt: `${seed.day}T12:00:00.000Z`,
    type: seed.type ?? 'sale',
    status: (seed.status ?? 'confirmed') as 'confirmed',
    currency: seed.currency ?? 'USD',
    lines: [{ quantity: 1, unitPrice: seed.total }],
  };
}

/**
 * Seeds the dataset in a session: the people (Hal is a key account by a custom field), their orders, and
 * Gus's order deleted again. Returns the people's ids and Gus's deleted order's id.
 */
export async function seedValueData(s: CrmSession): Promise<ValuePeople> {
  await s.customFields.define({ entity: 'person', key: 'keyAccount', label: 'Key account', type: 'boolean' });
  const people = await s.people.createMany(
    personNames.map((name) => ({ firstName: name, custom: { keyAccount: name === 'Hal' } })),
  );
  const ids = Object.fromEntries(people.map((person) => [person.firstName, person.id])) as ValuePeople;
  const orders = await s.orders.createMany(valueOrders.map((seed) => orderInput(ids[seed.person], seed)));
  const gusOrder = orders.at(-1);
  if (gusOrder !== undefined) await s.orders.delete(gusOrder.id);
  return ids;
}

/** The configuration of the dataset: sales and subscriptions count; four tiers of people. */
export const valueConfig = {
  orderTypes: ['sale', 'subscription'],
  tiers: {
    person: [
      {
        key: 'key_account',
        label: 'Key account',
        filter: { field: 'custom.keyAccount', op: 'eq', value: true },
      },
      { key: 'A', filter: { field: 'rfm.segment', op: 'in', value: ['champions', 'loyal'] } },
      { key: 'B', filter: { related: 'orders', aggregate: 'count', op: 'gte', value: 2 } },
      { key: 'C', filter: { field: 'rfm.orderCount', op: 'gte', value: 1 } },
    ],
  },
} as const;

/**
 * The tiers of the dataset once configured: Cid and Eve have two orders each (a cancelled one and a sample
 * count as orders for the `orders` relation, not for RFM); Fay's only order is cancelled, Gus's was deleted.
 */
export const expectedTiers = {
  Ann: 'A',
  Bob: 'A',
  Cid: 'B',
  Dee: 'A',
  Eve: 'B',
  Fay: null,
  Gus: null,
  Hal: 'key_account',
} as const;
