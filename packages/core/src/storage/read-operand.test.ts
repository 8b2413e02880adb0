import { describe, expect, it } from 'vitest';
import { compileFieldReader, readOperand } from './read-operand';

const path = (...keys: string[]) => ({ kind: 'jsonPath', column: 'data', path: keys }) as const;

describe('readOperand', () => {
  it('reads a column, and null for a missing column', () => {
    expect(readOperand({ kind: 'column', column: 'name' }, { name: 'Ann' })).toBe('Ann');
    expect(readOperand({ kind: 'column', column: 'name' }, {})).toBeNull();
  });

  it('walks a JSON path through nested objects', () => {
    expect(readOperand(path('a', 'b'), { data: { a: { b: 1 } } })).toBe(1);
  });

  it('reads null for a missing key, a JSON null and a null column alike', () => {
    expect(readOperand(path('a'), { data: {} })).toBeNull();
    expect(readOperand(path('a'), { data: { a: null } })).toBeNull();
    expect(readOperand(path('a'), { data: null })).toBeNull();
  });

  it('does not index into arrays or step through scalars', () => {
    expect(readOperand(path('0'), { data: ['x'] })).toBeNull();
    expect(readOperand(path('a', 'length'), { data: { a: 'text' } })).toBeNull();
  });

  it('does not reach Object.prototype through keys such as constructor', () => {
    expect(readOperand(path('constructor'), { data: {} })).toBeNull();
    expect(readOperand(path('__proto__'), { data: {} })).toBeNull();
    expect(readOperand(path('__proto__'), { data: JSON.parse('{"__proto__": "own"}') })).toBe('own');
  });

  it('reads the whole JSON value for an empty path', () => {
    expect(readOperand(path(), { data: { a: 1 } })).toEqual({ a: 1 });
  });

  it('rejects a path that is not a list of strings with INVALID_FILTER', () => {
    expect(() =>
      readOperand({ kind: 'jsonPath', column: 'data', path: [1 as unknown as string] }, {}),
    ).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});

describe('compileFieldReader', () => {
  it('reads a value of another type than the field as null', () => {
    const level = compileFieldReader({ operand: path('level'), type: 'number' });
    expect(level({ data: { level: 3 } })).toBe(3);
    expect(level({ data: { level: '3' } })).toBeNull();
    const tier = compileFieldReader({ operand: path('tier'), type: 'text' });
    expect(tier({ data: { tier: 5 } })).toBeNull();
    expect(
      compileFieldReader({ operand: path('tags'), type: 'textList' })({ data: { tags: 'vip' } }),
    ).toBeNull();
  });

  it('reads timestamps and dates as strings', () => {
    const at = compileFieldReader({ operand: { kind: 'column', column: 'at' }, type: 'timestamp' });
    expect(at({ at: '2024-01-01T00:00:00.000Z' })).toBe('2024-01-01T00:00:00.000Z');
  });

  it('rejects an unknown value type with INVALID_FILTER', () => {
    expect(() =>
      compileFieldReader({ operand: { kind: 'column', column: 'x' }, type: 'money' as never }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});

describe('the monthDay part', () => {
  const birthday = { kind: 'column', column: 'birthday', part: 'monthDay' } as const;
  const customDate = { kind: 'jsonPath', column: 'data', path: ['since'], part: 'monthDay' } as const;

  it('reads the MM-DD of a date column and of a custom JSON date', () => {
    expect(readOperand(birthday, { birthday: '1992-02-29' })).toBe('02-29');
    expect(readOperand(customDate, { data: { since: '2020-12-31' } })).toBe('12-31');
  });

  it('reads null for a null or missing date and for a value that is not text', () => {
    expect(readOperand(birthday, { birthday: null })).toBeNull();
    expect(readOperand(customDate, { data: {} })).toBeNull();
    expect(
      compileFieldReader({ operand: customDate, type: 'date' })({ data: { since: 20201231 } }),
    ).toBeNull();
  });

  it("counts characters by code point, as SQL's substr does", () => {
    expect(readOperand(birthday, { birthday: '\u{1F600}234-05-06' })).toBe('05-06');
    expect(readOperand(birthday, { birthday: 'abc' })).toBe('');
  });

  it('is refused on any type but date, and an unknown part too, with INVALID_FILTER', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_FILTER' });
    expect(() => compileFieldReader({ operand: birthday, type: 'text' })).toThrow(invalid);
    expect(() => compileFieldReader({ operand: birthday, type: 'timestamp' })).toThrow(invalid);
    expect(() => readOperand({ kind: 'column', column: 'birthday', part: 'year' as never }, {})).toThrow(
      invalid,
    );
  });
});
