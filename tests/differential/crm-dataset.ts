import type {
  ActivityInput,
  CompanyInput,
  CrmSession,
  CustomFieldInput,
  OrderInput,
  PersonInput,
} from '@rapport/core';
import fc from 'fast-check';
import { boundaryDates, dateValue, mixedText, tagValue, trickyTexts } from './value-pools';

/**
 * Records to create through the CRM API, by index: references name the index of a member, company or
 * person, because the ids the CRM makes differ from store to store. Every record has an `externalId` (its
 * kind and index), which is how the filter-level tests compare the records engines return.
 */
export interface CrmData {
  readonly companies: readonly Record<string, unknown>[];
  readonly people: readonly Record<string, unknown>[];
  readonly orders: readonly Record<string, unknown>[];
  readonly activities: readonly Record<string, unknown>[];
}

/** The ids of the members every tenant has: the host's user ids, the same on every engine. */
export const memberIds = ['m1', 'm2', 'm3'] as const;

/** The option values of the `labels` multi-select: case and Unicode variants of each other. */
export const labelOptions = ['vip', 'VIP', 'straße', 'STRASSE', 'ς', '😀', '100%', 'a_b'] as const;

/**
 * The custom fields of the filter-level tests, one of each filterable type on people (some indexed, so
 * the engines' expression indexes serve conditions too), one on companies and one on orders. `constructor`
 * is a key that lives on `Object.prototype`.
 */
export const customFieldInputs: readonly CustomFieldInput[] = [
  { entity: 'person', key: 'tier', label: 'Tier', type: 'text', indexed: true, max: 400 },
  { entity: 'person', key: 'score', label: 'Score', type: 'number', indexed: true },
  { entity: 'person', key: 'ratio', label: 'Ratio', type: 'decimal', scale: 2 },
  { entity: 'person', key: 'vip', label: 'VIP', type: 'boolean' },
  { entity: 'person', key: 'renewal', label: 'Renewal', type: 'date', indexed: true },
  { entity: 'person', key: 'signedAt', label: 'Signed', type: 'datetime' },
  {
    entity: 'person',
    key: 'labels',
    label: 'Labels',
    type: 'multiSelect',
    options: labelOptions.map((value, index) => ({ value, label: `Label ${index}` })),
  },
  { entity: 'person', key: 'budget', label: 'Budget', type: 'money' },
  { entity: 'person', key: 'constructor', label: 'Constructor', type: 'text' },
  { entity: 'company', key: 'rating', label: 'Rating', type: 'number' },
  { entity: 'order', key: 'channel', label: 'Channel', type: 'text' },
];

/** Texts the write path keeps (it trims, and turns '' into null). */
/**
 * Saved segments of every kind, by name: dynamic ones (one reads related orders, one is relative to the
 * clock), a snapshot taken when seeding, and a static list. Filters name them as `{ segment: '@<name>' }`,
 * which each engine's runner turns into that engine's segment id.
 */
export const segmentInputs = [
  {
    name: 'north',
    entity: 'person',
    kind: 'dynamic',
    filter: { field: 'region', op: 'eq', value: 'north', mode: 'insensitive' },
  },
  {
    name: 'big spenders',
    entity: 'person',
    kind: 'dynamic',
    filter: { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 20_000 },
  },
  {
    name: 'birthdays soon',
    entity: 'person',
    kind: 'dynamic',
    filter: { field: 'birthday', op: 'anniversaryInNext', value: 30 },
  },
  {
    name: 'north snapshot',
    entity: 'person',
    kind: 'snapshot',
    filter: { any: [{ field: 'region', op: 'startsWith', value: 'N' }, { segment: '@big spenders' }] },
  },
  { name: 'hand-picked', entity: 'person', kind: 'static' },
  {
    name: 'gold companies',
    entity: 'company',
    kind: 'dynamic',
    filter: { field: 'tier', op: 'eq', value: 'gold' },
  },
] as const;

/** The people the static segment lists, by index. */
const handPicked = [0, 2, 5, 7];

/**
 * A filter with every `{ segment: '@<name>' }` turned into `{ segment: <id> }` by `idOf`.
 *
 * @example
 * ```ts
 * withSegmentIds({ not: { segment: '@north' } }, (name) => ids.get(name)); // { not: { segment: '0193...' } }
 * ```
 */
export function withSegmentIds(filter: unknown, idOf: (name: string) => string | undefined): unknown {
  if (Array.isArray(filter)) return filter.map((child) => withSegmentIds(child, idOf));
  if (typeof filter !== 'object' || filter === null) return filter;
  const node = filter as Record<string, unknown>;
  if (typeof node.segment === 'string' && node.segment.startsWith('@'))
    return { ...node, segment: idOf(node.segment.slice(1)) ?? node.segment };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withSegmentIds(value, idOf)]));
}

const storedText = fc.oneof(
  { arbitrary: fc.constantFrom(...trickyTexts.filter((text) => text.trim() !== '')), weight: 4 },
  { arbitrary: mixedText.filter((text) => text.trim() !== ''), weight: 2 },
);

const optional = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary, weight: 3 });

const region = optional(fc.constantFrom('North', 'north', 'NORTH', 'Nörth', 'South', 'İzmir', 'izmir'));

// Within two years of the clock's instants (2024-2025), in several offsets: relative times have work.
const instantRange = { min: Date.UTC(2022, 11, 1), max: Date.UTC(2026, 1, 1) };
const offsets = ['Z', '+05:45', '-03:30', '+14:00', '-10:00'];

/** An instant as a caller may write it: with any offset (the CRM stores it in UTC). */
const writtenInstant = fc
  .tuple(fc.integer(instantRange), fc.constantFrom(...offsets))
  .map(([milliseconds, offset]) => inOffset(milliseconds, offset));

/**
 * `milliseconds` written as an ISO-8601 instant in `offset` (`Z` or `±hh:mm`).
 *
 * @example
 * ```ts
 * inOffset(Date.UTC(2025, 0, 1), '+05:45'); // '2025-01-01T05:45:00.000+05:45'
 * ```
 */
export function inOffset(milliseconds: number, offset: string): string {
  if (offset === 'Z') return new Date(milliseconds).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0] = offset.slice(1).split(':').map(Number);
  const local = new Date(milliseconds + sign * (hours * 60 + minutes) * 60_000).toISOString();
  return `${local.slice(0, -1)}${offset}`;
}

/** Birthdays and dates: leap days, year ends, and days near the clock's instants, of any year. */
const calendarDate = fc.oneof(
  fc.constantFrom(...boundaryDates.filter((date) => date >= '1900')),
  dateValue,
  fc
    .tuple(fc.integer({ min: 1950, max: 2010 }), fc.constantFrom('01-01', '02-28', '02-29', '03-01', '12-31'))
    .map(([year, monthDay]) => `${year}-${monthDay}`)
    .filter((date) => !date.endsWith('02-29') || Number(date.slice(0, 4)) % 4 === 0),
);

const tags = fc.uniqueArray(
  tagValue.filter((tag) => tag.trim() !== ''),
  { maxLength: 3 },
);

const personCustom = fc.record(
  {
    tier: storedText,
    score: fc.integer({ min: -50, max: 500 }),
    ratio: fc.integer({ min: -400, max: 400 }).map((hundredths) => hundredths / 100),
    vip: fc.boolean(),
    renewal: calendarDate,
    signedAt: writtenInstant,
    labels: fc.uniqueArray(fc.constantFrom(...labelOptions), { maxLength: 3 }),
    budget: fc.record({
      amount: fc.integer({ min: -1_000, max: 100_000 }),
      currency: fc.constantFrom('EUR', 'USD'),
    }),
    constructor: storedText,
  },
  { requiredKeys: [] },
);

function companyInput(index: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    externalId: fc.constant(`C-${index}`),
    name: storedText,
    industry: optional(storedText),
    region,
    tier: optional(fc.constantFrom('gold', 'Gold', 'silver', 'A')),
    ownerId: optional(fc.constantFrom(...memberIds)),
    tags,
    custom: fc.record({ rating: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: [] }),
  });
}

function personInput(index: number, companies: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    externalId: fc.constant(`P-${index}`),
    firstName: optional(storedText),
    // A person needs a name or an email: the email is always there.
    lastName: optional(storedText),
    emails: fc.constant([{ address: `person${index}@example.com` }]),
    title: optional(storedText),
    region,
    birthday: optional(calendarDate),
    companyIndex: companies === 0 ? fc.constant(null) : optional(fc.nat(companies - 1)),
    ownerId: optional(fc.constantFrom(...memberIds)),
    lifecycleStage: fc.constantFrom('lead', 'prospect', 'customer', 'churned'),
    source: optional(storedText),
    tags,
    custom: personCustom,
  });
}

function orderInput(index: number, people: number, companies: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    externalId: fc.constant(`O-${index}`),
    personIndex: fc.nat(people - 1),
    companyIndex: companies === 0 ? fc.constant(null) : optional(fc.nat(companies - 1)),
    orderedAt: writtenInstant,
    type: fc.constantFrom('sale', 'return', 'Sale'),
    status: fc.constantFrom('draft', 'confirmed', 'fulfilled', 'cancelled'),
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 3 }),
        unitPrice: fc.integer({ min: -500, max: 50_000 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    currency: fc.constantFrom('EUR', 'USD'),
    ownerId: optional(fc.constantFrom(...memberIds)),
    tags,
    custom: fc.record({ channel: storedText }, { requiredKeys: [] }),
  });
}

function activityInput(index: number, people: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    externalId: fc.constant(`A-${index}`),
    type: fc.constantFrom('call', 'email', 'meeting', 'complaint'),
    occurredAt: writtenInstant,
    personIndexes: fc.uniqueArray(fc.nat(people - 1), { minLength: 1, maxLength: 3 }),
    durationMinutes: optional(fc.integer({ min: 0, max: 240 })),
    subject: optional(storedText),
  });
}

const listOf = (count: number, make: (index: number) => fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(...Array.from({ length: count }, (_, index) => make(index)));

/**
 * Random CRM data: a few companies, 15 to 30 people with every kind of field and custom value, their
 * orders and activities (sometimes none at all).
 *
 * @example
 * ```ts
 * const data = sampleOne(crmDataArbitrary, 1);
 * await seedCrm(session, data);
 * ```
 */
export const crmDataArbitrary: fc.Arbitrary<CrmData> = fc
  .record({
    companies: fc.integer({ min: 1, max: 6 }),
    people: fc.integer({ min: 15, max: 30 }),
    orders: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })),
    activities: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 })),
  })
  .chain((sizes) =>
    fc.record({
      companies: listOf(sizes.companies, companyInput),
      people: listOf(sizes.people, (index) => personInput(index, sizes.companies)),
      orders: listOf(sizes.orders, (index) => orderInput(index, sizes.people, sizes.companies)),
      activities: listOf(sizes.activities, (index) => activityInput(index, sizes.people)),
    }),
  );

const idsOf = (records: readonly { id: string }[]) => records.map((record) => record.id);

/**
 * Creates the data through a session: custom fields, members, companies, people, orders, activities, in
 * that order, each through `createMany`, with references turned from indexes into the ids just made.
 *
 * @example
 * ```ts
 * await seedCrm(crm.as({ tenantId: 't1', actor: { id: 'm1' } }), data);
 * ```
 */
export async function seedCrm(session: CrmSession, data: CrmData): Promise<void> {
  for (const input of customFieldInputs) await session.customFields.define(input);
  await session.members.createMany(
    memberIds.map((id, index) => ({
      id,
      name: `Member ${index}`,
      team: ['Nörth', 'north', null][index] ?? null,
      region: ['North', null, 'İzmir'][index] ?? null,
    })),
  );
  const companyIds = idsOf(await session.companies.createMany(data.companies as CompanyInput[]));
  const personIds = idsOf(
    await session.people.createMany(
      data.people.map(
        ({ companyIndex, ...person }) =>
          ({
            ...person,
            companyId: companyIndex === null ? null : companyIds[companyIndex as number],
          }) as PersonInput,
      ),
    ),
  );
  if (data.orders.length > 0) {
    await session.orders.createMany(
      data.orders.map(
        ({ personIndex, companyIndex, ...order }) =>
          ({
            ...order,
            personId: personIds[personIndex as number],
            companyId: companyIndex === null ? null : companyIds[companyIndex as number],
          }) as OrderInput,
      ),
    );
  }
  const segmentIds = new Map<string, string>();
  for (const { filter, ...input } of segmentInputs as readonly { filter?: unknown; name: string }[]) {
    const withIds =
      filter === undefined ? {} : { filter: withSegmentIds(filter, (name) => segmentIds.get(name)) };
    const segment = await session.segments.create({ ...input, ...withIds } as never);
    segmentIds.set(input.name, segment.id);
  }
  const handPickedIds = handPicked.flatMap((index) => personIds[index] ?? []);
  await session.segments.add(segmentIds.get('hand-picked') ?? '', handPickedIds);
  if (data.activities.length > 0) {
    await session.activities.createMany(
      data.activities.map(
        ({ personIndexes, ...activity }) =>
          ({
            ...activity,
            personIds: (personIndexes as number[]).map((index) => personIds[index]),
          }) as ActivityInput,
      ),
    );
  }
}
