import { describe, expect, it } from 'vitest';
import type { FieldRef } from '../storage/condition';
import { aggregateValue } from './aggregate-value';

const total: FieldRef = { operand: { kind: 'column', column: 'total' }, type: 'number' };
const orderedAt: FieldRef = { operand: { kind: 'column', column: 'ordered_at' }, type: 'timestamp' };
const orders = [
  { total: 500, ordered_at: '2025-01-02T00:00:00.000Z' },
  { total: null, ordered_at: '2024-12-31T00:00:00.000Z' },
  { total: 250, ordered_at: '2025-01-10T00:00:00.000Z' },
];

describe('aggregateValue', () => {
  it('counts the matching rows for exists and count', () => {
    expect(aggregateValue({ fn: 'exists' }, orders)).toBe(3);
    expect(aggregateValue({ fn: 'count', op: 'gt', value: 1 }, [])).toBe(0);
  });

  it('sums, averages and picks extremes of non-null values, as the evaluator compares them', () => {
    expect(aggregateValue({ fn: 'sum', field: total, op: 'gt', value: 0 }, orders)).toBe(750);
    expect(aggregateValue({ fn: 'avg', field: total, op: 'gt', value: 0 }, orders)).toBe(375);
    expect(aggregateValue({ fn: 'min', field: total, op: 'gt', value: 0 }, orders)).toBe(250);
    expect(aggregateValue({ fn: 'max', field: orderedAt, op: 'gt', value: '' }, orders)).toBe(
      '2025-01-10T00:00:00.000Z',
    );
  });

  it('gives 0 for a sum and null for the others over no values', () => {
    expect(aggregateValue({ fn: 'sum', field: total, op: 'gt', value: 0 }, [])).toBe(0);
    expect(aggregateValue({ fn: 'avg', field: total, op: 'gt', value: 0 }, [{ total: null }])).toBeNull();
    expect(aggregateValue({ fn: 'max', field: orderedAt, op: 'gt', value: '' }, [])).toBeNull();
  });
});
