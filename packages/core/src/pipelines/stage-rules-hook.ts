import { pipelineEntity } from '../entities/pipeline';
import { RapportError } from '../errors/rapport-error';
import { uuidv7 } from '../ids/uuidv7';
import { allOf, columnEquals, columnIn } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { rowMapping } from '../records/row-mapping';
import type { WriteHook, WrittenRecord } from '../records/write-hooks';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import { changesStage, checkStageWrite } from './check-stage-write';
import type { PipelineConfig } from './pipeline-config';
import { pipelineConfig } from './pipeline-config';
import { stageHistoryTable } from './stage-history-table';
import type { StageActor, StageEffect } from './stage-transition';
import { stageStateOf, transitionEffects } from './stage-transition';

/**
 * The pipelines with these ids, as configurations, by id; ids that match nothing are left out.
 *
 * @example
 * ```ts
 * const pipelines = await loadPipelines(tx, tenantId, [deal.pipelineId]);
 * ```
 */
export async function loadPipelines(
  reader: StorageReader,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, PipelineConfig>> {
  const pipelines = new Map<string, PipelineConfig>();
  if (ids.length === 0) return pipelines;
  const rows = await reader.findMany({ table: pipelineEntity.table, tenantId, where: columnIn('id', ids) });
  const { toRecord } = rowMapping(pipelineEntity);
  for (const row of rows) pipelines.set(row.id as string, pipelineConfig(toRecord(row)));
  return pipelines;
}

/**
 * The session's actor with its role: the role of the member whose id is the actor's id (null for an actor
 * that is no member, and for a system actor, which may always move deals).
 *
 * @example
 * ```ts
 * await loadActor(tx, context); // { id: 'u1', kind: 'member', role: 'manager' }
 * ```
 */
export async function loadActor(reader: StorageReader, context: CrmContext): Promise<StageActor> {
  const { id, kind } = context.actor;
  if (kind === 'system') return { id, kind, role: null };
  const member = await reader.findById({ table: 'members', tenantId: context.tenantId, id });
  return { id, kind, role: (member?.role ?? null) as string | null };
}

/**
 * The condition of a deal's open visit: the one whose `left_at` is empty.
 *
 * @example
 * ```ts
 * const [open] = await tx.findMany({ table: stageHistoryTable.name, tenantId, where: openVisitOf(dealId) });
 * ```
 */
export const openVisitOf = (dealId: string): Condition =>
  allOf(columnEquals('deal_id', dealId), {
    kind: 'null',
    field: { operand: { kind: 'column', column: 'left_at' }, type: 'timestamp' },
    negate: false,
  }) as Condition;

/** Persists the history effects of one deal write: closes the visit it left, opens the one it entered. */
async function writeHistory(
  tx: StorageWriter,
  context: CrmContext,
  dealId: string,
  effects: readonly StageEffect[],
  inserts: Row[],
): Promise<void> {
  const { tenantId, actor } = context;
  for (const effect of effects) {
    if (effect.type === 'stageLeft') {
      const open = await tx.findMany({ table: stageHistoryTable.name, tenantId, where: openVisitOf(dealId) });
      for (const row of open) {
        await tx.update({
          table: stageHistoryTable.name,
          tenantId,
          id: row.id as string,
          values: { left_at: effect.at, left_by: actor.id },
        });
      }
    } else if (effect.type === 'stageEntered') {
      inserts.push({
        tenant_id: tenantId,
        id: uuidv7(),
        deal_id: dealId,
        pipeline_id: effect.pipelineId,
        stage_id: effect.stageId,
        entered_at: effect.at,
        entered_by: actor.id,
        left_at: null,
        left_by: null,
        bypass_reason: context.bypass?.rules === 'stageRules' ? context.bypass.reason : null,
      });
    }
  }
}

function atIndex(error: RapportError, index: number, dealId: string, isBatch: boolean): RapportError {
  return new RapportError('INVALID_TRANSITION', error.message, {
    issues: isBatch
      ? error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] }))
      : error.issues,
    details: { dealId, ...(isBatch ? { index } : {}) },
  });
}

const isStageWrite = (write: WrittenRecord) =>
  write.entity === 'deal' && write.after !== undefined && changesStage(write.before, write.after);

function pipelineIdsOf(writes: readonly WrittenRecord[]): string[] {
  const ids = new Set<string>();
  for (const write of writes) {
    for (const id of [write.before?.pipelineId, write.after?.pipelineId])
      if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

const needsRole = (pipelines: ReadonlyMap<string, PipelineConfig>) =>
  [...pipelines.values()].some((pipeline) => pipeline.stages.some((stage) => stage.allowedRoles !== null));

/**
 * Enforces the stage rules on every write of deals, whichever path makes it (create, createMany, update,
 * upsert, and writes made inside another module's transaction), inside the write's transaction, against the
 * stored record before it: a write that changes a deal's stage fields must be a move the rules allow,
 * with the state its stage gives (see `checkStageWrite`); otherwise INVALID_TRANSITION rolls the whole
 * write back. It keeps each deal's stage history in the same transaction. Under a session that bypasses
 * the stage rules it checks nothing but still records the history, with the bypass reason.
 *
 * @example
 * ```ts
 * const runtime: CrmRuntime = { ...rest, writeHooks: [stageRulesWriteHook] };
 * ```
 */
export const stageRulesWriteHook: WriteHook = async ({ tx, context, at, writes }) => {
  const deals = writes.filter((write) => write.entity === 'deal');
  if (deals.length === 0) return undefined;
  const { tenantId } = context;
  for (const write of deals) {
    if (write.action === 'deleted') {
      const dealId = write.before?.id as string;
      await tx.delete({ table: stageHistoryTable.name, tenantId, where: columnEquals('deal_id', dealId) });
    }
  }
  const moves = deals.filter(isStageWrite);
  if (moves.length === 0) return undefined;
  const isBypassed = context.bypass?.rules === 'stageRules';
  const pipelines = isBypassed ? new Map() : await loadPipelines(tx, tenantId, pipelineIdsOf(moves));
  const actor: StageActor = needsRole(pipelines)
    ? await loadActor(tx, context)
    : { id: context.actor.id, kind: context.actor.kind, role: null };
  const inserts: Row[] = [];
  for (const write of moves) {
    const after = write.after as Record<string, unknown>;
    const dealId = after.id as string;
    let effects: readonly StageEffect[];
    if (isBypassed) {
      effects = transitionEffects(stageStateOf(write.before), stageStateOf(after), at);
    } else {
      const result = checkStageWrite({ before: write.before, after, pipelines, actor, at });
      if (!result.ok) throw atIndex(result.error, writes.indexOf(write), dealId, writes.length > 1);
      effects = result.effects;
    }
    await writeHistory(tx, context, dealId, effects, inserts);
  }
  if (inserts.length > 0) await tx.insert({ table: stageHistoryTable.name, rows: inserts });
  return undefined;
};
