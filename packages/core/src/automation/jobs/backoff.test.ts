import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const options = { backoffMs: 1000, maxBackoffMs: 10_000 };

  it('doubles the delay for each attempt after the first', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than maxBackoffMs, however many attempts', () => {
    expect(backoffDelay(5, options)).toBe(10_000);
    expect(backoffDelay(10_000, options)).toBe(10_000);
  });
});
