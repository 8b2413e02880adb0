import type { forecastCategories, stageKinds, stageMoves } from '../entities/pipeline';
import { defaultForecastCategory } from '../entities/pipeline';

/** What a stage does to a deal entering it. */
export type StageKind = (typeof stageKinds)[number];
/** Where the forecast counts deals in a stage. */
export type ForecastCategory = (typeof forecastCategories)[number];
/** Which moves between stages a pipeline allows. */
export type StageMoves = (typeof stageMoves)[number];

/** One stage of a pipeline, with every rule filled in. */
export interface StageConfig {
  readonly id: string;
  readonly name: string;
  readonly probability: number;
  readonly kind: StageKind;
  readonly forecastCategory: ForecastCategory;
  /** Deal fields (or `custom.<key>`) that must be set for a deal to enter the stage. */
  readonly requiredFields: readonly string[];
  /** Days a deal may stay before it is flagged idle; null for no limit. */
  readonly idleDays: number | null;
  /** Member roles that may move deals into the stage; null for everyone. */
  readonly allowedRoles: readonly string[] | null;
}

/** A pipeline's rules as the transition reads them. */
export interface PipelineConfig {
  readonly id: string;
  readonly name: string;
  readonly stages: readonly StageConfig[];
  readonly moves: StageMoves;
  /** The reasons a lost deal picks from; empty for any reason. */
  readonly lostReasons: readonly string[];
}

function toStage(raw: Readonly<Record<string, unknown>>): StageConfig {
  const kind = (raw.kind ?? 'open') as StageKind;
  return {
    id: raw.id as string,
    name: raw.name as string,
    probability: raw.probability as number,
    kind,
    forecastCategory: (raw.forecastCategory ?? defaultForecastCategory[kind]) as ForecastCategory,
    requiredFields: (raw.requiredFields ?? []) as string[],
    idleDays: (raw.idleDays ?? null) as number | null,
    allowedRoles: (raw.allowedRoles ?? null) as string[] | null,
  };
}

/**
 * The rules of a stored pipeline record. Pipelines stored before stage rules existed hold no rules: every
 * move is allowed, any lost reason, no required fields, no idle limit, everyone may move.
 *
 * @example
 * ```ts
 * const config = pipelineConfig(await crm.pipelines.get(pipelineId));
 * config.stages.find((stage) => stage.kind === 'won')?.forecastCategory; // 'closed'
 * ```
 */
export function pipelineConfig(record: Readonly<Record<string, unknown>>): PipelineConfig {
  return {
    id: record.id as string,
    name: record.name as string,
    stages: ((record.stages ?? []) as Record<string, unknown>[]).map(toStage),
    moves: (record.moves ?? 'any') as StageMoves,
    lostReasons: (record.lostReasons ?? []) as string[],
  };
}
