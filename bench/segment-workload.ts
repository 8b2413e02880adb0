/**
 * The segmentation workload: seeded people with three orders each on average, the three questions asked of
 * them in the filter language, and the same questions written by hand in SQL, as a developer would write
 * them against Rapport's tables and indexes.
 */
import type { Filter } from '@rapport/core';
import { uuidv7 } from '@rapport/core';
import { personInput, seededRandom } from './people-generator';
import { peopleColumns, rawPersonRow } from './raw-people';

/** The bench's clock: fixed, so that "the next 7 days" and "the last 365 days" select the same rows each run. */
export const benchNow = new Date('2026-06-15T12:00:00.000Z');

export const segmentTenant = 'segment-bench';

/** A row as a table stores it, by column name. */
export type TableRow = Record<string, unknown>;

/** Person number `index`, as a raw import writes it (see `rawPersonRow`). */
export function personRow(index: number, random: () => number): TableRow {
  const values = rawPersonRow(personInput(index, random), segmentTenant, benchNow.toISOString());
  return Object.fromEntries(peopleColumns.map((column, position) => [column, values[position]]));
}

const day = 86_400_000;

/**
 * One order of `personId`: a total between 10.00 and 400.00, placed in the two years before the bench's
 * clock, so that about half of a person's orders fall in the last 365 days.
 */
export function orderRow(personId: string, index: number, random: () => number): TableRow {
  const at = new Date(benchNow.getTime() - Math.floor(random() * 730 * day)).toISOString();
  const total = 1_000 + Math.floor(random() * 39_000);
  return {
    tenant_id: segmentTenant,
    id: uuidv7(),
    version: 1,
    created_at: at,
    updated_at: at,
    created_by: 'bench',
    updated_by: 'bench',
    archived_at: null,
    external_id: null,
    tags: '[]',
    custom: '{}',
    number: `SO-${index}`,
    person_id: personId,
    company_id: null,
    ordered_at: at,
    type: 'sale',
    status: 'confirmed',
    lines: JSON.stringify([
      { productId: null, description: null, quantity: 1, unitPrice: total, amount: total },
    ]),
    total,
    currency: 'EUR',
    owner_id: null,
  };
}

/**
 * Calls `load` with the people and their orders in chunks of `chunk` rows, each table's rows in order:
 * every person gets 1 to 5 orders (3 on average), so `people` people make about `3 × people` orders.
 */
export async function generateWorkload(
  people: number,
  chunk: number,
  load: (table: 'people' | 'orders', rows: TableRow[]) => Promise<void>,
): Promise<{ orders: number }> {
  const random = seededRandom(23);
  let orders = 0;
  for (let start = 0; start < people; start += chunk) {
    const persons: TableRow[] = [];
    const purchases: TableRow[] = [];
    for (let index = start; index < Math.min(people, start + chunk); index++) {
      const person = personRow(index, random);
      persons.push(person);
      const count = 1 + Math.floor(random() * 5);
      for (let order = 0; order < count; order++)
        purchases.push(orderRow(person.id as string, orders++, random));
    }
    await load('people', persons);
    await load('orders', purchases);
  }
  return { orders };
}

/** The saved segment of the issue: in the North, a birthday within 7 days, over 500.00 spent in 365 days. */
export const northBirthdaySpenders: Filter<'person'> = {
  all: [
    { field: 'region', op: 'eq', value: 'North' },
    { field: 'birthday', op: 'anniversaryInNext', value: 7 },
    {
      related: 'orders',
      aggregate: 'sum',
      of: 'total',
      op: 'gt',
      value: 50_000,
      where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' },
    },
  ],
};

/** Three plain conditions, counted. */
export const threeConditions: Filter<'person'> = {
  all: [
    { field: 'region', op: 'eq', value: 'North' },
    { field: 'lifecycleStage', op: 'in', value: ['customer', 'prospect'] },
    { field: 'birthday', op: 'lt', value: '1975-01-01' },
  ],
};

/** A filter for a page of 50, sorted by last name. */
export const customersInTheNorth: Filter<'person'> = {
  all: [
    { field: 'region', op: 'eq', value: 'North' },
    { field: 'lifecycleStage', op: 'eq', value: 'customer' },
  ],
};

// Month-days of the 7 days from the bench's clock (a UTC tenant): 06-15 to 06-21, no year end to wrap.
const nextWeek = Array.from({ length: 7 }, (_, offset) =>
  new Date(benchNow.getTime() + offset * day).toISOString().slice(5, 10),
);
// "The last 365 days" holds today and the 364 days before it: 16 June 2025 to 15 June 2026.
const yearAgo = new Date(Date.UTC(2025, 5, 16)).toISOString();
const tomorrow = new Date(Date.UTC(2026, 5, 16)).toISOString();

/** A hand-written query: SQL with `?` placeholders and its values. */
export interface HandWrittenQuery {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** The hand-written SQL of the three questions, the same on SQLite and Postgres but for placeholders. */
export const handWritten: Readonly<Record<'segment' | 'count' | 'page', HandWrittenQuery>> = {
  segment: {
    text: `select count(*) as count from people p
      where p.tenant_id = ? and p.archived_at is null and p.region = ?
        and substr(p.birthday, 6, 5) between ? and ?
        and (select coalesce(sum(o.total), 0) from orders o
             where o.tenant_id = p.tenant_id and o.person_id = p.id and o.archived_at is null
               and o.ordered_at >= ? and o.ordered_at < ?) > ?`,
    values: [segmentTenant, 'North', nextWeek[0], nextWeek[6], yearAgo, tomorrow, 50_000],
  },
  count: {
    text: `select count(*) as count from people
      where tenant_id = ? and archived_at is null and region = ?
        and lifecycle_stage in (?, ?) and birthday < ?`,
    values: [segmentTenant, 'North', 'customer', 'prospect', '1975-01-01'],
  },
  page: {
    text: `select * from people
      where tenant_id = ? and archived_at is null and region = ? and lifecycle_stage = ?
      order by last_name, id limit 50`,
    values: [segmentTenant, 'North', 'customer'],
  },
};
