import type { StageVisit } from './stage-history-table';

const day = 86_400_000;

/** How long a deal spent in one stage over all its visits. */
export interface StageTime {
  readonly pipelineId: string;
  readonly stageId: string;
  /** How many times the deal entered the stage. */
  readonly visits: number;
  /** Milliseconds in the stage; an open visit counts up to `now`. */
  readonly milliseconds: number;
  /** The same in days, with fractions. */
  readonly days: number;
  /** Whether the deal is in the stage now. */
  readonly isCurrent: boolean;
}

/**
 * The time a deal spent in each stage, from its visits, in the order it first entered them; an open
 * visit counts up to `now`.
 *
 * @example
 * ```ts
 * timeInStages(visits, '2025-01-20T00:00:00.000Z');
 * // [{ pipelineId: 'p1', stageId: 'lead', visits: 1, milliseconds: 172800000, days: 2, isCurrent: false }, ...]
 * ```
 */
export function timeInStages(visits: readonly StageVisit[], now: string): StageTime[] {
  const times = new Map<
    string,
    { pipelineId: string; stageId: string; visits: number; ms: number; isCurrent: boolean }
  >();
  const end = Date.parse(now);
  for (const visit of visits) {
    const key = JSON.stringify([visit.pipelineId, visit.stageId]);
    const time = times.get(key) ?? {
      pipelineId: visit.pipelineId,
      stageId: visit.stageId,
      visits: 0,
      ms: 0,
      isCurrent: false,
    };
    const left = visit.leftAt === null ? end : Date.parse(visit.leftAt);
    time.visits += 1;
    time.ms += Math.max(0, left - Date.parse(visit.enteredAt));
    time.isCurrent ||= visit.leftAt === null;
    times.set(key, time);
  }
  return [...times.values()].map((time) => ({
    pipelineId: time.pipelineId,
    stageId: time.stageId,
    visits: time.visits,
    milliseconds: time.ms,
    days: time.ms / day,
    isCurrent: time.isCurrent,
  }));
}

/**
 * The instant before which a deal that entered a stage is idle in it, for a limit in days.
 *
 * @example
 * ```ts
 * idleCutoff('2025-01-31T00:00:00.000Z', 10); // '2025-01-21T00:00:00.000Z'
 * ```
 */
export function idleCutoff(now: string, idleDays: number): string {
  return new Date(Date.parse(now) - idleDays * day).toISOString();
}

/**
 * Whole days between two instants, rounded down.
 *
 * @example
 * ```ts
 * daysBetween('2025-01-01T00:00:00.000Z', '2025-01-03T12:00:00.000Z'); // 2
 * ```
 */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / day);
}
