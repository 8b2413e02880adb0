import type { PipelineBoard, QueryResult } from '@rapport/core/observers';
import { boardQuery, selectBoard } from '@rapport/core/observers';
import type { QueryHookOptions } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';

/**
 * A pipeline as a board: its stages in order, each with its deals (open, won and lost) and their total
 * amount per currency. A deal moved with `useMoveDeal` changes column at once; deals changed anywhere
 * else show up without a refetch.
 *
 * @example
 * ```tsx
 * function Board({ pipelineId }: { pipelineId: string }) {
 *   const { data } = usePipelineBoard(pipelineId);
 *   return data?.columns.map(({ stage, deals, totals }) => (
 *     <section key={stage.id}>
 *       <h3>{stage.name} · {formatTotals(totals)}</h3>
 *       {deals.map((deal) => <DealCard key={deal.id} deal={deal} />)}
 *     </section>
 *   ));
 * }
 * ```
 */
export function usePipelineBoard(
  pipelineId: string | null | undefined,
  options: QueryHookOptions = {},
): QueryResult<PipelineBoard> {
  const { client } = useRapportContext();
  const definition = boardQuery(client, pipelineId ?? '');
  const { result } = useObservedQuery(definition, {
    enabled: (options.enabled ?? true) && typeof pipelineId === 'string' && pipelineId !== '',
    keepPreviousData: false,
    select: selectBoard,
  });
  return result;
}
