import { describe, expect, it } from 'vitest';
import type { Condition, FieldRef } from './condition';
import { compileCondition, evaluateCondition } from './evaluate-condition';

const field = (column: string, type: FieldRef['type']): FieldRef => ({
  operand: { kind: 'column', column },
  type,
});
const invalid = expect.objectContaining({ name: 'RapportError', code: 'INVALID_FILTER' });

describe('compileCondition', () => {
  it('rejects ordering comparisons on booleans with INVALID_FILTER', () => {
    const condition: Condition = {
      kind: 'compare',
      field: field('active', 'boolean'),
      op: 'lt',
      value: true,
      caseInsensitive: false,
    };
    expect(() => compileCondition(condition)).toThrow(invalid);
  });

  it('rejects a value of another type than the field with INVALID_FILTER', () => {
    expect(() =>
      compileCondition({
        kind: 'compare',
        field: field('count', 'number'),
        op: 'eq',
        value: '3',
        caseInsensitive: false,
      }),
    ).toThrow(invalid);
    expect(() =>
      compileCondition({
        kind: 'in',
        field: field('name', 'text'),
        values: ['a', 1],
        negate: false,
        caseInsensitive: false,
      }),
    ).toThrow(invalid);
    expect(() =>
      compileCondition({
        kind: 'compare',
        field: field('score', 'number'),
        op: 'gt',
        value: Number.NaN,
        caseInsensitive: false,
      }),
    ).toThrow(invalid);
  });

  it('rejects text operators on numbers and scalar operators on text lists with INVALID_FILTER', () => {
    expect(() =>
      compileCondition({
        kind: 'text',
        field: field('count', 'number'),
        op: 'contains',
        value: '1',
        caseInsensitive: false,
      }),
    ).toThrow(invalid);
    expect(() =>
      compileCondition({
        kind: 'compare',
        field: field('tags', 'textList'),
        op: 'eq',
        value: 'a',
        caseInsensitive: false,
      }),
    ).toThrow(invalid);
  });

  it('rejects has on a field that is not a text list with INVALID_FILTER', () => {
    expect(() =>
      compileCondition({ kind: 'has', field: field('name', 'text'), values: ['a'], mode: 'any' }),
    ).toThrow(invalid);
  });

  it('rejects an unknown condition kind with INVALID_FILTER, even nested', () => {
    expect(() =>
      compileCondition({ kind: 'and', conditions: [{ kind: 'regex' } as unknown as Condition] }),
    ).toThrow(invalid);
  });

  it('ignores caseInsensitive on timestamps, which are not text', () => {
    const at: Condition = {
      kind: 'compare',
      field: field('at', 'timestamp'),
      op: 'eq',
      value: '2024-01-01t00:00:00.000z',
      caseInsensitive: true,
    };
    expect(compileCondition(at)({ at: '2024-01-01T00:00:00.000Z' })).toBe(false);
  });

  it('lets in and notIn compare booleans', () => {
    const isTrue: Condition = {
      kind: 'in',
      field: field('active', 'boolean'),
      values: [true],
      negate: false,
      caseInsensitive: false,
    };
    expect(compileCondition(isTrue)({ active: true })).toBe(true);
    expect(compileCondition({ ...isTrue, negate: true })({ active: null })).toBe(true);
  });

  it('has never matches list elements that are not strings', () => {
    const condition: Condition = {
      kind: 'has',
      field: field('tags', 'textList'),
      values: ['1'],
      mode: 'any',
    };
    expect(compileCondition(condition)({ tags: [1] })).toBe(false);
    expect(compileCondition(condition)({ tags: ['1'] })).toBe(true);
  });

  it('treats a zero of either sign as equal, as SQL does', () => {
    const condition: Condition = {
      kind: 'compare',
      field: field('n', 'number'),
      op: 'eq',
      value: 0,
      caseInsensitive: false,
    };
    expect(compileCondition(condition)({ n: -0 })).toBe(true);
  });
});

describe('evaluateCondition', () => {
  it('answers like the compiled predicate', () => {
    const condition: Condition = { kind: 'null', field: field('name', 'text'), negate: true };
    expect(evaluateCondition(condition, { name: '' })).toBe(true);
    expect(evaluateCondition(condition, { name: null })).toBe(false);
    expect(evaluateCondition(condition, {})).toBe(false);
  });

  it('compiles each condition object once, however many rows it evaluates', () => {
    let reads = 0;
    const condition = { kind: 'and', conditions: [] } as { kind: 'and'; conditions: Condition[] };
    Object.defineProperty(condition, 'conditions', {
      get: () => {
        reads += 1;
        return [];
      },
    });
    evaluateCondition(condition, {});
    const readsToCompile = reads;
    for (let index = 0; index < 5; index++) evaluateCondition(condition, {});
    expect(readsToCompile).toBeGreaterThan(0);
    expect(reads).toBe(readsToCompile);
  });
});
