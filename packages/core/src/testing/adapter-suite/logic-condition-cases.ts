import { and, col, compare, isNull, not, or } from './condition-builders';
import type { ConditionCase } from './condition-case';
import { allIds, except } from './condition-dataset';

const name = col('name', 'text');
const count = col('count', 'number');

/** `and`, `or` and `not`, with two-valued logic: `not` of a condition that does not match null matches null. */
export const logicConditionCases: readonly ConditionCase[] = [
  {
    name: 'not of eq matches rows whose value is null',
    where: not(compare(name, 'eq', 'éclair')),
    expected: except('r02'),
  },
  {
    name: 'not of ne matches only the equal rows',
    where: not(compare(name, 'ne', 'éclair')),
    expected: ['r02'],
  },
  {
    name: 'not of lt matches rows whose value is null',
    where: not(compare(count, 'lt', 5)),
    expected: except('r02', 'r04', 'r05'),
  },
  { name: 'and of no conditions matches every row', where: and(), expected: allIds },
  { name: 'or of no conditions matches no row', where: or(), expected: [] },
  { name: 'not of an empty or matches every row', where: not(or()), expected: allIds },
  { name: 'not of an empty and matches no row', where: not(and()), expected: [] },
  {
    name: 'or matches a row that any member matches',
    where: or(compare(name, 'eq', 'Éclair'), compare(count, 'eq', 100)),
    expected: ['r01', 'r06'],
  },
  {
    name: 'and matches a row that every member matches',
    where: and(compare(count, 'gt', 0), compare(col('active', 'boolean'), 'eq', false)),
    expected: ['r05'],
  },
  {
    name: 'not inside and negates only its member',
    where: and(not(isNull(name)), compare(count, 'lt', 5)),
    expected: ['r02', 'r04', 'r05'],
  },
  {
    name: 'and of three members requires all three',
    where: and(compare(count, 'gte', 0), compare(count, 'lte', 10), not(compare(name, 'eq', ''))),
    expected: ['r01', 'r05', 'r08'],
  },
  {
    // A flat chain of 1,000 would pass SQLite's limit of 1,000 levels of expression depth.
    name: 'or of 1,000 conditions matches what any of them matches',
    where: or(...Array.from({ length: 1_000 }, (_, index) => compare(count, 'eq', index - 500))),
    expected: ['r01', 'r02', 'r04', 'r05', 'r06', 'r08'],
  },
];
