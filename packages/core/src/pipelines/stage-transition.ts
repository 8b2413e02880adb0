import { dealStageFields } from '../entities/deal';
import type { RapportIssue } from '../errors/rapport-error';
import { RapportError } from '../errors/rapport-error';
import type { PipelineConfig, StageConfig } from './pipeline-config';
import { outside, refusedMove } from './stage-moves';

/** Where a deal stands in its pipeline: the fields a stage decides. */
export interface DealStageState {
  readonly pipelineId: string | null;
  readonly stageId: string | null;
  readonly status: 'open' | 'won' | 'lost';
  readonly probability: number | null;
  readonly closedAt: string | null;
  readonly lostReason: string | null;
}

/** The fields of {@link DealStageState}, which only a move (or an audited bypass) changes together. */
export const stageFields = dealStageFields;

/** A move of a deal to a stage: of its own pipeline, or of `pipelineId`. */
export interface StageMove {
  /** The pipeline of the stage; the deal's own when not given. */
  readonly pipelineId?: string;
  readonly stageId: string;
  /** Required when the stage is a lost stage: one of the pipeline's lost reasons. */
  readonly lostReason?: string | null;
}

/** Who moves the deal: the session's actor and, for a member, their role (null when not a member). */
export interface StageActor {
  readonly id: string;
  readonly kind: 'member' | 'system';
  readonly role: string | null;
}

/** What a move does besides changing the deal's fields: for the records layer to persist. */
export type StageEffect =
  | { readonly type: 'stageLeft'; readonly pipelineId: string; readonly stageId: string; readonly at: string }
  | {
      readonly type: 'stageEntered';
      readonly pipelineId: string;
      readonly stageId: string;
      readonly at: string;
    }
  | { readonly type: 'dealWon'; readonly at: string }
  | { readonly type: 'dealLost'; readonly reason: string; readonly at: string }
  | { readonly type: 'dealReopened'; readonly at: string };

/** What {@link transitionDeal} takes. */
export interface TransitionArgs {
  /** The deal before the move; undefined for a deal being created. */
  readonly deal: Readonly<Record<string, unknown>> | undefined;
  /** The fields required fields are read from: the deal as the write leaves it (default: `deal`). */
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly move: StageMove;
  /** The pipeline the deal is in before the move, when it is in one and it is not `to`. */
  readonly from?: PipelineConfig;
  /** The pipeline of the move's stage. */
  readonly to: PipelineConfig;
  readonly actor: StageActor;
  /** The instant of the move: a closing stage's `closedAt`, and the effects' time. */
  readonly at: string;
}

/** A move's outcome: the deal's next stage state and its effects, or INVALID_TRANSITION with issues. */
export type TransitionResult =
  | { readonly ok: true; readonly next: DealStageState; readonly effects: readonly StageEffect[] }
  | { readonly ok: false; readonly error: RapportError };

/**
 * The stage state of a stored deal (or of nothing, for a deal being created).
 *
 * @example
 * ```ts
 * stageStateOf(undefined); // { pipelineId: null, stageId: null, status: 'open', probability: null, closedAt: null, lostReason: null }
 * ```
 */
export function stageStateOf(deal: Readonly<Record<string, unknown>> | undefined): DealStageState {
  return {
    pipelineId: (deal?.pipelineId ?? null) as string | null,
    stageId: (deal?.stageId ?? null) as string | null,
    status: (deal?.status ?? 'open') as DealStageState['status'],
    probability: (deal?.probability ?? null) as number | null,
    closedAt: (deal?.closedAt ?? null) as string | null,
    lostReason: (deal?.lostReason ?? null) as string | null,
  };
}

/** A value counts as set unless null, blank text or an empty list. */
function isSet(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The value at `amount` or `custom.key` of a deal. */
function valueAt(fields: Readonly<Record<string, unknown>>, path: string): unknown {
  if (!path.startsWith('custom.')) return fields[path];
  return ((fields.custom ?? {}) as Record<string, unknown>)[path.slice('custom.'.length)];
}

function missingFields(stage: StageConfig, fields: Readonly<Record<string, unknown>>): RapportIssue[] {
  return stage.requiredFields
    .filter((path) => !isSet(valueAt(fields, path)))
    .map((path) => ({
      code: 'required_for_stage',
      path: path.split('.'),
      message: `Required to enter ${stage.name}`,
    }));
}

function roleIssue(stage: StageConfig, actor: StageActor): RapportIssue[] {
  if (stage.allowedRoles === null || actor.kind === 'system') return [];
  if (actor.role !== null && stage.allowedRoles.includes(actor.role)) return [];
  const who = stage.allowedRoles.length === 0 ? 'the system' : stage.allowedRoles.join(', ');
  return [
    {
      code: 'role_not_allowed',
      path: ['stageId'],
      message: `Only ${who} may move deals into ${stage.name}; ${actor.id} is ${actor.role ?? 'not a member'}`,
    },
  ];
}

function lostReasonIssue(pipeline: PipelineConfig, reason: string | null | undefined): RapportIssue[] {
  if (reason === null || reason === undefined || reason.trim() === '')
    return [
      { code: 'lost_reason_required', path: ['lostReason'], message: 'A lost deal needs a lost reason' },
    ];
  if (pipeline.lostReasons.length > 0 && !pipeline.lostReasons.includes(reason)) {
    return [
      {
        code: 'unknown_lost_reason',
        path: ['lostReason'],
        message: `Pick a lost reason of ${pipeline.name}: ${pipeline.lostReasons.join(', ')}`,
      },
    ];
  }
  return [];
}

/** The issues of the moves rules: leaving the deal's pipeline, and the move within or into `to`. */
function moveIssues(args: TransitionArgs, current: DealStageState, toIndex: number): RapportIssue[] {
  const { to, from } = args;
  const leaves = current.pipelineId !== null && current.pipelineId !== to.id;
  if (leaves && from !== undefined && from.moves !== 'any') {
    return [
      {
        code: 'move_not_allowed',
        path: ['pipelineId'],
        message: `A deal leaves ${from.name} only by an audited bypass: its moves are ${from.moves}`,
      },
    ];
  }
  const fromIndex = leaves ? outside : to.stages.findIndex((stage) => stage.id === current.stageId);
  const refusal = refusedMove(to.moves, to.stages, fromIndex, toIndex);
  return refusal === undefined ? [] : [{ code: 'move_not_allowed', path: ['stageId'], message: refusal }];
}

/** The state a deal has in a stage: open stages keep it open, won and lost stages close it. */
function stateIn(
  pipeline: PipelineConfig,
  stage: StageConfig,
  current: DealStageState,
  move: StageMove,
  at: string,
): DealStageState {
  const isSameStage = current.pipelineId === pipeline.id && current.stageId === stage.id;
  const base = { pipelineId: pipeline.id, stageId: stage.id };
  if (stage.kind === 'open')
    return { ...base, status: 'open', probability: stage.probability, closedAt: null, lostReason: null };
  const closedAt = isSameStage && current.closedAt !== null ? current.closedAt : at;
  if (stage.kind === 'won') return { ...base, status: 'won', probability: 1, closedAt, lostReason: null };
  const lostReason = move.lostReason === undefined ? current.lostReason : move.lostReason;
  return { ...base, status: 'lost', probability: 0, closedAt, lostReason };
}

/**
 * The effects of a deal going from one stage state to another: the stage it left and the one it entered,
 * and whether it was won, lost or reopened.
 *
 * @example
 * ```ts
 * transitionEffects(stageStateOf(before), stageStateOf(after), at); // [{ type: 'stageLeft', ... }, { type: 'stageEntered', ... }]
 * ```
 */
export function transitionEffects(current: DealStageState, next: DealStageState, at: string): StageEffect[] {
  const effects: StageEffect[] = [];
  // A write may leave every stage (no stage after) or enter one from none (no stage before).
  const isMove = current.pipelineId !== next.pipelineId || current.stageId !== next.stageId;
  if (isMove && current.pipelineId !== null && current.stageId !== null)
    effects.push({ type: 'stageLeft', pipelineId: current.pipelineId, stageId: current.stageId, at });
  if (isMove && next.pipelineId !== null && next.stageId !== null)
    effects.push({
      type: 'stageEntered',
      pipelineId: next.pipelineId,
      stageId: next.stageId,
      at,
    });
  if (current.status !== next.status) {
    if (next.status === 'won') effects.push({ type: 'dealWon', at });
    else if (next.status === 'lost') effects.push({ type: 'dealLost', reason: next.lostReason ?? '', at });
    else effects.push({ type: 'dealReopened', at });
  }
  return effects;
}

/**
 * The transition of a deal to a stage, as a pure function: checks the stage rules (the stage exists, the
 * pipeline's moves allow the move, the actor's role may enter the stage, the stage's required fields are
 * set, a lost stage's reason is one of the pipeline's) and returns the deal's next stage state with the
 * effects to persist, or an INVALID_TRANSITION error whose issues name the fields. It runs nothing.
 * A move to the stage the deal is in is no move: only its lost reason is checked.
 *
 * @example
 * ```ts
 * const result = transitionDeal({
 *   deal,
 *   move: { stageId: 'won' },
 *   to: pipelineConfig(pipeline),
 *   actor: { id: 'u1', kind: 'member', role: 'manager' },
 *   at: '2025-01-15T09:30:00.000Z',
 * });
 * if (result.ok) result.next; // { status: 'won', probability: 1, closedAt: '2025-01-15T09:30:00.000Z', ... }
 * else result.error.issues; // [{ code: 'required_for_stage', path: ['expectedCloseDate'], ... }]
 * ```
 */
export function transitionDeal(args: TransitionArgs): TransitionResult {
  const { to, move, actor, at } = args;
  const current = stageStateOf(args.deal);
  const toIndex = to.stages.findIndex((stage) => stage.id === move.stageId);
  const stage = to.stages[toIndex];
  if (stage === undefined) {
    return invalid([
      { code: 'unknown_stage', path: ['stageId'], message: `${to.name} has no stage ${move.stageId}` },
    ]);
  }
  const next = stateIn(to, stage, current, move, at);
  const isMove = current.pipelineId !== to.id || current.stageId !== stage.id;
  const issues: RapportIssue[] = [];
  if (isMove) {
    issues.push(...moveIssues(args, current, toIndex));
    issues.push(...roleIssue(stage, actor));
    issues.push(...missingFields(stage, args.fields ?? args.deal ?? {}));
  }
  if (stage.kind === 'lost') issues.push(...lostReasonIssue(to, next.lostReason));
  if (issues.length > 0) return invalid(issues, to, stage);
  return { ok: true, next, effects: transitionEffects(current, next, at) };
}

function invalid(issues: RapportIssue[], pipeline?: PipelineConfig, stage?: StageConfig): TransitionResult {
  const where = stage && pipeline ? ` to ${stage.name} of ${pipeline.name}` : '';
  const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return {
    ok: false,
    error: new RapportError('INVALID_TRANSITION', `The deal cannot move${where}: ${summary}`, { issues }),
  };
}
