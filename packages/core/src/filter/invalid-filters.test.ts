import { describe, expect, it } from 'vitest';
import type { RapportError } from '../errors/rapport-error';
import { isRapportError } from '../errors/rapport-error';
import type { FilterContext } from './filter-context';
import { testContext } from './filter-test-context';
import { resolveFilter } from './resolve-filter';

type Path = readonly (string | number)[];

function refusal(filter: unknown, context: FilterContext = testContext()): RapportError {
  try {
    resolveFilter(filter, context);
  } catch (error) {
    if (isRapportError(error)) return error;
    throw error;
  }
  throw new Error(`Resolved ${JSON.stringify(filter)}`);
}

const orders = (rest: object) => ({ related: 'orders', ...rest });

/** Filters of people that must be refused with INVALID_FILTER, and the path of the offending node. */
const invalidCases: readonly (readonly [what: string, filter: unknown, path: Path])[] = [
  // Field paths through relations.
  ['an unknown relation in a field path', { field: 'compny.region', op: 'eq', value: 'x' }, ['field']],
  ['an unknown field of the related record', { field: 'company.regoin', op: 'eq', value: 'x' }, ['field']],
  [
    'an unknown custom field of the related record',
    { field: 'company.custom.nope', op: 'eq', value: 'x' },
    ['field'],
  ],
  [
    "another entity's custom field through a relation",
    { field: 'company.custom.score', op: 'gt', value: 1 },
    ['field'],
  ],
  ['a relation without a field', { field: 'company.', op: 'isEmpty' }, ['field']],
  ['a relation named as a field', { field: 'company', op: 'isEmpty' }, ['field']],
  [
    'a list of ids followed as a relation',
    { any: [{ field: 'tags.name', op: 'eq', value: 'x' }] },
    ['any', 0, 'field'],
  ],
  [
    'four relations in one path',
    { field: 'company.owner.manager.manager.name', op: 'eq', value: 'x' },
    ['field'],
  ],
  [
    'an operator of another type through a relation',
    { field: 'company.region', op: 'hasAny', value: ['x'] },
    ['op'],
  ],
  ['a wrong value type through a relation', { field: 'owner.capacity', op: 'gt', value: '3' }, ['value']],
  ['a field path into the prototype', { field: 'company.__proto__', op: 'isEmpty' }, ['field']],
  // Relative times.
  ['inLast on a number', { field: 'custom.score', op: 'inLast', value: 3, unit: 'days' }, ['op']],
  ['inLast on text', { field: 'region', op: 'inLast', value: 3, unit: 'days' }, ['op']],
  ['inLast without a unit', { field: 'createdAt', op: 'inLast', value: 3 }, ['unit']],
  ['inLast in decades', { field: 'createdAt', op: 'inLast', value: 3, unit: 'decades' }, ['unit']],
  ['inLast of no days', { field: 'createdAt', op: 'inLast', value: 0, unit: 'days' }, ['value']],
  ['inLast of half a day', { field: 'createdAt', op: 'inLast', value: 0.5, unit: 'days' }, ['value']],
  ['inNext as text', { field: 'createdAt', op: 'inNext', value: '7', unit: 'days' }, ['value']],
  [
    'a window past the year 9999',
    { field: 'createdAt', op: 'inNext', value: 9_000, unit: 'years' },
    ['value'],
  ],
  [
    'a window before the year 1000',
    { field: 'birthday', op: 'inLast', value: 1_100, unit: 'years' },
    ['value'],
  ],
  ['an unknown period', { field: 'createdAt', op: 'inPeriod', value: 'nextWeek' }, ['value']],
  ['a period on a boolean', { field: 'company.tags', op: 'inPeriod', value: 'today' }, ['op']],
  // Anniversaries.
  ['an anniversary of an instant', { field: 'createdAt', op: 'anniversaryInNext', value: 7 }, ['op']],
  ['an anniversary of text', { field: 'region', op: 'anniversaryInNext', value: 7 }, ['op']],
  ['an anniversary in no days', { field: 'birthday', op: 'anniversaryInNext', value: 0 }, ['value']],
  ['an anniversary beyond a year', { field: 'birthday', op: 'anniversaryInNext', value: 367 }, ['value']],
  [
    'an anniversary in fractional days',
    { field: 'birthday', op: 'anniversaryInNext', value: 1.5 },
    ['value'],
  ],
  [
    'an anniversary with a unit',
    { field: 'birthday', op: 'anniversaryInNext', value: 7, unit: 'days' },
    ['unit'],
  ],
  // Lists, tags and actors.
  ['hasNone on text', { field: 'region', op: 'hasNone', value: ['x'] }, ['op']],
  ['a blank tag', { field: 'tags', op: 'hasAny', value: ['vip', '  '] }, ['value', 1]],
  ['a tag that is not text', { field: 'tags', op: 'hasAll', value: [1] }, ['value', 0]],
  ['isCurrentActor on text', { field: 'region', op: 'isCurrentActor' }, ['op']],
  ['isCurrentActor on a reference to a company', { field: 'companyId', op: 'isCurrentActor' }, ['op']],
  [
    'isCurrentActor on a custom relation to a person',
    { field: 'custom.referrer', op: 'isCurrentActor' },
    ['op'],
  ],
  ['isCurrentActor with a value', { field: 'ownerId', op: 'isCurrentActor', value: 'me' }, ['value']],
  // Related records.
  ['an unknown collection', orders({ related: 'orderz', aggregate: 'exists' }), ['related']],
  [
    'a many-to-one relation as a collection',
    orders({ related: 'company', aggregate: 'exists' }),
    ['related'],
  ],
  [
    'a collection that does not point at people',
    orders({ related: 'products', aggregate: 'exists' }),
    ['related'],
  ],
  ['a related condition without an aggregate', orders({}), ['aggregate']],
  ['an unknown aggregate', orders({ aggregate: 'median' }), ['aggregate']],
  ['a count without an operator', orders({ aggregate: 'count', value: 3 }), ['op']],
  ['a count with a text operator', orders({ aggregate: 'count', op: 'contains', value: 3 }), ['op']],
  ['a negative count', orders({ aggregate: 'count', op: 'gte', value: -1 }), ['value']],
  ['a fractional count', orders({ aggregate: 'count', op: 'gte', value: 1.5 }), ['value']],
  ['a sum of text', orders({ aggregate: 'sum', of: 'status', op: 'gt', value: 1 }), ['of']],
  ['an average of instants', orders({ aggregate: 'avg', of: 'orderedAt', op: 'gt', value: 1 }), ['of']],
  ['a sum of an unknown field', orders({ aggregate: 'sum', of: 'nope', op: 'gt', value: 1 }), ['of']],
  ['a sum of a related field', orders({ aggregate: 'sum', of: 'person.region', op: 'gt', value: 1 }), ['of']],
  ['a sum without a field', orders({ aggregate: 'sum', op: 'gt', value: 1 }), ['of']],
  ['a sum compared with text', orders({ aggregate: 'sum', of: 'total', op: 'gt', value: '500' }), ['value']],
  [
    'a max date compared with a bad date',
    orders({ aggregate: 'max', of: 'orderedAt', op: 'gt', value: '2025-13-01' }),
    ['value'],
  ],
  ['a sum with an ordering operator missing', orders({ aggregate: 'sum', of: 'total', value: 1 }), ['op']],
  ['an exists with an operator', orders({ aggregate: 'exists', op: 'gt' }), ['op']],
  ['a related condition with a field', orders({ aggregate: 'exists', field: 'total' }), ['field']],
  [
    'a bad filter in where',
    orders({ aggregate: 'exists', where: { all: [{ field: 'nope', op: 'isEmpty' }] } }),
    ['where', 'all', 0, 'field'],
  ],
  [
    'a person field in the where of orders',
    orders({ aggregate: 'exists', where: { field: 'birthday', op: 'isEmpty' } }),
    ['where', 'field'],
  ],
  [
    'a collection the related entity lacks',
    orders({ aggregate: 'exists', where: { related: 'deals', aggregate: 'exists' } }),
    ['where', 'related'],
  ],
  ['a where that is not a filter', orders({ aggregate: 'exists', where: [] }), ['where']],
  // Segments.
  ['a segment without the hook', { segment: 'vip' }, ['segment']],
  ['an empty segment id', { segment: '' }, ['segment']],
  ['a segment with more keys', { segment: 'vip', field: 'x' }, ['field']],
  ['a segment id that is not text', { not: { segment: 7 } }, ['not', 'segment']],
];

describe('refused with INVALID_FILTER', () => {
  for (const [what, filter, path] of invalidCases) {
    it(`refuses ${what} at ${path.join('.') || '(root)'}`, () => {
      const error = refusal(filter);
      expect(error.code).toBe('INVALID_FILTER');
      expect(error.issues.map((issue) => issue.path)).toEqual([path]);
    });
  }

  it('refuses an unknown segment, asking the hook', () => {
    const error = refusal({ any: [{ segment: 'gone' }] }, testContext({ segment: () => undefined }));
    expect(error.code).toBe('INVALID_FILTER');
    expect(error.issues[0]?.path).toEqual(['any', 0, 'segment']);
  });

  it('refuses isCurrentActor where there is no actor', () => {
    const error = refusal({ field: 'ownerId', op: 'isCurrentActor' }, testContext({ actorId: undefined }));
    expect(error.issues[0]?.path).toEqual(['op']);
  });

  it('refuses related conditions nested deeper than the limit', () => {
    let filter: object = { field: 'total', op: 'gt', value: 0 };
    for (let depth = 0; depth < 40; depth++) filter = { not: filter };
    const error = refusal({ related: 'orders', aggregate: 'exists', where: filter });
    expect(error.code).toBe('INVALID_FILTER');
  });
});

describe('a wrong context is a developer error', () => {
  const misuse = (filter: unknown, context: Partial<FilterContext>) =>
    expect(refusal(filter, { ...testContext(), ...context } as FilterContext).code).toBe('MISUSE');

  it('refuses a context without a valid clock, zone or fiscal month', () => {
    misuse({ all: [] }, { now: undefined as unknown as Date });
    misuse({ all: [] }, { now: new Date(Number.NaN) });
    misuse({ all: [] }, { timeZone: 'Mars/Olympus_Mons' });
    misuse({ all: [] }, { fiscalYearStartMonth: 13 });
  });

  it('refuses a relative time or fiscal period when the context lacks the calendar', () => {
    misuse({ field: 'birthday', op: 'anniversaryInNext', value: 7 }, { timeZone: undefined });
    misuse({ field: 'createdAt', op: 'inLast', value: 7, unit: 'days' }, { timeZone: undefined });
    misuse(
      { field: 'createdAt', op: 'inPeriod', value: 'thisFiscalYear' },
      { fiscalYearStartMonth: undefined },
    );
  });

  it('needs no fiscal month for other periods', () => {
    expect(() =>
      resolveFilter(
        { field: 'createdAt', op: 'inPeriod', value: 'thisYear' },
        testContext({ fiscalYearStartMonth: undefined }),
      ),
    ).not.toThrow();
  });
});
