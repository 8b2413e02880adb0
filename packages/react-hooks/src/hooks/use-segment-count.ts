import type { QueryResult } from '@rapport/core/observers';
import { segmentCountQuery } from '@rapport/core/observers';
import type { QueryHookOptions } from './query-hook-options';
import { selectData } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';

/**
 * How many records a saved segment holds now; read again whenever a record enters or leaves it.
 *
 * @example
 * ```tsx
 * const { data: vipCount } = useSegmentCount(vipSegmentId);
 * <span className="badge">{vipCount ?? '…'}</span>
 * ```
 */
export function useSegmentCount(
  segmentId: string | null | undefined,
  options: QueryHookOptions = {},
): QueryResult<number> {
  const { client } = useRapportContext();
  const definition = segmentCountQuery(client, segmentId ?? '');
  const { result } = useObservedQuery(definition, {
    enabled: (options.enabled ?? true) && typeof segmentId === 'string' && segmentId !== '',
    keepPreviousData: false,
    select: selectData<number>,
  });
  return result;
}
