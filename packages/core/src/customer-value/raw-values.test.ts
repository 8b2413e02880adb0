import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../storage/evaluate-condition';
import { countingOrders, rawValuesOf } from './raw-values';

const order = (
  personId: string | null,
  orderedAt: string,
  total: number,
  extra: Record<string, unknown> = {},
) => ({
  tenant_id: 't',
  person_id: personId,
  ordered_at: orderedAt,
  total,
  currency: 'USD',
  type: 'sale',
  status: 'confirmed',
  archived_at: null,
  ...extra,
});

describe('raw values', () => {
  it('counts every order and the last date, and sums only the configured currency', () => {
    const raw = rawValuesOf(
      [
        order('p1', '2025-01-02T00:00:00.000Z', 100),
        order('p1', '2025-03-01T00:00:00.000Z', 999, { currency: 'EUR' }),
        order('p1', '2024-12-31T23:59:59.999Z', 50),
        order(null, '2025-05-01T00:00:00.000Z', 7),
      ],
      'person_id',
      'USD',
    );
    expect([...raw]).toEqual([
      ['p1', { lastOrderAt: '2025-03-01T00:00:00.000Z', orderCount: 3, total: 150 }],
    ]);
  });

  it('counts orders that are not archived, not cancelled, and of a counting type', () => {
    const counts = (row: Record<string, unknown>, orderTypes: string[] | null) =>
      evaluateCondition(countingOrders({ orderTypes }), row);
    expect(counts(order('p', '2025-01-01T00:00:00.000Z', 1), null)).toBe(true);
    expect(counts(order('p', '2025-01-01T00:00:00.000Z', 1, { status: 'draft' }), null)).toBe(true);
    expect(counts(order('p', '2025-01-01T00:00:00.000Z', 1, { status: 'cancelled' }), null)).toBe(false);
    expect(
      counts(order('p', '2025-01-01T00:00:00.000Z', 1, { archived_at: '2025-01-02T00:00:00.000Z' }), null),
    ).toBe(false);
    expect(counts(order('p', '2025-01-01T00:00:00.000Z', 1, { type: 'sample' }), ['sale'])).toBe(false);
    expect(counts(order('p', '2025-01-01T00:00:00.000Z', 1), ['sale'])).toBe(true);
  });
});
