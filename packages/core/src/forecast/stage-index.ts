import { defaultForecastCategory, forecastCategories } from '../entities/pipeline';
import { pagesById } from '../records/pages-by-id';
import type { StorageReader } from '../storage/adapter';
import type { ForecastCategory } from './forecast-category';
import type { StageForecast } from './weighting';

/** Every stage of a tenant's pipelines as a forecast weighs it, by pipeline and stage id. */
export type StageIndex = ReadonlyMap<string, StageForecast>;

/** The key of a stage in a {@link StageIndex}. */
export const stageKey = (pipelineId: unknown, stageId: unknown): string =>
  `${String(pipelineId)}\u0000${String(stageId)}`;

interface StoredStage {
  readonly id: string;
  readonly probability: number;
  readonly kind?: keyof typeof defaultForecastCategory;
  readonly forecastCategory?: string | null;
}

/**
 * A stage's forecast category: the one it names, else the one of its kind (open → pipeline, won → closed,
 * lost → omitted). Stages saved before categories existed name none.
 *
 * @example
 * ```ts
 * stageCategory({ id: 'won', probability: 1, kind: 'won' }); // 'closed'
 * ```
 */
export function stageCategory(stage: StoredStage): ForecastCategory {
  const named = stage.forecastCategory;
  if (typeof named === 'string' && (forecastCategories as readonly string[]).includes(named))
    return named as ForecastCategory;
  return defaultForecastCategory[stage.kind ?? 'open'] ?? 'pipeline';
}

/**
 * Reads every pipeline of a tenant (archived ones too: their deals still count) into a stage index.
 *
 * @example
 * ```ts
 * const stages = await loadStageIndex(storage, tenantId);
 * stages.get(stageKey(deal.pipelineId, deal.stageId)); // { probability: 0.4, category: 'best_case' }
 * ```
 */
export async function loadStageIndex(reader: StorageReader, tenantId: string): Promise<StageIndex> {
  const index = new Map<string, StageForecast>();
  for await (const rows of pagesById({ reader, table: 'pipelines', tenantId })) {
    for (const row of rows) {
      for (const stage of (row.stages ?? []) as StoredStage[]) {
        index.set(stageKey(row.id, stage.id), {
          probability: stage.probability,
          category: stageCategory(stage),
        });
      }
    }
  }
  return index;
}

/**
 * The team of every member of a tenant, by member id (null for a member without one).
 *
 * @example
 * ```ts
 * const teams = await loadTeams(storage, tenantId);
 * teams.get('rep-1'); // 'EMEA'
 * ```
 */
export async function loadTeams(
  reader: StorageReader,
  tenantId: string,
): Promise<Map<string, string | null>> {
  const teams = new Map<string, string | null>();
  for await (const rows of pagesById({ reader, table: 'members', tenantId }))
    for (const row of rows) teams.set(row.id as string, (row.team as string | null) ?? null);
  return teams;
}
