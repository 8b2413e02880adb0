import { and, col, compare, isIn, isNull, notIn } from './condition-builders';
import type { ConditionCase } from './condition-case';
import { allIds, except } from './condition-dataset';

const count = col('count', 'number');
const score = col('score', 'number');
const active = col('active', 'boolean');
const happenedAt = col('happened_at', 'timestamp');
const bornOn = col('born_on', 'date');

/** Integers, reals, booleans, timestamps and dates. */
export const scalarConditionCases: readonly ConditionCase[] = [
  {
    name: 'gt on integers compares numerically, not as text',
    where: compare(count, 'gt', 9),
    expected: ['r01', 'r06'],
  },
  { name: 'lt matches negative integers', where: compare(count, 'lt', 0), expected: ['r02'] },
  {
    name: 'gte on integers includes the equal value and never null',
    where: compare(count, 'gte', -5),
    expected: ['r01', 'r02', 'r04', 'r05', 'r06', 'r08'],
  },
  { name: 'eq on integers matches zero', where: compare(count, 'eq', 0), expected: ['r04'] },
  {
    name: 'ne on a number matches rows whose value is null',
    where: compare(count, 'ne', 10),
    expected: except('r01'),
  },
  { name: 'in on numbers matches any listed value', where: isIn(count, [0, 3]), expected: ['r04', 'r05'] },
  {
    name: 'notIn on numbers matches rows whose value is null',
    where: notIn(count, [0, 3]),
    expected: except('r04', 'r05'),
  },
  { name: 'notIn of no numbers matches every row', where: notIn(count, []), expected: allIds },
  {
    name: 'eq on a real column matches an integer-valued literal',
    where: compare(score, 'eq', 3),
    expected: ['r05'],
  },
  {
    name: 'lte on reals compares numerically',
    where: compare(score, 'lte', 1.5),
    expected: ['r01', 'r02', 'r04', 'r06'],
  },
  { name: 'gt on reals compares fractions', where: compare(score, 'gt', 0.1), expected: ['r01', 'r05'] },
  { name: 'lt matches negative reals', where: compare(score, 'lt', -2), expected: ['r02'] },
  {
    name: 'and of two number ranges matches the rows inside both',
    where: and(compare(score, 'gt', -3), compare(score, 'lt', 0)),
    expected: ['r02'],
  },
  {
    name: 'eq true on a boolean matches only true',
    where: compare(active, 'eq', true),
    expected: ['r01', 'r04'],
  },
  {
    name: 'eq false on a boolean matches only false, not null',
    where: compare(active, 'eq', false),
    expected: ['r02', 'r05'],
  },
  {
    name: 'ne true on a boolean matches false and null',
    where: compare(active, 'ne', true),
    expected: except('r01', 'r04'),
  },
  {
    name: 'ne false on a boolean matches true and null',
    where: compare(active, 'ne', false),
    expected: except('r02', 'r05'),
  },
  {
    name: 'null matches a boolean that is null',
    where: isNull(active),
    expected: except('r01', 'r02', 'r04', 'r05'),
  },
  {
    name: 'lt on timestamps orders chronologically',
    where: compare(happenedAt, 'lt', '2024-01-01T00:00:00.000Z'),
    expected: ['r04'],
  },
  {
    name: 'gte on timestamps includes the equal instant',
    where: compare(happenedAt, 'gte', '2024-01-15T10:00:00.000Z'),
    expected: ['r01', 'r02'],
  },
  {
    name: 'ne on a timestamp matches rows whose value is null',
    where: compare(happenedAt, 'ne', '2024-03-01T00:00:00.000Z'),
    expected: except('r02'),
  },
  {
    name: 'lt on dates orders chronologically',
    where: compare(bornOn, 'lt', '1990-01-01'),
    expected: ['r02'],
  },
  { name: 'gt on dates excludes null', where: compare(bornOn, 'gt', '1990-05-19'), expected: ['r01', 'r04'] },
  { name: 'in on dates matches a listed day', where: isIn(bornOn, ['2000-01-01']), expected: ['r04'] },
  // Counts are an integer column: 10, -5, 0, 3, 100, 9, and null elsewhere. Postgres refuses a fraction
  // bound to a bigint parameter, so these hold the compiler to comparing as numbers do.
  {
    name: 'lt with a fraction on an integer column compares as numbers do',
    where: compare(count, 'lt', 9.5),
    expected: ['r02', 'r04', 'r05', 'r08'],
  },
  {
    name: 'gte with a fraction on an integer column compares as numbers do',
    where: compare(count, 'gte', 9.5),
    expected: ['r01', 'r06'],
  },
  {
    name: 'eq with a fraction on an integer column matches no row',
    where: compare(count, 'eq', 9.5),
    expected: [],
  },
  {
    name: 'ne with a fraction on an integer column matches every row',
    where: compare(count, 'ne', 9.5),
    expected: allIds,
  },
  {
    name: 'in with a fraction on an integer column matches the whole values only',
    where: isIn(count, [9.5, 10]),
    expected: ['r01'],
  },
  {
    name: 'lt beyond 64 bits on an integer column matches every row with a value',
    where: compare(count, 'lt', 1e30),
    expected: ['r01', 'r02', 'r04', 'r05', 'r06', 'r08'],
  },
  {
    name: 'gt beyond 64 bits on an integer column matches no row',
    where: compare(count, 'gt', 1e30),
    expected: [],
  },
];
