import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import type { PipelineConfig } from './pipeline-config';
import type { DealStageState, StageActor, StageEffect, TransitionResult } from './stage-transition';
import { stageFields, stageStateOf, transitionDeal } from './stage-transition';

/** What {@link checkStageWrite} takes: a deal write as the records layer made it. */
export interface StageWriteArgs {
  /** The stored deal before the write; undefined for a create. */
  readonly before: Readonly<Record<string, unknown>> | undefined;
  /** The deal as the write leaves it. */
  readonly after: Readonly<Record<string, unknown>>;
  /** The pipelines the deal is in before and after the write, by id. */
  readonly pipelines: ReadonlyMap<string, PipelineConfig>;
  readonly actor: StageActor;
  readonly at: string;
}

/**
 * Whether a write changes any field a stage decides (a create: whether it sets one).
 *
 * @example
 * ```ts
 * changesStage(before, { ...before, amount: 5 }); // false
 * ```
 */
export function changesStage(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>>,
): boolean {
  const current = stageStateOf(before);
  const written = stageStateOf(after);
  return stageFields.some((name) => current[name] !== written[name]);
}

function mismatches(written: DealStageState, next: DealStageState, kind: string, stageName: string) {
  const issues: RapportIssue[] = [];
  const closing = kind === 'open' ? 'open' : `closed (${kind})`;
  if (written.status !== next.status)
    issues.push({
      code: 'stage_mismatch',
      path: ['status'],
      message: `A deal in ${stageName} is ${next.status}`,
    });
  if (kind !== 'open' && written.probability !== next.probability) {
    issues.push({
      code: 'stage_mismatch',
      path: ['probability'],
      message: `A deal in ${stageName} has probability ${next.probability}`,
    });
  }
  if ((kind === 'open') !== (written.closedAt === null)) {
    issues.push({
      code: 'stage_mismatch',
      path: ['closedAt'],
      message: `A deal in ${stageName} is ${closing}: closedAt ${kind === 'open' ? 'is empty' : 'is set'}`,
    });
  }
  if (kind !== 'lost' && written.lostReason !== null) {
    issues.push({
      code: 'stage_mismatch',
      path: ['lostReason'],
      message: `A deal in ${stageName} has no lost reason`,
    });
  }
  return issues;
}

function invalid(issues: RapportIssue[]): TransitionResult {
  const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return {
    ok: false,
    error: new RapportError(
      'INVALID_TRANSITION',
      `The deal's stage fields break the stage rules (dealStages.move sets them for you): ${summary}`,
      { issues },
    ),
  };
}

/** A deal leaving every stage: only a pipeline whose moves are `any` lets it. */
function leaving(current: DealStageState, args: StageWriteArgs, written: DealStageState): TransitionResult {
  const effects: StageEffect[] = [];
  if (current.pipelineId !== null && current.stageId !== null) {
    const from = args.pipelines.get(current.pipelineId);
    if (from !== undefined && from.moves !== 'any') {
      return invalid([
        {
          code: 'move_not_allowed',
          path: ['stageId'],
          message: `A deal leaves the stages of ${from.name} only by an audited bypass: its moves are ${from.moves}`,
        },
      ]);
    }
    effects.push({
      type: 'stageLeft',
      pipelineId: current.pipelineId,
      stageId: current.stageId,
      at: args.at,
    });
  }
  return { ok: true, next: written, effects };
}

/**
 * Checks a deal write made through any write path (create, update, upsert, a merge, a conversion)
 * against the stage rules, as a pure function: the stage fields it writes must be a move the rules allow
 * (see `transitionDeal`), with the state the stage gives a deal (status, a closed stage's probability,
 * `closedAt` set exactly when closed, a lost reason only when lost). An open deal's probability is free.
 * Returns the effects to persist, or INVALID_TRANSITION with an issue per offending field.
 *
 * @example
 * ```ts
 * const result = checkStageWrite({ before, after, pipelines: new Map([[config.id, config]]), actor, at });
 * if (!result.ok) throw result.error; // issues at ['status'], ['closedAt'], ...
 * ```
 */
export function checkStageWrite(args: StageWriteArgs): TransitionResult {
  const { before, after, actor, at } = args;
  const current = stageStateOf(before);
  const written = stageStateOf(after);
  if (written.stageId === null) return leaving(current, args, written);
  const to = args.pipelines.get(written.pipelineId as string);
  if (to === undefined)
    return invalid([{ code: 'unknown_pipeline', path: ['pipelineId'], message: 'No such pipeline' }]);
  const from =
    current.pipelineId !== null && current.pipelineId !== to.id
      ? args.pipelines.get(current.pipelineId)
      : undefined;
  const move = { pipelineId: to.id, stageId: written.stageId, lostReason: written.lostReason };
  const result = transitionDeal({
    deal: before,
    fields: after,
    move,
    to,
    actor,
    at,
    ...(from ? { from } : {}),
  });
  if (!result.ok) return result;
  const stage = to.stages.find((entry) => entry.id === written.stageId);
  const issues = mismatches(written, result.next, stage?.kind ?? 'open', stage?.name ?? written.stageId);
  return issues.length > 0 ? invalid(issues) : { ok: true, next: written, effects: result.effects };
}
