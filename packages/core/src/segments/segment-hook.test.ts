import { describe, expect, it } from 'vitest';
import type { FilterContext } from '../filter/filter-context';
import { resolveFilter } from '../filter/resolve-filter';
import type { Segment } from './segment';
import { createSegmentHook } from './segment-hook';

const segment = (id: string, kind: Segment['kind'], filter: unknown): Segment =>
  ({ id, kind, filter, entity: 'person', name: id, version: 1 }) as unknown as Segment;

function contextOver(segments: readonly Segment[]): FilterContext {
  const map = new Map(segments.map((item) => [item.id, item]));
  const context: FilterContext = {
    entity: 'person',
    now: new Date('2025-01-15T09:30:00.000Z'),
    actorId: 'u1',
    segment: createSegmentHook(map, () => context),
  };
  return context;
}

describe('createSegmentHook', () => {
  it('gives a dynamic segment its filter and a listed one a lookup in segment_members', () => {
    const context = contextOver([
      segment('north', 'dynamic', { field: 'region', op: 'eq', value: 'North' }),
      segment('vip', 'static', null),
    ]);
    expect(resolveFilter({ segment: 'north' }, context)).toMatchObject({
      kind: 'compare',
      field: { operand: { column: 'region' } },
      value: 'North',
    });
    expect(resolveFilter({ segment: 'vip' }, context)).toMatchObject({
      kind: 'related',
      relation: { table: 'segment_members', foreignColumn: 'record_id', localColumn: 'id' },
    });
  });

  it('knows segments of the entity only', () => {
    const context = contextOver([segment('north', 'dynamic', { field: 'region', op: 'eq', value: 'North' })]);
    expect(() => resolveFilter({ segment: 'north' }, { ...context, entity: 'company' })).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
  });

  it('refuses stored segments that lead back to themselves, naming the chain', () => {
    const context = contextOver([
      segment('a', 'dynamic', { segment: 'b' }),
      segment('b', 'dynamic', { not: { segment: 'a' } }),
    ]);
    expect(() => resolveFilter({ segment: 'a' }, context)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER', details: { segmentIds: ['a', 'b', 'a'] } }),
    );
  });

  it('resolves a dynamic segment without the reader as current actor, and says which segment failed', () => {
    const context = contextOver([segment('mine', 'dynamic', { field: 'ownerId', op: 'isCurrentActor' })]);
    expect(() => resolveFilter({ segment: 'mine' }, context)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER', details: { segmentId: 'mine' } }),
    );
  });
});
