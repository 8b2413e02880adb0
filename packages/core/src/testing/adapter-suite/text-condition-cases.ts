import { and, col, compare, empty, isIn, isNull, notIn, text } from './condition-builders';
import type { ConditionCase } from './condition-case';
import { allIds, except } from './condition-dataset';

const name = col('name', 'text');
const ci = { caseInsensitive: true };

/** Text comparisons, case folding, literal `%` and `_`, code-point order, `empty` and `null` on text. */
export const textConditionCases: readonly ConditionCase[] = [
  {
    name: 'eq on text is case-sensitive by default',
    where: compare(name, 'eq', 'éclair'),
    expected: ['r02'],
  },
  {
    name: 'caseInsensitive eq folds non-ASCII letters (É and é)',
    where: compare(name, 'eq', 'ÉCLAIR', ci),
    expected: ['r01', 'r02'],
  },
  {
    name: 'caseInsensitive eq folds the capital sharp s (ẞ) to ß',
    where: compare(name, 'eq', 'ßIG', ci),
    expected: ['r11'],
  },
  {
    name: 'caseInsensitive eq does not fold ß to ss',
    where: compare(name, 'eq', 'strasse', ci),
    expected: ['r06'],
  },
  {
    name: 'caseInsensitive eq folds İ to i with a combining dot above',
    where: compare(name, 'eq', 'İSTANBUL', ci),
    expected: ['r07'],
  },
  {
    name: 'caseInsensitive eq of a plain i does not match a folded İ',
    where: compare(name, 'eq', 'istanbul', ci),
    expected: ['r13'],
  },
  {
    name: 'eq with the empty string matches only the empty string, not null',
    where: compare(name, 'eq', ''),
    expected: ['r04'],
  },
  {
    name: 'ne matches rows whose value is null',
    where: compare(name, 'ne', 'éclair'),
    expected: except('r02'),
  },
  {
    name: 'caseInsensitive ne excludes every folded match and keeps nulls',
    where: compare(name, 'ne', 'ÉCLAIR', ci),
    expected: except('r01', 'r02'),
  },
  { name: 'ne with the empty string matches null', where: compare(name, 'ne', ''), expected: except('r04') },
  { name: 'in matches any listed value', where: isIn(name, ['Éclair', 'straße']), expected: ['r01', 'r05'] },
  {
    name: 'caseInsensitive in folds both sides',
    where: isIn(name, ['ÉCLAIR', 'STRASSE'], ci),
    expected: ['r01', 'r02', 'r06'],
  },
  { name: 'in with no values matches nothing', where: isIn(name, []), expected: [] },
  { name: 'notIn matches rows whose value is null', where: notIn(name, ['Éclair']), expected: except('r01') },
  { name: 'notIn with no values matches every row, null included', where: notIn(name, []), expected: allIds },
  {
    name: 'caseInsensitive notIn excludes every folded match and keeps nulls',
    where: notIn(name, ['ÉCLAIR'], ci),
    expected: except('r01', 'r02'),
  },
  { name: 'contains is case-sensitive by default', where: text(name, 'contains', 'Clair'), expected: [] },
  { name: 'contains finds a substring', where: text(name, 'contains', 'clair'), expected: ['r01', 'r02'] },
  {
    name: 'caseInsensitive contains folds both sides',
    where: text(name, 'contains', 'ÉCL', ci),
    expected: ['r01', 'r02'],
  },
  {
    name: 'caseInsensitive contains folds İ to i plus a combining dot, which contains i',
    where: text(name, 'contains', 'i', ci),
    expected: ['r01', 'r02', 'r07', 'r11', 'r13'],
  },
  { name: 'contains treats % literally', where: text(name, 'contains', '%'), expected: ['r08'] },
  { name: 'contains treats _ literally', where: text(name, 'contains', '_'), expected: ['r08', 'r12'] },
  { name: 'startsWith treats % literally', where: text(name, 'startsWith', '100%'), expected: ['r08'] },
  { name: 'endsWith treats _ literally', where: text(name, 'endsWith', '_'), expected: ['r08'] },
  {
    name: 'contains of the empty string matches every non-null text',
    where: text(name, 'contains', ''),
    expected: except('r03'),
  },
  {
    name: 'startsWith of the empty string matches every non-null text',
    where: text(name, 'startsWith', ''),
    expected: except('r03'),
  },
  {
    name: 'endsWith of the empty string matches every non-null text',
    where: text(name, 'endsWith', ''),
    expected: except('r03'),
  },
  {
    name: 'startsWith is case-sensitive by default',
    where: text(name, 'startsWith', 'É'),
    expected: ['r01'],
  },
  {
    name: 'caseInsensitive startsWith folds non-ASCII letters',
    where: text(name, 'startsWith', 'é', ci),
    expected: ['r01', 'r02'],
  },
  {
    name: 'endsWith matches a character above U+FFFF',
    where: text(name, 'endsWith', '\u{1F600}'),
    expected: ['r09'],
  },
  {
    name: 'gt on text compares by code point, not by locale',
    where: compare(name, 'gt', 'a'),
    expected: ['r01', 'r02', 'r05', 'r07', 'r09', 'r10', 'r11', 'r13'],
  },
  {
    name: 'gt on text puts a character above U+FFFF after U+FF5E (code points, not UTF-16 units)',
    where: and(text(name, 'startsWith', 'a'), compare(name, 'gt', 'a\uFF5E')),
    expected: ['r09'],
  },
  {
    name: 'lt on text puts U+FF5E before a character above U+FFFF',
    where: and(text(name, 'startsWith', 'a'), compare(name, 'lt', 'a\u{1F600}')),
    expected: ['r10'],
  },
  {
    name: 'lte on text includes the equal value',
    where: compare(name, 'lte', 'STRASSE'),
    expected: ['r04', 'r06', 'r08', 'r12'],
  },
  {
    name: 'ordering comparisons ignore caseInsensitive',
    where: compare(name, 'lt', 'B', ci),
    expected: ['r04', 'r08', 'r12'],
  },
  { name: 'gte never matches null', where: compare(name, 'gte', ''), expected: except('r03') },
  { name: 'empty matches null and the empty string', where: empty(name), expected: ['r03', 'r04'] },
  {
    name: 'empty with negate matches every non-empty text',
    where: empty(name, true),
    expected: except('r03', 'r04'),
  },
  { name: 'null matches only null, not the empty string', where: isNull(name), expected: ['r03'] },
  {
    name: 'null with negate matches the empty string too',
    where: isNull(name, true),
    expected: except('r03'),
  },
];
