/**
 * Re-evaluating one changed record against 1,000 saved segments in memory: the step every write takes to
 * emit `segment.entered` / `segment.left`. It runs core's own functions on conditions resolved from filters
 * of 3 to 5 conditions (fields, custom fields, tags, anniversaries, related orders), with no store: what is
 * timed is the evaluation alone, against the 1 ms budget.
 */
import type { Filter, Row } from '@rapport/core';
import { resolveFilter } from '@rapport/core';
import { archivedIs } from '../packages/core/src/records/conditions';
import type { CompiledSegment } from '../packages/core/src/segments/membership-changes';
import { membershipChanges } from '../packages/core/src/segments/membership-changes';
import { outerColumns } from '../packages/core/src/segments/outer-columns';
import { relationTree, tablesOf } from '../packages/core/src/segments/relation-tree';
import type { Segment } from '../packages/core/src/segments/segment';
import { createRelatedRows } from '../packages/core/src/storage/related-rows';
import type { Measurement } from './measure';
import { opsPerSecond } from './measure';
import { seededRandom } from './people-generator';
import { benchNow, orderRow, personRow } from './segment-workload';

const regions = ['North', 'South', 'East', 'West', 'Central'];
const stages = ['lead', 'prospect', 'customer', 'churned'];

/** Segment number `index`: 3 to 5 conditions drawn from the kinds a CRM's segments use. */
function segmentFilter(index: number, random: () => number): Filter<'person'> {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  const kinds: Filter<'person'>[] = [
    { field: 'region', op: 'eq', value: pick(regions) },
    { field: 'lifecycleStage', op: 'in', value: [pick(stages), pick(stages)] },
    { field: 'birthday', op: 'anniversaryInNext', value: 1 + Math.floor(random() * 30) },
    { field: 'tags', op: 'hasAny', value: ['vip', `tag-${index % 7}`] },
    { field: 'lastName', op: 'startsWith', value: pick(['M', 'D', 'S', 'G']), mode: 'insensitive' },
    { field: 'custom.score', op: 'gte', value: Math.floor(random() * 100) },
    {
      related: 'orders',
      aggregate: 'sum',
      of: 'total',
      op: 'gt',
      value: 10_000 + Math.floor(random() * 90_000),
      where: { field: 'orderedAt', op: 'inLast', value: 365, unit: 'days' },
    },
    { related: 'orders', aggregate: 'count', op: 'gte', value: 1 + Math.floor(random() * 4) },
  ];
  const size = 3 + Math.floor(random() * 3);
  // The region leads every filter, so that a change of region reaches every segment: the worst case.
  const rest = kinds.slice(1).sort(() => random() - 0.5);
  return { all: [kinds[0] as Filter<'person'>, ...rest.slice(0, size - 1)] };
}

const context = {
  entity: 'person' as const,
  now: benchNow,
  timeZone: 'Europe/Paris',
  customFields: {
    person: [
      {
        id: 'score',
        version: 1,
        entity: 'person' as const,
        key: 'score',
        label: 'Score',
        description: null,
        type: 'number' as const,
        required: false,
        unique: false,
        indexed: false,
        defaultValue: null,
        min: null,
        max: null,
        pattern: null,
        options: [],
        relationEntity: null,
        scale: null,
        position: 0,
        archivedAt: null,
        createdAt: benchNow.toISOString(),
        updatedAt: benchNow.toISOString(),
      },
    ],
  },
};

/** Segment `index` as the write path holds it: its condition resolved once, with what it reads. */
function compiledSegment(index: number, random: () => number): CompiledSegment {
  const condition = {
    kind: 'and' as const,
    conditions: [archivedIs(false), resolveFilter(segmentFilter(index, random), context)],
  };
  return {
    segment: { id: `segment-${index}`, name: `Segment ${index}` } as Segment,
    condition,
    tables: tablesOf(relationTree([condition])),
    columns: outerColumns(condition),
  };
}

/**
 * Measures how many changed records per second are checked against `segments` saved segments (before and
 * after the change, with the person's orders as related rows), reported against the 1 ms budget.
 */
export async function reevaluationBench(segments: number, changes: number): Promise<Measurement> {
  const random = seededRandom(31);
  const compiled = Array.from({ length: segments }, (_, index) => compiledSegment(index, random));
  const person = personRow(0, random);
  // JSON columns as a store reads them back: decoded.
  const before: Row = {
    ...person,
    region: 'North',
    custom: { score: 50 },
    tags: ['vip'],
    birthday: '1980-06-20',
  };
  const after: Row = { ...before, region: 'South', version: 2 };
  const orders = Array.from({ length: 5 }, (_, index) => orderRow(person.id as string, index, random));
  const related = createRelatedRows((table) => (table === 'orders' ? orders : []));
  const views = { before: related, after: related };
  let moved = 0;
  const best: number[] = [];
  for (let pass = 0; pass < 3; pass++)
    best.push(
      await opsPerSecond(changes, () => {
        moved += membershipChanges(compiled, [{ before, after }], views).length;
      }),
    );
  if (moved === 0) throw new Error('the change moved the record in or out of no segment');
  return {
    engine: 'memory',
    name: `memory.segments.reevaluate.${segments}`,
    description: `one changed person checked against ${segments} saved segments of 3 to 5 conditions in memory, before and after, vs the 1 ms budget (1,000 per second), ${changes} changes, best of 3`,
    sdk: Math.max(...best),
    raw: 1_000,
    target: 1,
  };
}
