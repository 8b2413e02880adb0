/** A pipeline stage as conversion reads it. */
export interface StageLike {
  readonly id: string;
  readonly kind?: 'open' | 'won' | 'lost' | string;
}

/**
 * The stage a new deal enters when none is given: the pipeline's first open stage in its order, or
 * undefined when it has none (a pipeline of only closing stages).
 *
 * @example
 * ```ts
 * firstOpenStage([{ id: 'won', kind: 'won' }, { id: 'new', kind: 'open' }, { id: 'demo', kind: 'open' }]); // 'new'
 * ```
 */
export function firstOpenStage(stages: readonly StageLike[]): string | undefined {
  return stages.find((stage) => (stage.kind ?? 'open') === 'open')?.id;
}
