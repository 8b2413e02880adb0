import { describe, expect, it } from 'vitest';
import { copyField, copyStatement, copyText } from './copy-text';

describe('copyField', () => {
  it('escapes the backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('\\.')).toBe('\\\\.');
    expect(copyField('"quoted", \'single\', ;|,\u0001\u007f')).toBe('"quoted", \'single\', ;|,\u0001\u007f');
    expect(copyField('İstanbul 🎉 e\u0301 שלום')).toBe('İstanbul 🎉 e\u0301 שלום');
    expect(copyField('')).toBe('');
  });

  it('writes NULL as \\N, booleans as t and f, numbers in round-trip form', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(copyField(-42)).toBe('-42');
    expect(copyField(0.1)).toBe('0.1');
    expect(copyField(1e21)).toBe('1e+21');
    expect(copyField(5e-324)).toBe('5e-324');
  });

  it('refuses a value no column codec produces', () => {
    expect(() => copyField({ a: 1 })).toThrow(TypeError);
  });
});

describe('copyText', () => {
  it('writes one line per row with tab-separated fields', () => {
    const copy = { table: 'tags', columns: ['id', 'name', 'count'], values: ['a', 'x\ty', 1, 'b', null, 2] };
    expect([...copyText(copy)]).toEqual(['a\tx\\ty\t1\nb\t\\N\t2\n']);
  });

  it('cuts many rows into pieces of whole lines', () => {
    const values = Array.from({ length: 2_500 * 2 }, (_, index) =>
      index % 2 === 0 ? `r${index / 2}` : 'a\nb',
    );
    const pieces = [...copyText({ table: 'tags', columns: ['id', 'note'], values })];
    expect(pieces.map((piece) => piece.split('\n').length - 1)).toEqual([1_000, 1_000, 500]);
    expect(pieces.join('').split('\n')[1_234]).toBe('r1234\ta\\nb');
  });

  it('writes nothing for no rows', () => {
    expect([...copyText({ table: 'tags', columns: ['id'], values: [] })]).toEqual([]);
  });
});

describe('copyStatement', () => {
  it('quotes the table and every column', () => {
    expect(copyStatement({ table: 'tags', columns: ['tenant_id', 'id'], values: [] }, 'stdin')).toBe(
      'copy "tags" ("tenant_id", "id") from stdin',
    );
    expect(copyStatement({ table: 'tags', columns: ['id'], values: [] }, `'/dev/blob'`)).toBe(
      `copy "tags" ("id") from '/dev/blob'`,
    );
  });
});
