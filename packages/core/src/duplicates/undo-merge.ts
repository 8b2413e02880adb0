import type { EntityName } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { RapportError } from '../errors/rapport-error';
import type { CrmContext } from '../records/context';
import { checkId } from '../records/load-current';
import { publish } from '../records/publish';
import { rowMapping } from '../records/row-mapping';
import type { CrmRuntime } from '../records/runtime';
import { runWriteHooks } from '../records/write-hooks';
import { writeJournal } from '../records/write-journal';
import { businessFields } from '../records/write-scope';
import type { StorageWriter } from '../storage/adapter';
import { publishDuplicateEvents, writeMergeEvent } from './duplicate-events';
import { duplicateMergesTable } from './duplicate-tables';
import { restoreSegmentMembers } from './member-moves';
import type { Merge, MergedRecordState, StoredMerge } from './merge-record';
import { loadMerge, publicMerge } from './merge-record';
import type { RecordRewrite } from './record-writes';
import { rewriteRecords } from './record-writes';

/** A record that changed after the merge, so the merge cannot be undone exactly. */
export interface UndoConflict {
  readonly entity: string;
  readonly id: string;
  /** The version the merge left the record at. */
  readonly expected: number;
  /** Its version now, or null when it was deleted. */
  readonly actual: number | null;
}

function conflict(mergeId: string, conflicts: readonly UndoConflict[], members: boolean): RapportError {
  const what = [
    ...conflicts.map((item) => `${item.entity} ${item.id}`),
    ...(members ? ['static segment members'] : []),
  ];
  return new RapportError(
    'VERSION_CONFLICT',
    `Merge ${mergeId} cannot be undone: ${what.join(', ')} changed after it`,
    { details: { entity: 'duplicateMerge', id: mergeId, records: conflicts, members } },
  );
}

/** Each changed record as it is now, and the ones that are no longer as the merge left them. */
async function currentStates(
  tx: StorageWriter,
  tenantId: string,
  states: readonly MergedRecordState[],
): Promise<{ rewrites: RecordRewrite[]; conflicts: UndoConflict[] }> {
  const rewrites: RecordRewrite[] = [];
  const conflicts: UndoConflict[] = [];
  for (const state of states) {
    const entity = entityDef(state.entity as EntityName);
    const row = await tx.findById({ table: entity.table, tenantId, id: state.id });
    const current = row === undefined ? undefined : rowMapping(entity).toRecord(row);
    if (current === undefined || current.version !== state.version) {
      conflicts.push({
        entity: state.entity,
        id: state.id,
        expected: state.version,
        actual: (current?.version as number | undefined) ?? null,
      });
      continue;
    }
    const restored: Record<string, unknown> = { ...current, archivedAt: state.before.archivedAt ?? null };
    for (const field of businessFields(entity)) restored[field] = state.before[field] ?? null;
    rewrites.push({ entity, current, next: restored });
  }
  return { rewrites, conflicts };
}

/**
 * Undoes a merge in one transaction: every record it changed gets back exactly the business fields it had
 * before (the winner its values, the losers their values and their life, the moved records their
 * references), as a new version audited with the reason `undo of merge <id>`, and the static segment
 * places move back. Refused, changing nothing, with INVALID_TRANSITION when the merge is already undone,
 * and with VERSION_CONFLICT (`details.records` lists them) when any of those records changed after the
 * merge: undoing then would silently throw that later change away.
 *
 * @example
 * ```ts
 * await undoMerge(runtime, context, mergeId);
 * ```
 */
export async function undoMerge(runtime: CrmRuntime, context: CrmContext, mergeId: string): Promise<Merge> {
  checkId(mergeId);
  const { tenantId } = context;
  const at = runtime.now().toISOString();
  const reason = `undo of merge ${mergeId}`;
  const outcome = await runtime.storage.transaction(async (tx) => {
    const merge = await loadMerge(tx, tenantId, mergeId);
    if (merge.status === 'undone') {
      throw new RapportError(
        'INVALID_TRANSITION',
        `Merge ${mergeId} was already undone at ${merge.undoneAt}`,
        {
          details: { entity: 'duplicateMerge', id: mergeId, status: merge.status },
        },
      );
    }
    // Backwards: the winner lets go of the unique values it took before the losers take them back.
    const { rewrites, conflicts } = await currentStates(tx, tenantId, [...merge.records].reverse());
    if (conflicts.length > 0) throw conflict(mergeId, conflicts, false);
    const result = await rewriteRecords(tx, runtime, context, at, rewrites, reason);
    if (!(await restoreSegmentMembers(tx, tenantId, merge.members))) throw conflict(mergeId, [], true);
    const undone: StoredMerge = {
      ...merge,
      status: 'undone',
      version: merge.version + 1,
      undoneAt: at,
      undoneBy: context.actor.id,
    };
    const count = await tx.update({
      table: duplicateMergesTable.name,
      tenantId,
      id: mergeId,
      expectedVersion: merge.version,
      values: { status: 'undone', version: undone.version, undone_at: at, undone_by: context.actor.id },
    });
    if (count === 0) throw conflict(mergeId, [], false);
    const afterCommit = await runWriteHooks(runtime, context, tx, at, result.writes);
    const mergeEntry = {
      entity: 'duplicateMerge' as const,
      action: 'updated' as const,
      recordId: mergeId,
      version: undone.version,
      changes: { status: { before: 'merged', after: 'undone' } },
      record: { ...publicMerge(undone) },
      reason,
    };
    const eventIds = await writeJournal(tx, context, at, [...result.entries, mergeEntry]);
    const event = await writeMergeEvent(tx, context, at, 'duplicate.unmerged', merge);
    return { undone, entries: result.entries, eventIds, afterCommit, event };
  });
  publish(runtime, context, at, outcome.entries, outcome.eventIds);
  outcome.afterCommit();
  publishDuplicateEvents(runtime, [outcome.event]);
  return publicMerge(outcome.undone);
}
