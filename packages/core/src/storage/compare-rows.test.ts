import { describe, expect, it } from 'vitest';
import { compileOrder } from './compare-rows';
import type { FieldRef, OrderTerm } from './condition';

const field = (column: string, type: FieldRef['type']): FieldRef => ({
  operand: { kind: 'column', column },
  type,
});
const sortIds = (rows: Record<string, unknown>[], orderBy: OrderTerm[]) =>
  [...rows].sort(compileOrder(orderBy)).map((row) => row.id);

describe('compileOrder', () => {
  const rows = [
    { id: 'a', n: 2, flag: true, name: 'b' },
    { id: 'b', n: null, flag: null, name: null },
    { id: 'c', n: -1, flag: false, name: 'B' },
    { id: 'd', n: 10, flag: true, name: '\u{1F600}' },
    { id: 'e', n: 2, flag: false, name: '\uFF5E' },
  ];

  it('sorts nulls last ascending', () => {
    expect(
      sortIds(rows, [
        { field: field('n', 'number'), direction: 'asc' },
        { field: field('id', 'text'), direction: 'asc' },
      ]),
    ).toEqual(['c', 'a', 'e', 'd', 'b']);
  });

  it('sorts nulls last descending too', () => {
    expect(
      sortIds(rows, [
        { field: field('n', 'number'), direction: 'desc' },
        { field: field('id', 'text'), direction: 'desc' },
      ]),
    ).toEqual(['d', 'e', 'a', 'c', 'b']);
  });

  it('sorts text by code point', () => {
    expect(sortIds(rows, [{ field: field('name', 'text'), direction: 'asc' }])).toEqual([
      'c',
      'a',
      'e',
      'd',
      'b',
    ]);
  });

  it('sorts false before true', () => {
    expect(
      sortIds(rows, [
        { field: field('flag', 'boolean'), direction: 'asc' },
        { field: field('id', 'text'), direction: 'asc' },
      ]),
    ).toEqual(['c', 'e', 'a', 'd', 'b']);
  });

  it('returns 0 for rows that tie on every term, and for an empty ordering', () => {
    expect(
      compileOrder([{ field: field('n', 'number'), direction: 'asc' }])(rows[0] as never, rows[4] as never),
    ).toBe(0);
    expect(compileOrder([])(rows[0] as never, rows[1] as never)).toBe(0);
  });

  it('rejects sorting on a text list and an unknown direction with INVALID_FILTER', () => {
    expect(() => compileOrder([{ field: field('tags', 'textList'), direction: 'asc' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
    expect(() => compileOrder([{ field: field('n', 'number'), direction: 'up' as never }])).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
  });
});
