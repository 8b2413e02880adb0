import { describe, expect, it } from 'vitest';
import { fitsInteger, integerComparison } from './integer-comparison';

describe('integerComparison', () => {
  it('rounds a fraction toward the integers the comparison keeps', () => {
    expect(integerComparison('lt', 2.5)).toEqual({ op: 'lt', value: 3 });
    expect(integerComparison('lte', 2.5)).toEqual({ op: 'lte', value: 2 });
    expect(integerComparison('gt', -2.5)).toEqual({ op: 'gt', value: -3 });
    expect(integerComparison('gte', -2.5)).toEqual({ op: 'gte', value: -2 });
  });

  it('answers eq and ne at once: no integer equals a fraction, and ne matches null too', () => {
    expect(integerComparison('eq', 0.5)).toBe('none');
    expect(integerComparison('ne', 0.5)).toBe('all');
  });

  it('answers comparisons beyond 64 bits from their side', () => {
    expect(integerComparison('lt', 1e30)).toBe('notNull');
    expect(integerComparison('gte', 2 ** 63)).toBe('none');
    expect(integerComparison('gt', -1e30)).toBe('notNull');
    expect(integerComparison('lte', -1e30)).toBe('none');
  });
});

describe('fitsInteger', () => {
  it('takes whole numbers within 64 bits only', () => {
    expect(fitsInteger(-(2 ** 63))).toBe(true);
    expect(fitsInteger(2 ** 62)).toBe(true);
    expect(fitsInteger(2 ** 63)).toBe(false);
    expect(fitsInteger(0.5)).toBe(false);
  });
});
