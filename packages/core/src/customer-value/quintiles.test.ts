import { describe, expect, it } from 'vitest';
import { quintileEdges, quintileScore } from './quintiles';

const scores = (values: readonly number[]) => {
  const edges = quintileEdges(values);
  return values.map((value) => quintileScore(value, edges));
};

describe('quintiles', () => {
  it('cuts ten distinct values into five scores of two', () => {
    expect(quintileEdges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([3, 5, 7, 9]);
    expect(scores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives equal values one score, the top of their run, and skips the scores the run spans', () => {
    expect(quintileEdges([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).toEqual([1, 1, 2, 4]);
    expect(scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 5, 5]);
    expect(scores([7, 7, 7])).toEqual([5, 5, 5]);
  });

  it('scores a member ⌈5 × the share of the population at or below it⌉', () => {
    const values = [4, 8, 8, 15, 16, 23, 42];
    const expected = values.map((value) =>
      Math.ceil((5 * values.filter((other) => other <= value).length) / values.length),
    );
    expect(scores(values)).toEqual(expected);
  });

  it('scores small populations: one member 5, two members 3 and 5', () => {
    expect(scores([100])).toEqual([5]);
    expect(scores([100, 200])).toEqual([3, 5]);
  });

  it('orders dates as text and places new values against stored edges', () => {
    const edges = quintileEdges(['2024-03-01', '2024-10-05', '2024-12-20', '2025-01-12', '2025-01-14']);
    expect(edges).toEqual(['2024-10-05', '2024-12-20', '2025-01-12', '2025-01-14']);
    expect(quintileScore('2023-01-01', edges)).toBe(1);
    expect(quintileScore('2025-01-13', edges)).toBe(4);
    expect(quintileScore('2025-02-01', edges)).toBe(5);
  });

  it('has no edges for nobody, and then scores everyone 5', () => {
    expect(quintileEdges([])).toBeUndefined();
    expect(quintileScore(1, undefined)).toBe(5);
  });
});
