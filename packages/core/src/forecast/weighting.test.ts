import { describe, expect, it } from 'vitest';
import { dealForecast, weightedAmount } from './weighting';

describe('weightedAmount', () => {
  it('multiplies and rounds to the nearest minor unit, halves away from zero', () => {
    expect(weightedAmount(10_000, 0.3)).toBe(3_000);
    expect(weightedAmount(333, 0.15)).toBe(50);
    expect(weightedAmount(5, 0.5)).toBe(3);
    expect(weightedAmount(-5, 0.5)).toBe(-3);
    expect(weightedAmount(1, 0.49)).toBe(0);
    expect(weightedAmount(0, 0.7)).toBe(0);
  });

  it('is exact where floating point is not', () => {
    // 100 × 0.145 is 14.499999999999998 in doubles: Math.round would give 14.
    expect(weightedAmount(100, 0.145)).toBe(15);
    expect(weightedAmount(1_050, 0.07)).toBe(74);
    expect(weightedAmount(201, 0.5)).toBe(101);
    expect(weightedAmount(2 ** 53 - 1, 1)).toBe(2 ** 53 - 1);
    expect(weightedAmount(9_007_199_254_740_990, 0.5)).toBe(4_503_599_627_370_495);
  });

  it('takes the probability to the nearest millionth first', () => {
    expect(weightedAmount(1_000_000_000, 0.123_456_7)).toBe(123_457_000);
  });
});

describe('dealForecast', () => {
  const stage = { probability: 0.4, category: 'best_case' as const };

  it('closes a won deal at 100% and omits a lost one at 0%, whatever the stage', () => {
    expect(dealForecast({ status: 'won', probability: 0.2 }, stage)).toEqual({
      category: 'closed',
      probability: 1,
    });
    expect(dealForecast({ status: 'lost', probability: 0.9 }, stage)).toEqual({
      category: 'omitted',
      probability: 0,
    });
  });

  it("weighs an open deal by its own probability, else its stage's, else 0", () => {
    expect(dealForecast({ status: 'open', probability: 0.75 }, stage)).toEqual({
      category: 'best_case',
      probability: 0.75,
    });
    expect(dealForecast({ status: 'open', probability: 0 }, stage).probability).toBe(0);
    expect(dealForecast({ status: 'open', probability: null }, stage).probability).toBe(0.4);
    expect(dealForecast({ status: 'open', probability: null }, undefined)).toEqual({
      category: 'pipeline',
      probability: 0,
    });
  });
});
