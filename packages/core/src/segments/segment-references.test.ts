import { describe, expect, it } from 'vitest';
import type { Segment } from './segment';
import { reachableSegments, segmentReferences } from './segment-references';

const segment = (id: string, filter: unknown): Segment =>
  ({ id, filter, entity: 'person', kind: 'dynamic', name: id, version: 1 }) as unknown as Segment;

describe('segmentReferences', () => {
  it('finds every segment node with its path, inside groups and related conditions', () => {
    const filter = {
      all: [
        { segment: 'a' },
        { not: { segment: 'b' } },
        { related: 'orders', aggregate: 'exists', where: { any: [{ segment: 'c' }] } },
      ],
    };
    expect(segmentReferences(filter)).toEqual([
      { id: 'a', path: ['all', 0] },
      { id: 'b', path: ['all', 1, 'not'] },
      { id: 'c', path: ['all', 2, 'where', 'any', 0] },
    ]);
  });

  it('ignores what is not a filter and stops at absurd depths', () => {
    expect(segmentReferences(null)).toEqual([]);
    expect(segmentReferences({ segment: 7 })).toEqual([]);
    let deep: unknown = { segment: 'deep' };
    for (let level = 0; level < 500; level++) deep = { not: deep };
    expect(segmentReferences(deep)).toEqual([]);
  });
});

describe('reachableSegments', () => {
  it('follows the filters of the segments named, and stops at cycles', () => {
    const segments = new Map([
      ['a', segment('a', { segment: 'b' })],
      ['b', segment('b', { any: [{ segment: 'c' }, { segment: 'a' }] })],
      ['c', segment('c', { field: 'title', op: 'eq', value: 'CEO' })],
    ]);
    expect([...reachableSegments({ segment: 'a' }, segments)].sort()).toEqual(['a', 'b', 'c']);
    expect([...reachableSegments({ segment: 'c' }, segments)]).toEqual(['c']);
    expect([...reachableSegments({ segment: 'unknown' }, segments)]).toEqual(['unknown']);
  });
});
