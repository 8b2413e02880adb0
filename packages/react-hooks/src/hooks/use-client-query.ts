import type { CrmClient } from '@rapport/core';
import type { ClientQueryOptions, QueryResult } from '@rapport/core/observers';
import { clientQuery } from '@rapport/core/observers';
import type { QueryHookOptions } from './query-hook-options';
import { selectData } from './query-hook-options';
import { useRapportContext } from './rapport-context';
import { useObservedQuery } from './use-observed-query';

/** What {@link useClientQuery} takes besides its key and read. */
export interface UseClientQueryOptions extends QueryHookOptions, ClientQueryOptions {}

/**
 * Any read of the client, cached, deduplicated and kept live like the other hooks: the forecast, custom
 * field definitions, a deal's stage history. `key` names the read and its arguments (reads with equal
 * keys share one cache entry, so make it hold every argument `read` uses); a record event of an entity in
 * `dependsOn` reads it again.
 *
 * @example
 * ```tsx
 * const { data: forecast } = useClientQuery(['forecast', 'month'], (client) => client.forecast.byPeriod({ period: 'month' }), {
 *   dependsOn: ['deal'],
 * });
 * ```
 */
export function useClientQuery<T>(
  key: readonly unknown[],
  read: (client: CrmClient) => Promise<T>,
  options: UseClientQueryOptions = {},
): QueryResult<T> {
  const { client } = useRapportContext();
  const definition = clientQuery(client, key, read, options);
  const { result } = useObservedQuery(definition, {
    enabled: options.enabled ?? true,
    keepPreviousData: false,
    select: selectData<T>,
  });
  return result;
}
