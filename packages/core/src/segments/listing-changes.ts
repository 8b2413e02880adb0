import { entityDef } from '../entities/registry';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import { loadCompiledSegments } from './compiled-segments';
import { evaluateMembership } from './evaluate-membership';
import type { MembershipChange } from './membership-changes';
import { segmentMembersTableName } from './membership-condition';
import { rowsById } from './rows-by-id';
import type { Segment } from './segment';

/** A change of one segment's rows in `segment_members`, already written in `tx`. */
export interface ListingChange {
  readonly tx: StorageWriter;
  readonly runtime: CrmRuntime;
  readonly tenantId: string;
  /** The static or snapshot segment whose members changed. */
  readonly segment: Segment;
  /** Ids of the records listed by the change. */
  readonly added: readonly string[];
  /** The `segment_members` rows the change deleted. */
  readonly removed: readonly Row[];
}

/**
 * The membership changes a change of a segment's listed records makes: the segment's own (a listed
 * record that is archived enters nothing) and those of active segments whose filters name it, directly or
 * through other segments, evaluated in memory for the records concerned only.
 *
 * @example
 * ```ts
 * const changes = await listingChanges({ tx, runtime, tenantId, segment, added: ids, removed: [] });
 * ```
 */
export async function listingChanges(change: ListingChange): Promise<MembershipChange[]> {
  const { tx, runtime, tenantId, segment, added, removed } = change;
  if (added.length === 0 && removed.length === 0) return [];
  const compiled = await loadCompiledSegments(runtime, tx, tenantId, [segment.entity]);
  const reading = compiled.filter((candidate) => candidate.tables.has(segmentMembersTableName));
  if (reading.length === 0) return [];
  const addedIds = new Set(added);
  const ids = [...new Set([...added, ...removed.map((row) => row.record_id as string)])];
  const records = await rowsById(tx, tenantId, entityDef(segment.entity).table, ids);
  return evaluateMembership({
    reader: tx,
    tenantId,
    segments: reading,
    rows: records.map((row) => ({ before: row, after: row })),
    patch: {
      table: segmentMembersTableName,
      isAfterOnly: (row) => row.segment_id === segment.id && addedIds.has(row.record_id as string),
      beforeOnly: removed,
    },
  });
}
