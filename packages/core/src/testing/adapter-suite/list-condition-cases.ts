import { col, empty, has, isNull, not } from './condition-builders';
import type { ConditionCase } from './condition-case';
import { except } from './condition-dataset';

const tags = col('tags', 'textList');
const lists = ['r01', 'r02', 'r04', 'r05', 'r06'];

/** `has`, `empty` and `null` on text lists. */
export const listConditionCases: readonly ConditionCase[] = [
  {
    name: 'has any matches a list holding one of the values',
    where: has(tags, ['vip'], 'any'),
    expected: ['r01', 'r02'],
  },
  {
    name: 'has any of several values matches a list holding either',
    where: has(tags, ['vip', 'b2b'], 'any'),
    expected: ['r01', 'r02', 'r05'],
  },
  {
    name: 'has all matches a list holding every value',
    where: has(tags, ['vip', 'new'], 'all'),
    expected: ['r01'],
  },
  {
    name: 'has all of one value matches every list holding it',
    where: has(tags, ['new'], 'all'),
    expected: ['r01', 'r05'],
  },
  { name: 'has any of no values matches nothing', where: has(tags, [], 'any'), expected: [] },
  {
    name: 'has all of no values matches every non-null list, the empty list included',
    where: has(tags, [], 'all'),
    expected: lists,
  },
  {
    name: 'has compares list elements case-sensitively',
    where: has(tags, ['VIP'], 'any'),
    expected: ['r06'],
  },
  {
    name: 'empty matches a null list and the empty list',
    where: empty(tags),
    expected: except('r01', 'r02', 'r05', 'r06'),
  },
  {
    name: 'empty with negate matches non-empty lists only',
    where: empty(tags, true),
    expected: ['r01', 'r02', 'r05', 'r06'],
  },
  { name: 'null on a list does not match the empty list', where: isNull(tags), expected: except(...lists) },
  {
    name: 'not of has matches rows whose list is null',
    where: not(has(tags, ['vip'], 'any')),
    expected: except('r01', 'r02'),
  },
];
