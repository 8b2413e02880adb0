import type { StageConfig, StageMoves } from './pipeline-config';

/** Where a deal enters a pipeline from: outside it (a new deal, or one from another pipeline). */
export const outside = -1;

/**
 * The index of the stage after `fromIndex` that is not a lost stage, or -1 when there is none.
 *
 * @example
 * ```ts
 * nextStageIndex([lead, lost, proposal], 0); // 2
 * ```
 */
export function nextStageIndex(stages: readonly StageConfig[], fromIndex: number): number {
  for (let index = fromIndex + 1; index < stages.length; index++)
    if ((stages[index] as StageConfig).kind !== 'lost') return index;
  return -1;
}

/**
 * Why a pipeline's moves rule refuses a move between two stage positions, or undefined when it allows it.
 * `fromIndex` is {@link outside} for a deal entering the pipeline. Under `forward` and `next` a lost stage
 * is reachable from every open position and a closed deal does not move; `forward` refuses going back,
 * `next` also refuses skipping.
 *
 * @example
 * ```ts
 * refusedMove('next', stages, 0, 2); // "Sales moves a deal to the next stage only: from Lead that is Qualified"
 * refusedMove('any', stages, 3, 0); // undefined
 * ```
 */
export function refusedMove(
  moves: StageMoves,
  stages: readonly StageConfig[],
  fromIndex: number,
  toIndex: number,
): string | undefined {
  if (moves === 'any' || fromIndex === toIndex) return undefined;
  const from = fromIndex === outside ? undefined : (stages[fromIndex] as StageConfig);
  const to = stages[toIndex] as StageConfig;
  if (from !== undefined && from.kind !== 'open')
    return `A ${from.kind} deal does not move back: it is closed in ${from.name}`;
  if (to.kind === 'lost') return undefined;
  if (moves === 'forward') {
    return toIndex > fromIndex
      ? undefined
      : `Deals move forward only: ${to.name} comes before ${(from as StageConfig).name}`;
  }
  const next = nextStageIndex(stages, fromIndex);
  if (toIndex === next) return undefined;
  const expected = next === -1 ? 'none' : (stages[next] as StageConfig).name;
  return from === undefined
    ? `Deals enter at the first stage only: ${expected}`
    : `Deals move to the next stage only: from ${from.name} that is ${expected}`;
}
