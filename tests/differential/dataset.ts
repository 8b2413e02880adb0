import type { ColumnType, Row } from '@rapport/core';
import fc from 'fast-check';
import { customDocument } from './custom-values';
import type { DatasetTable } from './table-rows';
import { completeRow, tableDef } from './table-rows';
import {
  dateValue,
  instantValue,
  integerValue,
  storedNumberValue,
  tagList,
  textValue,
  trickyTexts,
  wrongTypeValue,
} from './value-pools';

/** The rows of every dataset table, for one tenant. */
export type TenantRows = Readonly<Record<DatasetTable, readonly Row[]>>;

/** Rows for two tenants whose ids overlap, so that a query that forgets the tenant returns foreign rows. */
export interface Dataset {
  readonly tenants: Readonly<Record<string, TenantRows>>;
}

/** The tenants of every dataset. */
export const datasetTenants = ['tenant-a', 'tenant-b'] as const;

// Suffixes make ids whose code-point order differs from their index order and from UTF-16 order, so the
// `id` that ends every ordering is itself a test of text order.
const idSuffixes = ['', 'É', 'z', '😀', '\uFF5E', 'A', 'é'];
const makeId = (prefix: string) => (index: number) =>
  `${prefix}${String(index).padStart(2, '0')}${idSuffixes[index % idSuffixes.length]}`;

/** The id of the n-th row of each table; the same in both tenants. */
export const rowId = {
  members: makeId('m'),
  companies: makeId('c'),
  people: makeId('p'),
  orders: makeId('o'),
  activities: makeId('a'),
} as const;

/** How many rows of each table one tenant gets. Orders and activities are sometimes none at all. */
interface Sizes {
  readonly members: number;
  readonly companies: number;
  readonly people: number;
  readonly orders: number;
  readonly activities: number;
}

// Small tables keep each query cheap on PGlite, so a run affords thousands of conditions.
const sizes: fc.Arbitrary<Sizes> = fc.record({
  members: fc.integer({ min: 1, max: 4 }),
  companies: fc.integer({ min: 1, max: 8 }),
  people: fc.integer({ min: 15, max: 30 }),
  orders: fc.oneof(
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 50 }), weight: 4 },
  ),
  activities: fc.oneof(
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 30 }), weight: 4 },
  ),
});

/** null, the empty string, or a text, with null and '' common enough that their semantics are exercised. */
const optionalText = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  { arbitrary: fc.constant(''), weight: 1 },
  { arbitrary: textValue, weight: 6 },
);

/** A region: few values in case and accent variants, so that equality and folding both have work. */
const region = fc.oneof(
  {
    arbitrary: fc.constantFrom('North', 'north', 'NORTH', 'Nörth', 'South', 'ΣΟΥΘ', 'σουθ', 'İzmir'),
    weight: 4,
  },
  { arbitrary: optionalText, weight: 2 },
);

const optionalOf = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: arbitrary, weight: 3 });

/** A reference to one of `count` rows (by `makeRowId`), or null. */
const referenceTo = (count: number, makeRowId: (index: number) => string) =>
  count === 0 ? fc.constant(null) : optionalOf(fc.nat(count - 1).map(makeRowId));

/** A unique value (the index keeps it unique within a tenant) built on a tricky text, or null. */
const uniqueText = (index: number) =>
  optionalOf(fc.constantFrom(...trickyTexts).map((text) => `${text}#${index}`));

const base = {
  version: fc.integer({ min: 1, max: 5 }),
  created_at: instantValue,
  updated_at: instantValue,
  created_by: optionalText,
  updated_by: fc.constant(null),
  archived_at: optionalOf(instantValue),
};

const extensible = (index: number) => ({
  ...base,
  external_id: uniqueText(index),
  tags: tagList,
  custom: customDocument,
});

function memberFields(index: number): Fields {
  return {
    ...base,
    id: fc.constant(rowId.members(index)),
    name: textValue,
    email: uniqueText(index),
    role: fc.constantFrom('rep', 'manager', 'Rep', ''),
    team: optionalText,
    manager_id: fc.constant(null),
    region,
    skills: tagList,
    capacity: optionalOf(integerValue),
    active: fc.boolean(),
  };
}

function companyFields(index: number, counts: Sizes): Fields {
  return {
    ...extensible(index),
    id: fc.constant(rowId.companies(index)),
    name: textValue,
    domain: uniqueText(index),
    industry: optionalText,
    size: optionalOf(fc.constantFrom('1-10', '11-50', '5000+')),
    region,
    address: optionalOf(fc.record({ city: optionalText, country: optionalText })),
    owner_id: referenceTo(counts.members, rowId.members),
    tier: optionalOf(fc.constantFrom('gold', 'Gold', 'silver', 'A', 'B', '')),
  };
}

function personFields(index: number, counts: Sizes): Fields {
  return {
    ...extensible(index),
    id: fc.constant(rowId.people(index)),
    first_name: optionalText,
    last_name: optionalText,
    full_name: optionalText,
    emails: fc.oneof(
      fc.constant([]),
      textValue.map((address) => [{ address, label: null, primary: true }]),
    ),
    phones: fc.constant([]),
    email: uniqueText(index),
    phone: optionalText,
    title: optionalText,
    region,
    address: optionalOf(fc.oneof(fc.record({ city: optionalText }), wrongTypeValue)),
    birthday: optionalOf(dateValue),
    company_id: referenceTo(counts.companies, rowId.companies),
    owner_id: referenceTo(counts.members, rowId.members),
    lifecycle_stage: fc.constantFrom('lead', 'prospect', 'customer', 'churned', 'Lead', ''),
    source: optionalText,
    consent: fc.oneof(
      fc.record({ email: fc.boolean(), sms: fc.boolean(), phone: fc.boolean() }),
      fc.record({ email: wrongTypeValue }),
      fc.constant({}),
    ),
  };
}

function orderFields(index: number, counts: Sizes): Fields {
  return {
    ...extensible(index),
    id: fc.constant(rowId.orders(index)),
    number: uniqueText(index),
    person_id: referenceTo(counts.people, rowId.people),
    company_id: referenceTo(counts.companies, rowId.companies),
    ordered_at: instantValue,
    type: fc.constantFrom('sale', 'return', 'Sale', 'sample'),
    status: fc.constantFrom('draft', 'confirmed', 'fulfilled', 'cancelled'),
    lines: fc.constant([]),
    total: integerValue,
    currency: fc.constantFrom('EUR', 'USD', 'eur'),
    owner_id: referenceTo(counts.members, rowId.members),
  };
}

function activityFields(index: number, counts: Sizes): Fields {
  const person = fc.nat(counts.people - 1).map(rowId.people);
  return {
    ...extensible(index),
    id: fc.constant(rowId.activities(index)),
    type: fc.constantFrom('call', 'email', 'meeting', 'complaint', 'Call'),
    subject: optionalText,
    body: optionalText,
    occurred_at: instantValue,
    duration_minutes: optionalOf(integerValue),
    outcome: optionalText,
    direction: optionalOf(fc.constantFrom('inbound', 'outbound')),
    // Duplicates and ids of no person (or of a person only the other tenant has) are allowed: the list has
    // no foreign key.
    person_ids: fc.oneof(
      fc.constant([]),
      fc.array(fc.oneof({ arbitrary: person, weight: 8 }, { arbitrary: fc.constant('p99'), weight: 1 }), {
        maxLength: 3,
      }),
    ),
    company_id: referenceTo(counts.companies, rowId.companies),
    deal_id: fc.constant(null),
    owner_id: referenceTo(counts.members, rowId.members),
  };
}

/** A value of a column type, for the columns the generators above do not name (added by later migrations). */
function columnValue(type: ColumnType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'text':
      return textValue;
    case 'integer':
      return integerValue;
    case 'real':
      return storedNumberValue;
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return instantValue;
    case 'date':
      return dateValue;
    case 'json':
      return fc.constant(null);
  }
}

/** The generators of a row's columns, by column name. */
type Fields = Record<string, fc.Arbitrary<unknown>>;

/**
 * A row of `table` from its fields' generators, with random values (or null) in the nullable columns they
 * do not name, so that columns later migrations add are exercised too.
 */
function rowOf(table: DatasetTable, fields: Fields): fc.Arbitrary<Row> {
  const others = tableDef(table).columns.filter(
    (column) => column.nullable && column.name !== 'tenant_id' && !Object.hasOwn(fields, column.name),
  );
  const extra = Object.fromEntries(
    others.map((column) => [column.name, optionalOf(columnValue(column.type))]),
  );
  return fc.record({ ...extra, ...fields });
}

const rowsOf = (count: number, make: (index: number) => fc.Arbitrary<Row>): fc.Arbitrary<readonly Row[]> =>
  fc.tuple(...Array.from({ length: count }, (_, index) => make(index))).map((rows) => rows as Row[]);

function tenantRows(tenantId: string): fc.Arbitrary<TenantRows> {
  return sizes.chain((counts) =>
    fc
      .record({
        members: rowsOf(counts.members, (index) => rowOf('members', memberFields(index))),
        companies: rowsOf(counts.companies, (index) => rowOf('companies', companyFields(index, counts))),
        people: rowsOf(counts.people, (index) => rowOf('people', personFields(index, counts))),
        orders: rowsOf(counts.orders, (index) => rowOf('orders', orderFields(index, counts))),
        activities: rowsOf(counts.activities, (index) => rowOf('activities', activityFields(index, counts))),
      })
      .map((rows) => complete(tenantId, rows)),
  );
}

function complete(tenantId: string, rows: Record<DatasetTable, readonly Row[]>): TenantRows {
  const completed = {} as Record<DatasetTable, readonly Row[]>;
  for (const [table, tableRows] of Object.entries(rows) as [DatasetTable, readonly Row[]][]) {
    completed[table] = tableRows.map((row) => completeRow(table, tenantId, row));
  }
  return completed;
}

/**
 * A random dataset: people (and the companies, members, orders and activities that related conditions
 * read) for two tenants with overlapping ids, with nulls, empty strings, tricky Unicode, boundary numbers,
 * dates and instants, custom values of the right and the wrong JSON type, and tag lists empty or with
 * duplicates.
 *
 * @example
 * ```ts
 * const [dataset] = fc.sample(datasetArbitrary, { seed: 42, numRuns: 1 });
 * ```
 */
export const datasetArbitrary: fc.Arbitrary<Dataset> = fc
  .tuple(...datasetTenants.map(tenantRows))
  .map((tenants) => ({
    tenants: Object.fromEntries(
      datasetTenants.map((tenantId, index) => [tenantId, tenants[index] as TenantRows]),
    ),
  }));
