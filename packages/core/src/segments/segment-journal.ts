import type { Changes, FieldChange, RecordAction } from '../events/crm-events';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { writeJournal } from '../records/write-journal';
import type { StorageWriter } from '../storage/adapter';
import type { Segment } from './segment';

/** The fields of a segment whose changes the audit log reports. */
const reported = ['entity', 'kind', 'name', 'description', 'filter', 'refreshedAt', 'archivedAt'] as const;

/** The reported fields that differ between two versions of a segment (every set field on create). */
export function segmentChanges(before: Segment | null, after: Segment): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const name of reported) {
    const previous = before?.[name] ?? null;
    if (!jsonEqual(previous, after[name])) changes[name] = { before: previous, after: after[name] };
  }
  return changes;
}

function actionOf(before: Segment | null, after: Segment): RecordAction {
  if (before === null) return 'created';
  if (before.archivedAt === after.archivedAt) return 'updated';
  return after.archivedAt === null ? 'restored' : 'archived';
}

/**
 * Writes the audit entry and outbox event (`segment.created`, `segment.updated`, ...) of one change of a
 * segment, inside the caller's transaction. `changes` defaults to the segment's changed fields; a change
 * of members passes its own (`members`, with the ids added or removed).
 *
 * @example
 * ```ts
 * await journalSegment(tx, context, at, current, next);
 * ```
 */
export async function journalSegment(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  before: Segment | null,
  after: Segment,
  changes: Changes = segmentChanges(before, after),
): Promise<void> {
  await writeJournal(tx, context, at, [
    {
      entity: 'segment',
      action: actionOf(before, after),
      recordId: after.id,
      version: after.version,
      changes,
      record: { ...after },
    },
  ]);
}
