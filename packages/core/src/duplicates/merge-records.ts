import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import type { EntityDef } from '../entities/define-entity';
import { entityDef } from '../entities/registry';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError, validationError } from '../errors/rapport-error';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { loadCurrent } from '../records/load-current';
import { publish } from '../records/publish';
import type { CrmRuntime } from '../records/runtime';
import { loadTenantConfig } from '../records/tenant-config';
import { planUpdate } from '../records/update-record';
import { runWriteHooks } from '../records/write-hooks';
import { writeJournal } from '../records/write-journal';
import { publishDuplicateEvents, writeMergeEvent } from './duplicate-events';
import { duplicateMergesTable } from './duplicate-tables';
import type { DuplicateEntity } from './match-profile';
import { isDuplicateEntity } from './match-profile';
import { moveSegmentMembers } from './member-moves';
import type { Merge, StoredMerge } from './merge-record';
import { mergeToRow, publicMerge } from './merge-record';
import type { RecordRewrite } from './record-writes';
import { rewriteRecords } from './record-writes';
import { referenceMoves } from './reference-moves';
import type { Survivorship } from './survivorship';
import { checkSurvivorship, survivingChanges } from './survivorship';

/** The most losers one merge takes. */
export const maxLosers = 50;

/**
 * What `duplicates.merge` takes.
 *
 * @example
 * ```ts
 * const args: MergeArgs = { entity: 'person', winnerId: ann.id, loserIds: [annToo.id], survivorship: { default: 'mostRecent' } };
 * ```
 */
export interface MergeArgs {
  readonly entity: DuplicateEntity;
  /** The record that stays. */
  readonly winnerId: string;
  /** The records merged into it: archived, their references moved to the winner. */
  readonly loserIds: readonly string[];
  /** How each field of the winner is chosen; `nonEmpty` (lists: `union`) when not given. */
  readonly survivorship?: Survivorship;
}

/** What a merge returns: the merge (its id undoes it) and the winner as it now is. */
export interface MergeResult {
  readonly merge: Merge;
  readonly winner: Record<string, unknown>;
}

const isId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= 255;

function checkArgs(args: MergeArgs): { entity: EntityDef; loserIds: string[] } {
  if (typeof args !== 'object' || args === null)
    throw new RapportError('MISUSE', 'duplicates.merge({ entity, winnerId, loserIds, survivorship? })');
  const issues: RapportIssue[] = [];
  if (!isDuplicateEntity(args.entity))
    issues.push({ code: 'invalid_value', path: ['entity'], message: "Expected 'person' or 'company'" });
  if (!isId(args.winnerId))
    issues.push({ code: 'invalid_type', path: ['winnerId'], message: 'Expected an id' });
  const losers = Array.isArray(args.loserIds) ? args.loserIds : [];
  if (!Array.isArray(args.loserIds) || losers.length === 0 || losers.length > maxLosers)
    issues.push({ code: 'invalid_type', path: ['loserIds'], message: `Expected 1 to ${maxLosers} ids` });
  losers.forEach((id, index) => {
    if (!isId(id))
      issues.push({ code: 'invalid_type', path: ['loserIds', index], message: 'Expected an id' });
    else if (id === args.winnerId || losers.indexOf(id) !== index)
      issues.push({
        code: 'invalid_value',
        path: ['loserIds', index],
        message: 'Named twice, or the winner',
      });
  });
  if (issues.length > 0) throw validationError(issues);
  return { entity: entityDef(args.entity), loserIds: [...losers] };
}

function refuseArchived(entity: EntityDef, record: Record<string, unknown>): void {
  if (record.archivedAt === null) return;
  throw new RapportError(
    'INVALID_TRANSITION',
    `${entity.name} ${record.id as string} is archived: restore it before merging it`,
    { details: { entity: entity.name, id: record.id } },
  );
}

/**
 * A loser's values once it lets go of the unique values the winner takes over (an email address, a
 * domain, an external id, a unique custom value), which the database would otherwise refuse to let two
 * records hold, and archived.
 */
function releasedLoser(
  entity: EntityDef,
  loser: Record<string, unknown>,
  winner: Readonly<Record<string, unknown>>,
  definitions: readonly CustomFieldDefinition[],
  at: string,
): Record<string, unknown> {
  let next: Record<string, unknown> = { ...loser, archivedAt: at };
  for (const field of entity.uniqueKeys) {
    const value = winner[field];
    if (value == null || next[field] !== value) continue;
    // A derived key (a person's primary email) lets go of the list entry it comes from.
    const source = entity.inputPath?.(field, next);
    if (source !== undefined && source.length === 3) {
      const [list, index] = source as [string, number, string];
      next = { ...next, [list]: (next[list] as unknown[]).filter((_, at) => at !== index) };
      next = { ...next, ...entity.derive?.(next) };
    } else {
      next[field] = null;
    }
  }
  const custom = { ...((next.custom ?? {}) as Record<string, unknown>) };
  const winnerCustom = (winner.custom ?? {}) as Record<string, unknown>;
  for (const definition of definitions) {
    const value = winnerCustom[definition.key];
    if (!definition.unique || value == null || !jsonEqual(custom[definition.key], value)) continue;
    delete custom[definition.key];
  }
  return entity.extensible ? { ...next, custom } : next;
}

/**
 * Merges losers into a winner in one transaction: the winner takes the surviving values (validated as an
 * update), each loser lets go of unique values the winner takes and is archived, every record that
 * references a loser (found from the entity definitions' references and the tenant's relation custom
 * fields) and every static segment place moves to the winner, and the merge is stored so that it can be
 * undone. Every changed record gets an audit entry whose reason names the merge, and its event.
 *
 * @example
 * ```ts
 * const { merge, winner } = await mergeRecords(runtime, context, { entity: 'company', winnerId, loserIds });
 * ```
 */
export async function mergeRecords(
  runtime: CrmRuntime,
  context: CrmContext,
  args: MergeArgs,
): Promise<MergeResult> {
  const { entity, loserIds } = checkArgs(args);
  const survivorship = checkSurvivorship(entity, args.survivorship, [args.winnerId, ...loserIds]);
  const { tenantId } = context;
  const scope = { runtime, context, entity };
  const at = runtime.now().toISOString();
  const id = uuidv7();
  const reason = `merge ${id}`;
  const outcome = await runtime.storage.transaction(async (tx) => {
    const winner = await loadCurrent(scope, tx, args.winnerId);
    const losers = [];
    for (const loserId of loserIds) losers.push(await loadCurrent(scope, tx, loserId));
    for (const record of [winner, ...losers]) refuseArchived(entity, record);
    const config = await loadTenantConfig(tx, tenantId, entity);
    const plan = planUpdate(scope, config, winner, survivingChanges(entity, winner, losers, survivorship));
    const moves = await referenceMoves(tx, tenantId, args.entity, winner.id as string, loserIds);
    const rewrites: RecordRewrite[] = [
      ...losers.map((loser) => ({
        entity,
        current: loser,
        next: releasedLoser(entity, loser, plan.after, config.definitions, at),
      })),
      ...moves,
      { entity, current: winner, next: plan.after },
    ];
    const result = await rewriteRecords(tx, runtime, context, at, rewrites, reason);
    const members = await moveSegmentMembers(tx, tenantId, winner.id as string, loserIds);
    const records = rewrites
      .map((rewrite, index) => ({
        entity: rewrite.entity.name,
        id: rewrite.current.id as string,
        before: rewrite.current,
        version: result.written[index]?.version as number,
      }))
      .filter((state, index) => state.version !== rewrites[index]?.current.version);
    const merge: StoredMerge = {
      id,
      entity: args.entity,
      winnerId: winner.id as string,
      loserIds,
      survivorship,
      status: 'merged',
      changed: records.map(({ entity: name, id: recordId }) => ({ entity: name, id: recordId })),
      version: 1,
      mergedAt: at,
      mergedBy: context.actor.id,
      undoneAt: null,
      undoneBy: null,
      records,
      members,
    };
    await tx.insert({ table: duplicateMergesTable.name, rows: [mergeToRow(tenantId, merge)] });
    const afterCommit = await runWriteHooks(runtime, context, tx, at, result.writes);
    const mergeEntry = {
      entity: 'duplicateMerge' as const,
      action: 'created' as const,
      recordId: id,
      version: 1,
      changes: {
        winnerId: { before: null, after: merge.winnerId },
        loserIds: { before: null, after: loserIds },
        changed: { before: null, after: merge.changed },
      },
      record: { ...publicMerge(merge) },
      reason,
    };
    const eventIds = await writeJournal(tx, context, at, [...result.entries, mergeEntry]);
    const event = await writeMergeEvent(tx, context, at, 'duplicate.merged', merge);
    const winnerAfter = result.written[result.written.length - 1] as Record<string, unknown>;
    return { merge, entries: result.entries, eventIds, afterCommit, event, winnerAfter };
  });
  publish(runtime, context, at, outcome.entries, outcome.eventIds);
  outcome.afterCommit();
  publishDuplicateEvents(runtime, [outcome.event]);
  return { merge: publicMerge(outcome.merge), winner: outcome.winnerAfter };
}
