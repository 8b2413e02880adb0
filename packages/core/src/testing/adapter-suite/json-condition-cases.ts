import { compare, empty, has, isNull, json, notIn } from './condition-builders';
import type { ConditionCase } from './condition-case';
import { allIds, except } from './condition-dataset';

const tier = json('data', ['tier'], 'text');
const level = json('data', ['level'], 'number');
const vip = json('data', ['vip'], 'boolean');
const ci = { caseInsensitive: true };

/** Paths into a JSON column: missing keys, JSON null, nesting and typed values. */
export const jsonConditionCases: readonly ConditionCase[] = [
  {
    name: 'eq on a JSON path matches the value at the path',
    where: compare(tier, 'eq', 'gold'),
    expected: ['r01'],
  },
  {
    name: 'caseInsensitive eq on a JSON path folds both sides',
    where: compare(tier, 'eq', 'GOLD', ci),
    expected: ['r01', 'r02'],
  },
  {
    name: 'a missing JSON key, a JSON null and a null column all match null',
    where: isNull(tier),
    expected: except('r01', 'r02', 'r06', 'r08'),
  },
  {
    name: 'ne on a JSON path matches missing keys and JSON null',
    where: compare(tier, 'ne', 'gold'),
    expected: except('r01'),
  },
  {
    name: 'empty on a JSON path matches missing keys, JSON null and the empty string',
    where: empty(tier),
    expected: except('r01', 'r02', 'r06'),
  },
  {
    name: 'eq with the empty string on a JSON path does not match a missing key',
    where: compare(tier, 'eq', ''),
    expected: ['r08'],
  },
  {
    name: 'notIn on a JSON path matches missing keys',
    where: notIn(tier, ['gold', 'silver']),
    expected: except('r01', 'r06'),
  },
  {
    name: 'gt on a JSON number compares numerically',
    where: compare(level, 'gt', 2.5),
    expected: ['r01', 'r02'],
  },
  { name: 'lt on a JSON number matches a real', where: compare(level, 'lt', 3), expected: ['r05'] },
  {
    name: 'eq on a JSON boolean matches false, not a missing key',
    where: compare(vip, 'eq', false),
    expected: ['r02'],
  },
  {
    name: 'ne on a JSON boolean matches missing keys',
    where: compare(vip, 'ne', false),
    expected: except('r02'),
  },
  {
    name: 'a nested JSON path reads inside nested objects',
    where: compare(json('data', ['nested', 'city'], 'text'), 'eq', 'Paris'),
    expected: ['r01'],
  },
  {
    name: 'a JSON path through a missing object is null',
    where: isNull(json('data', ['nested', 'city'], 'text')),
    expected: except('r01'),
  },
  {
    name: 'a JSON path through a text value is null',
    where: isNull(json('data', ['tier', 'x'], 'text')),
    expected: allIds,
  },
  {
    name: 'has on a JSON path reads a list inside the object',
    where: has(json('data', ['labels'], 'textList'), ['y'], 'any'),
    expected: ['r01'],
  },
  {
    name: 'a JSON text where a number is expected reads as null',
    where: compare(json('data', ['rank'], 'number'), 'eq', 5),
    expected: ['r06'],
  },
  {
    name: 'null matches a JSON value of another type than the field',
    where: isNull(json('data', ['rank'], 'number')),
    expected: except('r06'),
  },
  {
    name: 'a JSON number where text is expected reads as null',
    where: compare(json('data', ['rank'], 'text'), 'eq', '5'),
    expected: ['r07'],
  },
];

/**
 * The same cases on `document`, the opaque copy of `data`: an engine that stores opaque JSON otherwise
 * (Postgres `json`) must read the same values from it.
 */
export const opaqueJsonConditionCases: readonly ConditionCase[] = jsonConditionCases.map((testCase) => ({
  ...testCase,
  name: `${testCase.name} (opaque column)`,
  where: onColumn(testCase.where, 'data', 'document'),
}));

/** `condition` with every reference to column `from` turned into one to `to`. */
function onColumn<T>(condition: T, from: string, to: string): T {
  if (Array.isArray(condition)) return condition.map((item) => onColumn(item, from, to)) as T;
  if (condition === null || typeof condition !== 'object') return condition;
  const entries = Object.entries(condition).map(([key, value]) => [
    key,
    key === 'column' && value === from ? to : onColumn(value, from, to),
  ]);
  return Object.fromEntries(entries) as T;
}
