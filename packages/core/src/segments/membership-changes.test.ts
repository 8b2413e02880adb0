import { describe, expect, it } from 'vitest';
import { archivedIs, columnEquals } from '../records/conditions';
import type { Condition } from '../storage/condition';
import { createRelatedRows } from '../storage/related-rows';
import type { CompiledSegment } from './membership-changes';
import { membershipChanges } from './membership-changes';
import type { Segment } from './segment';

const compiled = (
  name: string,
  condition: Condition,
  columns: string[],
  tables: string[] = [],
): CompiledSegment => ({
  segment: { id: name, name } as Segment,
  condition: { kind: 'and', conditions: [archivedIs(false), condition] },
  columns: new Set(['archived_at', ...columns]),
  tables: new Set(tables),
});
const ceo = compiled('CEOs', columnEquals('title', 'CEO'), ['title']);
const ordered = compiled(
  'Ordered',
  {
    kind: 'related',
    relation: { table: 'orders', link: 'column', foreignColumn: 'person_id', localColumn: 'id' },
    aggregate: { fn: 'exists' },
    negate: false,
  },
  ['id'],
  ['orders'],
);
const person = { tenant_id: 't1', id: 'p1', version: 1, title: 'CEO', archived_at: null };
const none = createRelatedRows(() => []);
const withOrder = createRelatedRows(() => [{ tenant_id: 't1', id: 'o1', person_id: 'p1' }]);
const seen = (changes: ReturnType<typeof membershipChanges>) =>
  changes.map((change) => [change.segment.name, change.entered ? 'entered' : 'left', change.recordVersion]);

describe('membershipChanges', () => {
  it('reports entering on create, leaving on delete and archive', () => {
    const views = { before: none, after: none };
    expect(seen(membershipChanges([ceo], [{ before: null, after: person }], views))).toEqual([
      ['CEOs', 'entered', 1],
    ]);
    expect(seen(membershipChanges([ceo], [{ before: person, after: null }], views))).toEqual([
      ['CEOs', 'left', 1],
    ]);
    const archived = { ...person, version: 2, archived_at: '2025-01-15T00:00:00.000Z' };
    expect(seen(membershipChanges([ceo], [{ before: person, after: archived }], views))).toEqual([
      ['CEOs', 'left', 2],
    ]);
  });

  it('compares the related rows before and after the change', () => {
    const views = { before: none, after: withOrder };
    expect(seen(membershipChanges([ordered], [{ before: person, after: person }], views, 'orders'))).toEqual([
      ['Ordered', 'entered', 1],
    ]);
  });

  it('skips segments that read nothing the change touched', () => {
    // The views disagree, but the change did not touch orders: the segment is not asked.
    const views = { before: none, after: withOrder };
    const renamed = { ...person, version: 2, title: 'CTO' };
    expect(
      seen(membershipChanges([ceo, ordered], [{ before: person, after: renamed }], views, 'people')),
    ).toEqual([['CEOs', 'left', 2]]);
  });
});
