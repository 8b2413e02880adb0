import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Condition } from '../storage/condition';
import { between, column, compare, customField, liveRows, testContext } from './filter-test-context';
import type { Filter } from './filter-types';
import { resolveFilter } from './resolve-filter';

const companies = {
  table: 'companies',
  link: 'column',
  foreignColumn: 'id',
  localColumn: 'company_id',
} as const;
const members = { table: 'members', link: 'column', foreignColumn: 'id', localColumn: 'owner_id' } as const;
const orders = { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' } as const;
const activities = {
  table: 'activities',
  link: 'list',
  foreignColumn: 'person_ids',
  localColumn: 'id',
} as const;
const deals = { table: 'deals', link: 'list', foreignColumn: 'person_ids', localColumn: 'id' } as const;

const resolve = (filter: Filter<'person'>, overrides = {}) => resolveFilter(filter, testContext(overrides));

const exists = (relation: object, where: Condition, negate = false): Condition =>
  ({ kind: 'related', relation, where, aggregate: { fn: 'exists' }, negate }) as Condition;

describe('resolveFilter', () => {
  describe('built-in and custom fields', () => {
    it('resolves comparisons, groups and custom fields as before', () => {
      expect(
        resolve({
          all: [
            { field: 'region', op: 'eq', value: 'North', mode: 'insensitive' },
            { not: { field: 'custom.tier', op: 'in', value: ['gold'] } },
          ],
        }),
      ).toEqual({
        kind: 'and',
        conditions: [
          {
            kind: 'compare',
            field: column('region', 'text'),
            op: 'eq',
            value: 'North',
            caseInsensitive: true,
          },
          {
            kind: 'not',
            condition: {
              kind: 'in',
              field: customField('tier', 'text'),
              values: ['gold'],
              negate: false,
              caseInsensitive: false,
            },
          },
        ],
      });
    });
  });

  describe('fields of a related record', () => {
    it('asks that the related record exist and match', () => {
      expect(resolve({ field: 'company.region', op: 'eq', value: 'North' })).toEqual(
        exists(companies, liveRows(compare(column('region', 'text'), 'eq', 'North'))),
      );
    });

    it('reads an empty field when there is no related record: ne, notIn, isEmpty, hasNone match then', () => {
      expect(resolve({ field: 'company.region', op: 'ne', value: 'North' })).toEqual(
        exists(companies, liveRows(compare(column('region', 'text'), 'eq', 'North')), true),
      );
      expect(resolve({ field: 'company.region', op: 'notIn', value: ['North'] })).toEqual(
        exists(
          companies,
          liveRows({
            kind: 'in',
            field: column('region', 'text'),
            values: ['North'],
            negate: false,
            caseInsensitive: false,
          }),
          true,
        ),
      );
      expect(resolve({ field: 'company.region', op: 'isEmpty' })).toEqual(
        exists(companies, liveRows({ kind: 'empty', field: column('region', 'text'), negate: true }), true),
      );
      expect(resolve({ field: 'company.tags', op: 'hasNone', value: ['vip'] })).toEqual(
        exists(
          companies,
          liveRows({ kind: 'has', field: column('tags', 'textList'), values: ['vip'], mode: 'any' }),
          true,
        ),
      );
    });

    it('reaches custom fields and further relations of the related record', () => {
      expect(resolve({ field: 'company.custom.tier', op: 'eq', value: 'gold' })).toEqual(
        exists(companies, liveRows(compare(customField('tier', 'text'), 'eq', 'gold'))),
      );
      expect(resolve({ field: 'company.owner.team', op: 'eq', value: 'EMEA' } as Filter<'person'>)).toEqual(
        exists(companies, liveRows(exists(members, liveRows(compare(column('team', 'text'), 'eq', 'EMEA'))))),
      );
    });

    it('nests the empty-field rule at each hop', () => {
      expect(resolve({ field: 'company.owner.team', op: 'ne', value: 'EMEA' } as Filter<'person'>)).toEqual(
        exists(
          companies,
          liveRows(exists(members, liveRows(compare(column('team', 'text'), 'eq', 'EMEA')))),
          true,
        ),
      );
    });

    it("keeps related rows within the caller's read scope", () => {
      const scope = compare(column('owner_id', 'text'), 'eq', 'user-1');
      const condition = resolve(
        { field: 'company.region', op: 'eq', value: 'North' },
        { readScope: (entity: string) => (entity === 'company' ? scope : undefined) },
      );
      const notArchived: Condition = {
        kind: 'null',
        field: column('archived_at', 'timestamp'),
        negate: false,
      };
      expect(condition).toEqual(
        exists(companies, {
          kind: 'and',
          conditions: [scope, notArchived, compare(column('region', 'text'), 'eq', 'North')],
        }),
      );
    });
  });

  describe('related records', () => {
    it('sums order totals of the last 365 days', () => {
      expect(
        resolve({
          related: 'orders',
          aggregate: 'sum',
          of: 'total',
          op: 'gt',
          value: 50_000,
          where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' },
        }),
      ).toEqual({
        kind: 'related',
        relation: orders,
        // Today is 16 January 2025 in Paris: the 365 days up to it start on 18 January 2024 (a leap year),
        // at midnight in Paris.
        where: liveRows(
          between(column('ordered_at', 'timestamp'), '2024-01-17T23:00:00.000Z', '2025-01-16T23:00:00.000Z'),
        ),
        aggregate: { fn: 'sum', field: column('total', 'number'), op: 'gt', value: 50_000 },
        negate: false,
      });
    });

    it('counts calls this quarter', () => {
      expect(
        resolve({
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
      ).toEqual({
        kind: 'related',
        relation: activities,
        where: liveRows({
          kind: 'and',
          conditions: [
            compare(column('type', 'text'), 'eq', 'call'),
            between(
              column('occurred_at', 'timestamp'),
              '2024-12-31T23:00:00.000Z',
              '2025-03-31T22:00:00.000Z',
            ),
          ],
        }),
        aggregate: { fn: 'count', op: 'gte', value: 3 },
        negate: false,
      });
    });

    it('finds people with no activity in the last 90 days', () => {
      expect(
        resolve({
          related: 'activities',
          aggregate: 'notExists',
          where: { field: 'occurredAt', op: 'inLast', value: 90, unit: 'days' },
        }),
      ).toEqual(
        exists(
          activities,
          liveRows(
            between(
              column('occurred_at', 'timestamp'),
              '2024-10-18T22:00:00.000Z',
              '2025-01-16T23:00:00.000Z',
            ),
          ),
          true,
        ),
      );
    });

    it('finds people with an open deal in a stage, and people with any deal', () => {
      expect(
        resolve({
          related: 'deals',
          aggregate: 'exists',
          where: {
            all: [
              { field: 'status', op: 'eq', value: 'open' },
              { field: 'stageId', op: 'eq', value: 'negotiation' },
            ],
          },
        }),
      ).toEqual(
        exists(
          deals,
          liveRows({
            kind: 'and',
            conditions: [
              compare(column('status', 'text'), 'eq', 'open'),
              compare(column('stage_id', 'text'), 'eq', 'negotiation'),
            ],
          }),
        ),
      );
      expect(resolve({ related: 'deals', aggregate: 'exists' })).toEqual(exists(deals, liveRows()));
    });

    it('aggregates custom numbers, and dates and instants with min and max, with typed values', () => {
      expect(
        resolve({ related: 'orders', aggregate: 'avg', of: 'custom.margin', op: 'lt', value: 0.2 }),
      ).toMatchObject({
        aggregate: { fn: 'avg', field: customField('margin', 'number'), op: 'lt', value: 0.2 },
      });
      expect(
        resolve({
          related: 'orders',
          aggregate: 'max',
          of: 'orderedAt',
          op: 'lt',
          value: '2025-01-01T01:00:00+01:00',
        }),
      ).toMatchObject({
        aggregate: {
          fn: 'max',
          field: column('ordered_at', 'timestamp'),
          op: 'lt',
          value: '2025-01-01T00:00:00.000Z',
        },
      });
      expect(
        resolveFilter(
          { related: 'deals', aggregate: 'min', of: 'expectedCloseDate', op: 'gte', value: '2025-02-01' },
          testContext({ entity: 'company' }),
        ),
      ).toMatchObject({
        relation: { table: 'deals', link: 'column', foreignColumn: 'company_id', localColumn: 'id' },
        aggregate: {
          fn: 'min',
          field: column('expected_close_date', 'date'),
          op: 'gte',
          value: '2025-02-01',
        },
      });
    });

    it('resolves the where of related records as a filter of their entity, recursively', () => {
      const condition = resolveFilter(
        {
          related: 'people',
          aggregate: 'exists',
          where: {
            related: 'orders',
            aggregate: 'exists',
            where: { field: 'custom.channel', op: 'eq', value: 'web' },
          },
        },
        testContext({ entity: 'company' }),
      );
      expect(condition).toEqual(
        exists(
          { table: 'people', link: 'column', foreignColumn: 'company_id', localColumn: 'id' },
          liveRows(exists(orders, liveRows(compare(customField('channel', 'text'), 'eq', 'web')))),
        ),
      );
    });
  });

  describe('relative time', () => {
    it('compares a date field with dates and a timestamp field with instants of the tenant zone', () => {
      expect(resolve({ field: 'birthday', op: 'inLast', value: 7, unit: 'days' })).toEqual(
        between(column('birthday', 'date'), '2025-01-10', '2025-01-17'),
      );
      expect(resolve({ field: 'createdAt', op: 'inLast', value: 7, unit: 'days' })).toEqual(
        between(column('created_at', 'timestamp'), '2025-01-09T23:00:00.000Z', '2025-01-16T23:00:00.000Z'),
      );
      expect(resolve({ field: 'custom.weddingDay', op: 'inNext', value: 2, unit: 'weeks' })).toEqual(
        between(customField('weddingDay', 'date'), '2025-01-16', '2025-01-30'),
      );
    });

    it("takes today from the tenant's zone, not from UTC", () => {
      expect(resolve({ field: 'birthday', op: 'inPeriod', value: 'today' }, { timeZone: 'UTC' })).toEqual(
        between(column('birthday', 'date'), '2025-01-15', '2025-01-16'),
      );
      expect(
        resolve({ field: 'birthday', op: 'inPeriod', value: 'today' }, { timeZone: 'Pacific/Pago_Pago' }),
      ).toEqual(between(column('birthday', 'date'), '2025-01-15', '2025-01-16'));
      expect(
        resolve({ field: 'birthday', op: 'inPeriod', value: 'today' }, { timeZone: 'Pacific/Kiritimati' }),
      ).toEqual(between(column('birthday', 'date'), '2025-01-16', '2025-01-17'));
    });

    it("uses the tenant's fiscal year start", () => {
      expect(resolve({ field: 'birthday', op: 'inPeriod', value: 'thisFiscalYear' })).toEqual(
        between(column('birthday', 'date'), '2024-04-01', '2025-04-01'),
      );
      expect(
        resolve({ field: 'updatedAt', op: 'inPeriod', value: 'lastFiscalYear' }, { fiscalYearStartMonth: 1 }),
      ).toEqual(
        between(column('updated_at', 'timestamp'), '2023-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z'),
      );
    });

    it('covers whole local days across a daylight saving change', () => {
      // The last week of March 2025 in Paris: clocks go forward on Sunday the 30th.
      const now = new Date('2025-04-02T10:00:00Z');
      expect(resolve({ field: 'createdAt', op: 'inPeriod', value: 'lastWeek' }, { now })).toEqual(
        between(column('created_at', 'timestamp'), '2025-03-23T23:00:00.000Z', '2025-03-30T22:00:00.000Z'),
      );
    });

    it('depends on the context clock only, never on the machine clock', () => {
      vi.useFakeTimers({ now: new Date('2031-07-01T00:00:00Z') });
      expect(resolve({ field: 'birthday', op: 'inPeriod', value: 'today' })).toEqual(
        between(column('birthday', 'date'), '2025-01-16', '2025-01-17'),
      );
    });
  });

  describe('anniversaries', () => {
    it('matches the month and day of the date within the next days', () => {
      expect(resolve({ field: 'birthday', op: 'anniversaryInNext', value: 3 })).toEqual({
        kind: 'in',
        field: { operand: { kind: 'column', column: 'birthday', part: 'monthDay' }, type: 'date' },
        values: ['01-16', '01-17', '01-18'],
        negate: false,
        caseInsensitive: false,
      });
    });

    it('crosses the new year and takes custom date fields', () => {
      expect(
        resolve(
          { field: 'custom.weddingDay', op: 'anniversaryInNext', value: 4 },
          { now: new Date('2025-12-30T12:00:00Z') },
        ),
      ).toEqual({
        kind: 'in',
        field: {
          operand: { kind: 'jsonPath', column: 'custom', path: ['weddingDay'], part: 'monthDay' },
          type: 'date',
        },
        values: ['12-30', '12-31', '01-01', '01-02'],
        negate: false,
        caseInsensitive: false,
      });
    });

    it('counts 29 February birthdays on 28 February of other years', () => {
      const condition = resolve(
        { field: 'birthday', op: 'anniversaryInNext', value: 1 },
        { now: new Date('2025-02-28T12:00:00Z') },
      );
      expect(condition).toMatchObject({ values: ['02-28', '02-29'] });
    });
  });

  describe('tags, owners and segments', () => {
    it('compares tags by name, trimmed, each once', () => {
      expect(resolve({ field: 'tags', op: 'hasAll', value: [' vip ', 'vip', 'gold'] })).toEqual({
        kind: 'has',
        field: column('tags', 'textList'),
        values: ['vip', 'gold'],
        mode: 'all',
      });
      expect(resolve({ field: 'tags', op: 'hasNone', value: ['churn-risk'] })).toEqual({
        kind: 'not',
        condition: { kind: 'has', field: column('tags', 'textList'), values: ['churn-risk'], mode: 'any' },
      });
    });

    it("compares owner and actor fields with the session's actor", () => {
      expect(resolve({ field: 'ownerId', op: 'isCurrentActor' })).toEqual(
        compare(column('owner_id', 'text'), 'eq', 'user-1'),
      );
      expect(resolve({ field: 'createdBy', op: 'isCurrentActor' })).toEqual(
        compare(column('created_by', 'text'), 'eq', 'user-1'),
      );
      expect(resolve({ field: 'custom.accountManager', op: 'isCurrentActor' })).toEqual(
        compare(customField('accountManager', 'text'), 'eq', 'user-1'),
      );
      expect(resolve({ field: 'company.ownerId', op: 'isCurrentActor' })).toEqual(
        exists(companies, liveRows(compare(column('owner_id', 'text'), 'eq', 'user-1'))),
      );
    });

    it('asks the segment hook for the condition of a segment of the node entity', () => {
      const vip = compare(column('region', 'text'), 'eq', 'North');
      const asked: string[] = [];
      const segment = (id: string, entity: string) => {
        asked.push(`${entity}:${id}`);
        return id === 'vip' ? vip : undefined;
      };
      expect(resolve({ not: { segment: 'vip' } }, { segment })).toEqual({ kind: 'not', condition: vip });
      resolve({ related: 'orders', aggregate: 'exists', where: { segment: 'vip' } }, { segment });
      expect(asked).toEqual(['person:vip', 'order:vip']);
    });
  });

  it('is pure: the same filter and context give the same condition, and neither is changed', () => {
    const filter: Filter<'person'> = {
      all: [
        { field: 'company.region', op: 'eq', value: 'North' },
        { field: 'birthday', op: 'anniversaryInNext', value: 7 },
        { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 500 },
      ],
    };
    const context = testContext();
    const before = JSON.stringify({ filter, context });
    expect(resolveFilter(filter, context)).toEqual(resolveFilter(filter, context));
    expect(JSON.stringify({ filter, context })).toBe(before);
  });
});

afterEach(() => {
  vi.useRealTimers();
});
