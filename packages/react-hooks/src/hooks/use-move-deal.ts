import type { StageMoveResult } from '@rapport/core';
import { applyOptimistic, applyRecordWrite, assignChanges, settleFailure } from '@rapport/core/observers';
import type { MutationResult, PerformMutation } from './use-mutation';
import { useMutation } from './use-mutation';

/** What `useMoveDeal().mutate` takes: `dealStages.move`'s options, with the deal and target stage named. */
export interface MoveDealVariables {
  readonly dealId: string;
  readonly toStageId: string;
  /** The version of the deal the board shows; a stale one fails with VERSION_CONFLICT. */
  readonly version: number;
  /** Moves the deal to a stage of another pipeline. */
  readonly pipelineId?: string;
  /** Required when the stage is a lost stage: one of the pipeline's lost reasons. */
  readonly lostReason?: string;
  /** Why the deal moves (kept in the audit entry). */
  readonly reason?: string;
}

const performMove: PerformMutation<null, MoveDealVariables, StageMoveResult> = async (
  { client, cache },
  _,
  { dealId, toStageId, version, pipelineId, lostReason, reason },
) => {
  const patches = applyOptimistic(
    cache,
    dealId,
    assignChanges({ stageId: toStageId, ...(pipelineId === undefined ? {} : { pipelineId }) }),
  );
  try {
    const result = await client.dealStages.move(dealId, {
      stageId: toStageId,
      version,
      ...(pipelineId === undefined ? {} : { pipelineId }),
      ...(lostReason === undefined ? {} : { lostReason }),
      ...(reason === undefined ? {} : { reason }),
    });
    applyRecordWrite(cache, {
      entity: 'deal',
      record: result.deal,
      action: 'updated',
      isOwnWrite: true,
    });
    return result;
  } catch (error) {
    settleFailure(cache, 'deal', dealId, patches, error);
    throw error;
  }
};

/**
 * Moves a deal to a stage by the pipeline's stage rules, optimistically: on every cached board the card
 * changes column at once. A move the rules refuse (INVALID_TRANSITION, with an issue per missing field)
 * or a stale version (VERSION_CONFLICT) puts it back exactly where it was.
 *
 * @example
 * ```tsx
 * const move = useMoveDeal();
 * const onDrop = (deal: Deal, stageId: string) =>
 *   move.mutate({ dealId: deal.id, toStageId: stageId, version: deal.version });
 * move.error?.fieldErrors.lostReason; // ['Pick a lost reason'] when dropped on a lost stage
 * ```
 */
export function useMoveDeal(): MutationResult<MoveDealVariables, StageMoveResult> {
  return useMutation(performMove, null);
}
