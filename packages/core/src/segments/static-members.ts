import { entityDef } from '../entities/registry';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError, validationError } from '../errors/rapport-error';
import { allOf, columnEquals, columnIn } from '../records/conditions';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import { listingChanges } from './listing-changes';
import type { MembershipChange } from './membership-changes';
import { segmentMembersTableName } from './membership-condition';
import type { Segment } from './segment';
import { journalSegment } from './segment-journal';

/** The most records one `add` or `remove` takes. */
export const maxMembersPerCall = 1_000;

/** What one call of `add` or `remove` works with. */
export interface StaticMembersScope {
  readonly tx: StorageWriter;
  readonly runtime: CrmRuntime;
  readonly context: CrmContext;
  readonly at: string;
  readonly segment: Segment;
}

/**
 * Checks the ids of an `add` or `remove`: a list of at most {@link maxMembersPerCall} non-empty strings;
 * repeats count once. VALIDATION_FAILED with the index of each bad entry.
 */
export function checkRecordIds(recordIds: unknown): string[] {
  if (!Array.isArray(recordIds)) {
    throw validationError([{ code: 'invalid_type', path: [], message: 'Expected a list of record ids' }]);
  }
  if (recordIds.length > maxMembersPerCall) {
    throw validationError([
      { code: 'too_big', path: [], message: `At most ${maxMembersPerCall} records per call` },
    ]);
  }
  const issues: RapportIssue[] = [];
  recordIds.forEach((id, index) => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 255)
      issues.push({ code: 'invalid_type', path: [index], message: 'Expected a record id' });
  });
  if (issues.length > 0) throw validationError(issues);
  return [...new Set(recordIds as string[])];
}

/** The `segment_members` rows of `segment` for these records. */
async function listedRows(scope: StaticMembersScope, recordIds: readonly string[]): Promise<Row[]> {
  const { tx, context, segment } = scope;
  return tx.findMany({
    table: segmentMembersTableName,
    tenantId: context.tenantId,
    where: allOf(columnEquals('segment_id', segment.id), columnIn('record_id', recordIds)),
  });
}

/** Refuses ids that are not records of the segment's entity the caller may read (INVALID_REFERENCE). */
async function checkRecordsExist(scope: StaticMembersScope, recordIds: readonly string[]): Promise<void> {
  const { tx, runtime, context, segment } = scope;
  const readScope = runtime.access.readScope({ context, entity: segment.entity });
  const found = await tx.findMany({
    table: entityDef(segment.entity).table,
    tenantId: context.tenantId,
    where: allOf(columnIn('id', recordIds), readScope),
  });
  const known = new Set(found.map((row) => row.id));
  const missing = recordIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new RapportError('INVALID_REFERENCE', `No ${segment.entity} with id ${missing.join(', ')}`, {
      issues: missing.map((id) => ({
        code: 'invalid_reference',
        path: [recordIds.indexOf(id)],
        message: `No ${segment.entity} with this id`,
      })),
      details: { entity: segment.entity, ids: missing },
    });
  }
}

/**
 * Lists records in a static segment, inside `scope.tx`: refuses ids that are not records of its entity,
 * skips records already listed, writes the audit entry and outbox event of the segment (`addedMembers`)
 * and returns the membership changes (a listed archived record enters nothing until restored).
 *
 * @example
 * ```ts
 * const changes = await addStaticMembers(scope, ['0193...', '0193...']);
 * ```
 */
export async function addStaticMembers(
  scope: StaticMembersScope,
  recordIds: readonly string[],
): Promise<{ added: string[]; changes: MembershipChange[] }> {
  const { tx, runtime, context, at, segment } = scope;
  await checkRecordsExist(scope, recordIds);
  const listed = new Set((await listedRows(scope, recordIds)).map((row) => row.record_id));
  const added = recordIds.filter((id) => !listed.has(id));
  if (added.length === 0) return { added, changes: [] };
  await tx.insert({
    table: segmentMembersTableName,
    rows: added.map((id) => ({
      tenant_id: context.tenantId,
      segment_id: segment.id,
      record_id: id,
      added_at: at,
    })),
  });
  await journalSegment(tx, context, at, segment, segment, { addedMembers: { before: null, after: added } });
  const changes = await listingChanges({
    tx,
    runtime,
    tenantId: context.tenantId,
    segment,
    added,
    removed: [],
  });
  return { added, changes };
}

/**
 * Takes records out of a static segment, inside `scope.tx`: ids not listed are skipped; writes the audit
 * entry and outbox event of the segment (`removedMembers`) and returns the membership changes.
 *
 * @example
 * ```ts
 * const changes = await removeStaticMembers(scope, [personId]);
 * ```
 */
export async function removeStaticMembers(
  scope: StaticMembersScope,
  recordIds: readonly string[],
): Promise<{ removed: string[]; changes: MembershipChange[] }> {
  const { tx, runtime, context, at, segment } = scope;
  const rows = await listedRows(scope, recordIds);
  const removed = rows.map((row) => row.record_id as string);
  if (removed.length === 0) return { removed, changes: [] };
  await tx.delete({
    table: segmentMembersTableName,
    tenantId: context.tenantId,
    where: allOf(columnEquals('segment_id', segment.id), columnIn('record_id', removed)) as Condition,
  });
  await journalSegment(tx, context, at, segment, segment, {
    removedMembers: { before: removed, after: null },
  });
  const changes = await listingChanges({
    tx,
    runtime,
    tenantId: context.tenantId,
    segment,
    added: [],
    removed: rows,
  });
  return { removed, changes };
}
