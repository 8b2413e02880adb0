import { and, col, compare, isNull, json, monthDay, not, related } from './condition-builders';
import type { ConditionCase } from './condition-case';
import {
  childrenOf,
  parentOfThing,
  relatedParentIds,
  thingsOfParent,
  thingsTagging,
  thingsTaggingParent,
} from './related-dataset';

/** A condition case over one table of the related dataset. */
export interface TableConditionCase extends ConditionCase {
  readonly table: 'parents' | 'things';
}

const count = col('count', 'number');
const score = col('score', 'number');
const amount = json('data', ['amount'], 'number');
const due = json('data', ['due'], 'date');
const bornOn = col('born_on', 'date');
const happenedAt = col('happened_at', 'timestamp');
const name = col('name', 'text');
const exists = { fn: 'exists' } as const;
const parentsExcept = (...excluded: string[]) => relatedParentIds.filter((id) => !excluded.includes(id));

const onParents = (cases: readonly ConditionCase[]): TableConditionCase[] =>
  cases.map((testCase) => ({ ...testCase, table: 'parents' }));
const onThings = (cases: readonly ConditionCase[]): TableConditionCase[] =>
  cases.map((testCase) => ({ ...testCase, table: 'things' }));

/** exists and count, over a column link, with and without `where`, negated and inside `not`. */
const existsAndCountCases = onParents([
  {
    name: 'related exists matches rows with at least one linked row',
    where: related(thingsOfParent, exists),
    expected: ['p1', 'p2', 'p3'],
  },
  {
    name: 'related exists with negate matches rows with no linked row',
    where: related(thingsOfParent, exists, { negate: true }),
    expected: ['p4', 'p5'],
  },
  {
    name: 'not of related exists matches rows with no linked row',
    where: not(related(thingsOfParent, exists)),
    expected: ['p4', 'p5'],
  },
  {
    name: 'related exists with where counts only matching linked rows',
    where: related(thingsOfParent, exists, { where: compare(count, 'gt', 5) }),
    expected: ['p1'],
  },
  {
    name: 'related exists with where and negate is its complement',
    where: related(thingsOfParent, exists, { where: compare(count, 'gt', 5), negate: true }),
    expected: parentsExcept('p1'),
  },
  {
    name: 'related count of no rows is 0, and another tenant never counts',
    where: related(thingsOfParent, { fn: 'count', op: 'eq', value: 0 }),
    expected: ['p4', 'p5'],
  },
  {
    name: 'related count compares with gte',
    where: related(thingsOfParent, { fn: 'count', op: 'gte', value: 2 }),
    expected: ['p1', 'p2'],
  },
  {
    name: 'related count compares with a fractional value',
    where: related(thingsOfParent, { fn: 'count', op: 'gt', value: 2.5 }),
    expected: ['p1'],
  },
  {
    name: 'related count with where applies null semantics inside (ne matches null)',
    where: related(thingsOfParent, { fn: 'count', op: 'eq', value: 2 }, { where: compare(count, 'ne', 5) }),
    expected: ['p1', 'p2'],
  },
  {
    name: 'related count with where isNull counts rows with a null field',
    where: related(thingsOfParent, { fn: 'count', op: 'eq', value: 1 }, { where: isNull(count) }),
    expected: ['p1', 'p2', 'p3'],
  },
  {
    name: 'not of related count ne keeps rows whose count equals',
    where: not(related(thingsOfParent, { fn: 'count', op: 'ne', value: 1 })),
    expected: ['p3'],
  },
]);

/** sum, avg, min and max, with their null rules and wrong-typed JSON values. */
const aggregateCases = onParents([
  {
    name: 'related sum adds the non-null values',
    where: related(thingsOfParent, { fn: 'sum', field: count, op: 'gt', value: 10 }),
    expected: ['p1'],
  },
  {
    name: 'related sum of no rows or only nulls is 0',
    where: related(thingsOfParent, { fn: 'sum', field: count, op: 'eq', value: 0 }),
    expected: ['p3', 'p4', 'p5'],
  },
  {
    name: 'related sum compares negative totals',
    where: related(thingsOfParent, { fn: 'sum', field: count, op: 'lt', value: 0 }),
    expected: ['p2'],
  },
  {
    name: 'related sum with where adds only matching rows',
    where: related(
      thingsOfParent,
      { fn: 'sum', field: count, op: 'eq', value: 15 },
      { where: isNull(bornOn, true) },
    ),
    expected: ['p1'],
  },
  {
    name: 'related sum of a JSON number leaves out wrong-typed values',
    where: related(thingsOfParent, { fn: 'sum', field: amount, op: 'eq', value: 150 }),
    expected: ['p1'],
  },
  {
    name: 'related sum of a JSON number with missing keys is 0',
    where: related(thingsOfParent, { fn: 'sum', field: amount, op: 'eq', value: 0 }),
    expected: parentsExcept('p1'),
  },
  {
    name: 'related avg divides by the non-null values',
    where: related(thingsOfParent, { fn: 'avg', field: count, op: 'eq', value: 7.5 }),
    expected: ['p1'],
  },
  {
    name: 'related avg of no rows or only nulls is null, which ne matches',
    where: related(thingsOfParent, { fn: 'avg', field: count, op: 'ne', value: 7.5 }),
    expected: parentsExcept('p1'),
  },
  {
    name: 'related avg of null never matches lt',
    where: related(thingsOfParent, { fn: 'avg', field: count, op: 'lt', value: 0 }),
    expected: ['p2'],
  },
  {
    name: 'related avg of reals',
    where: related(thingsOfParent, { fn: 'avg', field: score, op: 'eq', value: 2 }),
    expected: ['p1'],
  },
  {
    name: 'related avg of a JSON number leaves out wrong-typed values',
    where: related(thingsOfParent, { fn: 'avg', field: amount, op: 'eq', value: 75 }),
    expected: ['p1'],
  },
  {
    name: 'related min of numbers',
    where: related(thingsOfParent, { fn: 'min', field: count, op: 'lt', value: 0 }),
    expected: ['p2'],
  },
  {
    name: 'related min ignores nulls',
    where: related(thingsOfParent, { fn: 'min', field: count, op: 'eq', value: 5 }),
    expected: ['p1'],
  },
  {
    name: 'related max of numbers',
    where: related(thingsOfParent, { fn: 'max', field: count, op: 'eq', value: 10 }),
    expected: ['p1'],
  },
  {
    name: 'related max of no rows is null, which ne matches',
    where: related(thingsOfParent, { fn: 'max', field: count, op: 'ne', value: 10 }),
    expected: parentsExcept('p1'),
  },
  {
    name: 'not of related max gt matches rows whose max is null',
    where: not(related(thingsOfParent, { fn: 'max', field: count, op: 'gt', value: 0 })),
    expected: parentsExcept('p1'),
  },
  {
    name: 'related max of dates',
    where: related(thingsOfParent, { fn: 'max', field: bornOn, op: 'gte', value: '1992-01-01' }),
    expected: ['p1', 'p2'],
  },
  {
    name: 'related min of dates',
    where: related(thingsOfParent, { fn: 'min', field: bornOn, op: 'lt', value: '1990-01-01' }),
    expected: ['p3'],
  },
  {
    name: 'related max of timestamps',
    where: related(thingsOfParent, {
      fn: 'max',
      field: happenedAt,
      op: 'eq',
      value: '2024-03-01T00:00:00.000Z',
    }),
    expected: ['p1'],
  },
  {
    name: 'related min of timestamps',
    where: related(thingsOfParent, {
      fn: 'min',
      field: happenedAt,
      op: 'lt',
      value: '2024-01-01T00:00:00.000Z',
    }),
    expected: ['p2'],
  },
  {
    name: 'related max of a JSON date leaves out wrong-typed values',
    where: related(thingsOfParent, { fn: 'max', field: due, op: 'eq', value: '2024-05-01' }),
    expected: ['p1'],
  },
  {
    name: 'related min of a JSON date',
    where: related(thingsOfParent, { fn: 'min', field: due, op: 'eq', value: '2024-02-29' }),
    expected: ['p1'],
  },
]);

/** Relations from a table to itself, nested related conditions, and a to-one relation. */
const nestedCases: readonly TableConditionCase[] = [
  ...onParents([
    {
      name: 'related exists over the same table names its own rows',
      where: related(childrenOf, exists),
      expected: ['p1', 'p2'],
    },
    {
      name: 'related count over the same table',
      where: related(childrenOf, { fn: 'count', op: 'eq', value: 2 }),
      expected: ['p1'],
    },
    {
      name: 'nested related: children with a thing below zero',
      where: related(childrenOf, exists, {
        where: related(thingsOfParent, exists, { where: compare(count, 'lt', 0) }),
      }),
      expected: ['p1'],
    },
    {
      name: 'nested related: children without things',
      where: related(childrenOf, exists, { where: not(related(thingsOfParent, exists)) }),
      expected: ['p2'],
    },
    {
      name: 'nested related over the same table twice: grandparents',
      where: related(childrenOf, exists, { where: related(childrenOf, exists) }),
      expected: ['p1'],
    },
    {
      name: 'not of nested related matches every row when no child qualifies',
      where: not(
        related(childrenOf, exists, {
          where: related(thingsOfParent, exists, { where: compare(count, 'gt', 5) }),
        }),
      ),
      expected: relatedParentIds,
    },
  ]),
  ...onThings([
    {
      name: 'related to-one: things whose parent has a name',
      where: related(parentOfThing, exists, { where: compare(name, 'eq', 'Bob') }),
      expected: ['t4', 't5'],
    },
    {
      name: 'related to-one with negate matches rows with no parent',
      where: related(parentOfThing, exists, { where: compare(name, 'eq', 'Bob'), negate: true }),
      expected: ['t1', 't2', 't3', 't6', 't7'],
    },
    {
      name: 'related to-one with a nested related',
      where: related(parentOfThing, exists, { where: related(childrenOf, exists) }),
      expected: ['t1', 't2', 't3', 't4', 't5'],
    },
    {
      name: 'not of related to-one matches a null link',
      where: not(related(parentOfThing, exists)),
      expected: ['t7'],
    },
  ]),
];

/** A `list` link: a JSON list of ids in the related row holds the outer row's id. */
const listLinkCases = onParents([
  {
    name: 'related exists over a list link',
    where: related(thingsTagging, exists),
    expected: ['p1', 'p2', 'p3', 'p4'],
  },
  {
    name: 'related count over a list link of no rows is 0',
    where: related(thingsTagging, { fn: 'count', op: 'eq', value: 0 }),
    expected: ['p5'],
  },
  {
    name: 'related count over a list link counts a row once when its list repeats the id',
    where: related(thingsTagging, { fn: 'count', op: 'eq', value: 2 }),
    expected: ['p2'],
  },
  {
    name: 'related count over a list link ignores an id in another case',
    where: related(thingsTagging, { fn: 'count', op: 'eq', value: 1 }),
    expected: ['p1', 'p3', 'p4'],
  },
  {
    name: 'related sum over a list link',
    where: related(thingsTagging, { fn: 'sum', field: count, op: 'eq', value: 15 }),
    expected: ['p2'],
  },
  {
    name: 'related max over a list link',
    where: related(thingsTagging, { fn: 'max', field: bornOn, op: 'eq', value: '1992-02-29' }),
    expected: ['p2'],
  },
  {
    name: 'a JSON string is not a list: it links to nothing',
    where: related(thingsTagging, exists, { where: compare(name, 'eq', 'zeta') }),
    expected: [],
  },
  {
    name: 'related over a list link with a nested related',
    where: related(thingsTagging, exists, {
      where: related(parentOfThing, exists, { where: compare(name, 'eq', 'Ann') }),
    }),
    expected: ['p2', 'p3'],
  },
  {
    name: 'not of related exists over a list link',
    where: not(related(thingsTagging, exists)),
    expected: ['p5'],
  },
]);

const listLinkFromNullCases = onThings([
  {
    name: 'a null outer value links to nothing over a list link, not even to a JSON null',
    where: related(thingsTaggingParent, exists),
    expected: ['t1', 't2', 't3', 't4', 't5', 't6'],
  },
]);

/** `monthDay` of dates in columns and in custom JSON fields: the operand of birthdays and anniversaries. */
const monthDayCases: readonly TableConditionCase[] = [
  ...onThings([
    {
      name: 'monthDay of a date column matches a leap day',
      where: compare(monthDay(bornOn), 'eq', '02-29'),
      expected: ['t2'],
    },
    {
      name: 'monthDay of a date column ranges across years',
      where: and(compare(monthDay(bornOn), 'gte', '02-28'), compare(monthDay(bornOn), 'lte', '03-01')),
      expected: ['t1', 't2', 't6'],
    },
    {
      name: 'monthDay ne matches null dates',
      where: compare(monthDay(bornOn), 'ne', '02-29'),
      expected: ['t1', 't3', 't4', 't5', 't6', 't7'],
    },
    {
      name: 'monthDay in a list of days',
      where: {
        kind: 'in',
        field: monthDay(bornOn),
        values: ['12-31', '02-28'],
        negate: false,
        caseInsensitive: false,
      },
      expected: ['t1', 't4'],
    },
    {
      name: 'monthDay gt compares as MM-DD text',
      where: compare(monthDay(bornOn), 'gt', '12-30'),
      expected: ['t4'],
    },
    {
      name: 'monthDay of a custom JSON date',
      where: compare(monthDay(due), 'eq', '05-01'),
      expected: ['t1', 't4'],
    },
    {
      name: 'monthDay of a custom JSON date on a leap day',
      where: compare(monthDay(due), 'eq', '02-29'),
      expected: ['t3'],
    },
    {
      name: 'monthDay of a wrong-typed or missing custom date is null',
      where: isNull(monthDay(due)),
      expected: ['t2', 't5', 't6', 't7'],
    },
  ]),
  ...onParents([
    {
      name: 'monthDay inside a related condition',
      where: related(thingsOfParent, exists, { where: compare(monthDay(bornOn), 'eq', '02-29') }),
      expected: ['p1'],
    },
  ]),
];

/** Every case of the related dataset. */
export const relatedConditionCases: readonly TableConditionCase[] = [
  ...existsAndCountCases,
  ...aggregateCases,
  ...nestedCases,
  ...listLinkCases,
  ...listLinkFromNullCases,
  ...monthDayCases,
];
