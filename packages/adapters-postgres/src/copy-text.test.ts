import { copyOfValues } from '@rapport/sql';
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
    const copy = copyOfValues({
      table: 'tags',
      columns: ['id', 'name', 'count'],
      values: ['a', 'x\ty', 1, 'b', null, 2],
    });
    expect([...copyText(copy)]).toEqual(['a\tx\\ty\t1\nb\t\\N\t2\n']);
  });

  it('cuts many rows into pieces of whole lines', () => {
    const values = Array.from({ length: 2_500 * 2 }, (_, index) =>
      index % 2 === 0 ? `r${index / 2}` : 'a\nb',
    );
    const pieces = [...copyText(copyOfValues({ table: 'tags', columns: ['id', 'note'], values }))];
    expect(pieces.map((piece) => piece.split('\n').length - 1)).toEqual([1_000, 1_000, 500]);
    expect(pieces.join('').split('\n')[1_234]).toBe('r1234\ta\\nb');
  });

  it('encodes each piece as it is asked for, and throws from the piece with a failing row', () => {
    const encoded: number[] = [];
    const copy = {
      table: 'tags',
      columns: ['id'],
      rowCount: 2_500,
      encodeRow(index: number, into: unknown[]) {
        if (index === 1_500) throw new Error('row 1500 does not fit');
        encoded.push(index);
        into[0] = `r${index}`;
      },
    };
    const pieces = copyText(copy);
    expect(pieces.next().value?.startsWith('r0\nr1\n')).toBe(true);
    expect(encoded.length).toBe(1_000);
    expect(() => pieces.next()).toThrow('row 1500 does not fit');
    expect(encoded.length).toBe(1_500);
  });

  it('writes nothing for no rows', () => {
    expect([...copyText(copyOfValues({ table: 'tags', columns: ['id'], values: [] }))]).toEqual([]);
  });
});

describe('copyStatement', () => {
  it('quotes the table and every column', () => {
    expect(
      copyStatement(copyOfValues({ table: 'tags', columns: ['tenant_id', 'id'], values: [] }), 'stdin'),
    ).toBe('copy "tags" ("tenant_id", "id") from stdin');
    expect(copyStatement(copyOfValues({ table: 'tags', columns: ['id'], values: [] }), `'/dev/blob'`)).toBe(
      `copy "tags" ("id") from '/dev/blob'`,
    );
  });
});
