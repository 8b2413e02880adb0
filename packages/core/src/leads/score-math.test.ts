import { describe, expect, it } from 'vitest';
import { daysBetween, decayedPoints, decayFactor, roundPoints, totalScore } from './score-math';

describe('lead score math', () => {
  it('counts whole calendar days, across month and leap-year ends', () => {
    expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
  });

  it('halves the points every half-life', () => {
    expect(decayFactor(0, 30)).toBe(1);
    expect(decayFactor(30, 30)).toBe(0.5);
    expect(decayFactor(60, 30)).toBe(0.25);
    expect(decayFactor(15, 30)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('gives a future activity its full points, never more', () => {
    expect(decayFactor(-3, 30)).toBe(1);
  });

  it('rounds each contribution to two decimals', () => {
    expect(decayedPoints(20, 60, 30)).toBe(5);
    expect(decayedPoints(10, 10, 30)).toBe(7.94);
    expect(decayedPoints(-10, 30, 30)).toBe(-5);
    expect(roundPoints(1.005)).toBe(1);
  });

  it('adds fit points and the shown contributions, rounding the sum to a whole score', () => {
    expect(totalScore([10, 15], [5, 2.5])).toBe(33);
    expect(totalScore([], [])).toBe(0);
    expect(totalScore([-20], [7.94, 3.97])).toBe(-8);
    expect(totalScore([0], [0.1, 0.2, 0.2])).toBe(1);
  });
});
