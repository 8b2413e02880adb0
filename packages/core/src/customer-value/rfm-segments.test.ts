import { describe, expect, it } from 'vitest';
import { rfmSegmentOf, rfmSegments } from './rfm-segments';

const scores = [1, 2, 3, 4, 5];

describe('rfmSegmentOf', () => {
  it('names every one of the 125 score combinations, and every group names some', () => {
    const named = new Set<string>();
    for (const r of scores)
      for (const f of scores)
        for (const m of scores) {
          const segment = rfmSegmentOf(r, f, m);
          expect(rfmSegments, `${r}${f}${m}`).toContain(segment);
          named.add(segment);
        }
    expect([...named].sort()).toEqual([...rfmSegments].sort());
  });

  it('groups by recency and the mean of frequency and monetary, halves rounded up', () => {
    expect(rfmSegmentOf(5, 5, 5)).toBe('champions');
    expect(rfmSegmentOf(5, 4, 3)).toBe('champions');
    expect(rfmSegmentOf(5, 1, 1)).toBe('newCustomers');
    expect(rfmSegmentOf(4, 1, 1)).toBe('promising');
    expect(rfmSegmentOf(4, 3, 4)).toBe('loyal');
    expect(rfmSegmentOf(3, 2, 3)).toBe('needAttention');
    expect(rfmSegmentOf(3, 1, 1)).toBe('aboutToSleep');
    expect(rfmSegmentOf(2, 3, 4)).toBe('atRisk');
    expect(rfmSegmentOf(1, 5, 4)).toBe('cannotLoseThem');
    expect(rfmSegmentOf(2, 2, 1)).toBe('hibernating');
    expect(rfmSegmentOf(1, 1, 2)).toBe('lost');
  });
});
