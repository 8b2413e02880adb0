import type { ObserverOptions, QueryDefinition, QueryResult } from '@rapport/core/observers';
import { hashKey, QueryObserver } from '@rapport/core/observers';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useRapportContext } from './rapport-context';

/**
 * The one binding of every query hook: an observer per component, read through
 * `useSyncExternalStore`. The render reads the cache directly (on the server too, where the snapshot is
 * whatever the cache holds); reads start only after the commit, from the subscription.
 */
export function useObservedQuery<T, S>(
  definition: QueryDefinition<T>,
  options: ObserverOptions<T, S>,
): { readonly result: QueryResult<S>; readonly observer: QueryObserver<T, S> } {
  const { cache } = useRapportContext();
  const [observer] = useState(() => new QueryObserver<T, S>(cache, definition, options));
  observer.setOptions(definition, options);
  const result = useSyncExternalStore(observer.subscribe, observer.getResult, observer.getResult);
  const hash = hashKey(definition.key);
  // biome-ignore lint/correctness/useExhaustiveDependencies: sync follows the observer's current query, which changes with the key.
  useEffect(() => {
    observer.sync();
  }, [observer, hash, options.enabled]);
  return { result, observer };
}
