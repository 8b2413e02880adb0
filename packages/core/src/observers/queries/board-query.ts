import type { Deal, Pipeline } from '../../entities/types';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryDefinition } from '../cache/query';

/** One stage of a pipeline, as its configuration holds it. */
export type PipelineStage = Pipeline['stages'][number];

/** What the cache holds for a board: the pipeline and every deal in it, open, won or lost. */
export interface BoardData {
  readonly pipeline: Pipeline;
  readonly deals: readonly Deal[];
}

/** One column of a board: a stage, its deals, and the sum of their amounts per currency (minor units). */
export interface BoardColumn {
  readonly stage: PipelineStage;
  readonly deals: readonly Deal[];
  /** `{ EUR: 1250000, USD: 400000 }`: amounts in minor units, by ISO 4217 code. */
  readonly totals: Readonly<Record<string, number>>;
}

/**
 * A pipeline board as `usePipelineBoard` returns it: the stages in their order, each with its deals.
 *
 * @example
 * ```tsx
 * const { data } = usePipelineBoard(pipelineId);
 * data?.columns.map((column) => <Column key={column.stage.id} {...column} />);
 * ```
 */
export interface PipelineBoard {
  readonly pipeline: Pipeline;
  readonly columns: readonly BoardColumn[];
}

const pageSize = 1_000;

async function dealsOf(client: CrmClient, pipelineId: string): Promise<Deal[]> {
  const deals: Deal[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Deal[]; nextCursor: string | null } = await client.deals.list({
      where: { field: 'pipelineId', op: 'eq', value: pipelineId },
      orderBy: 'createdAt',
      limit: pageSize,
      ...(cursor === null ? {} : { cursor }),
    });
    deals.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return deals;
}

/**
 * How to read a pipeline's board: the pipeline record and all of its deals.
 *
 * @example
 * ```ts
 * const observer = new QueryObserver(cache, boardQuery(client, pipelineId), {
 *   enabled: true,
 *   keepPreviousData: false,
 *   select: selectBoard,
 * });
 * ```
 */
export function boardQuery(client: CrmClient, pipelineId: string): QueryDefinition<BoardData> {
  return {
    key: ['board', pipelineId],
    fetch: async () => {
      const [pipeline, deals] = await Promise.all([
        client.pipelines.get(pipelineId),
        dealsOf(client, pipelineId),
      ]);
      return { pipeline, deals };
    },
  };
}

function totalsOf(deals: readonly Deal[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const deal of deals) totals[deal.currency] = (totals[deal.currency] ?? 0) + deal.amount;
  return totals;
}

/**
 * The columns of a board: derived from the deals at each read, so a deal whose `stageId` changes (a
 * move, optimistic or live) changes column with no other bookkeeping. Deals of a stage the pipeline no
 * longer has are left out.
 *
 * @example
 * ```ts
 * const data = cache.getData<BoardData>(['board', pipelineId]);
 * const stageNames = data === undefined ? [] : selectBoard(data).columns.map((column) => column.stage.name);
 * ```
 */
export function selectBoard(data: BoardData): PipelineBoard {
  const columns = data.pipeline.stages.map((stage) => {
    const deals = data.deals.filter(
      (deal) => deal.stageId === stage.id && deal.pipelineId === data.pipeline.id,
    );
    return { stage, deals, totals: totalsOf(deals) };
  });
  return { pipeline: data.pipeline, columns };
}
