import { columnEquals } from '../records/conditions';
import type { Condition, Relation } from '../storage/condition';

/** The table the members of static and snapshot segments live in. */
export const segmentMembersTableName = 'segment_members';

/** From a record to its rows in `segment_members`. */
export const segmentMembersRelation: Relation = {
  table: segmentMembersTableName,
  link: 'column',
  foreignColumn: 'record_id',
  localColumn: 'id',
};

/**
 * "The record is listed in this static or snapshot segment": a related condition over `segment_members`,
 * which SQL adapters run as an `exists` on its primary key and the memory evaluator as a lookup.
 *
 * @example
 * ```ts
 * listedIn(segment.id);
 * // { kind: 'related', relation: segmentMembersRelation, where: segment_id = id, aggregate: { fn: 'exists' }, negate: false }
 * ```
 */
export function listedIn(segmentId: string): Condition {
  return {
    kind: 'related',
    relation: segmentMembersRelation,
    where: columnEquals('segment_id', segmentId),
    aggregate: { fn: 'exists' },
    negate: false,
  };
}
