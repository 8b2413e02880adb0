import { RapportError } from '../errors/rapport-error';
import type { StorageReader } from '../storage/adapter';
import type { Row } from '../storage/schema';
import { duplicateMergesTable } from './duplicate-tables';
import type { DuplicateEntity } from './match-profile';
import type { MemberMoves } from './member-moves';
import type { Survivorship } from './survivorship';

/** A record a merge changed, as it was before and the version the merge left it at. */
export interface MergedRecordState {
  readonly entity: string;
  readonly id: string;
  readonly before: Record<string, unknown>;
  readonly version: number;
}

/**
 * A merge, as `duplicates.merge` returns it and `duplicates.getMerge` reads it.
 *
 * @example
 * ```ts
 * const merge = await crm.duplicates.getMerge(mergeId);
 * merge.status; // 'merged' or 'undone'
 * ```
 */
export interface Merge {
  readonly id: string;
  readonly entity: DuplicateEntity;
  readonly winnerId: string;
  readonly loserIds: readonly string[];
  readonly survivorship: Survivorship;
  readonly status: 'merged' | 'undone';
  /** Every record the merge changed (the winner, the losers, the records whose references moved). */
  readonly changed: readonly { readonly entity: string; readonly id: string }[];
  readonly version: number;
  readonly mergedAt: string;
  readonly mergedBy: string;
  readonly undoneAt: string | null;
  readonly undoneBy: string | null;
}

/** A merge with what its undo needs. */
export interface StoredMerge extends Merge {
  readonly records: readonly MergedRecordState[];
  readonly members: MemberMoves;
}

/** The row of a merge. */
export function mergeToRow(tenantId: string, merge: StoredMerge): Row {
  return {
    tenant_id: tenantId,
    id: merge.id,
    version: merge.version,
    entity: merge.entity,
    winner_id: merge.winnerId,
    loser_ids: merge.loserIds,
    survivorship: merge.survivorship,
    losers: 'archive',
    records: merge.records,
    members: merge.members,
    status: merge.status,
    merged_at: merge.mergedAt,
    merged_by: merge.mergedBy,
    undone_at: merge.undoneAt,
    undone_by: merge.undoneBy,
  };
}

function rowToMerge(row: Row): StoredMerge {
  const records = row.records as MergedRecordState[];
  return {
    id: row.id as string,
    entity: row.entity as DuplicateEntity,
    winnerId: row.winner_id as string,
    loserIds: row.loser_ids as string[],
    survivorship: row.survivorship as Survivorship,
    status: row.status as StoredMerge['status'],
    changed: records.map(({ entity, id }) => ({ entity, id })),
    version: row.version as number,
    mergedAt: row.merged_at as string,
    mergedBy: row.merged_by as string,
    undoneAt: (row.undone_at as string | null) ?? null,
    undoneBy: (row.undone_by as string | null) ?? null,
    records,
    members: row.members as MemberMoves,
  };
}

/** The public view of a stored merge. */
export function publicMerge(merge: StoredMerge): Merge {
  const { records: _records, members: _members, ...rest } = merge;
  return rest;
}

/**
 * Reads a merge of the tenant, or NOT_FOUND.
 *
 * @example
 * ```ts
 * const merge = await loadMerge(tx, tenantId, mergeId);
 * ```
 */
export async function loadMerge(reader: StorageReader, tenantId: string, id: string): Promise<StoredMerge> {
  const row = await reader.findById({ table: duplicateMergesTable.name, tenantId, id });
  if (row === undefined)
    throw new RapportError('NOT_FOUND', `No merge with id ${id}`, {
      details: { entity: 'duplicateMerge', id },
    });
  return rowToMerge(row);
}
