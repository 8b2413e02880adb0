import type { QueryKey } from './hash-key';
import type { RapportCache } from './rapport-cache';

/** One query's data as a server hands it to the browser. */
export interface DehydratedQuery {
  readonly key: QueryKey;
  readonly data: unknown;
  readonly dataUpdatedAt: number;
}

/** What the cache held after a server render, as JSON-ready data. */
export interface DehydratedState {
  readonly queries: readonly DehydratedQuery[];
}

/**
 * The data of every query that has some, ready to embed in the page (`JSON.stringify` it) and give to
 * `<RapportProvider initialState>` in the browser, so its first render matches the server's.
 *
 * @example
 * ```ts
 * const cache = new RapportCache();
 * await prefetchRecord(cache, client, 'person', id);
 * const html = renderToString(<RapportProvider client={client} cache={cache}><PersonPage id={id} /></RapportProvider>);
 * const state = JSON.stringify(dehydrate(cache));
 * ```
 */
export function dehydrate(cache: RapportCache): DehydratedState {
  const queries: DehydratedQuery[] = [];
  for (const query of cache.getAll()) {
    const { data, status, dataUpdatedAt } = query.state;
    if (status === 'success' && data !== undefined) queries.push({ key: query.key, data, dataUpdatedAt });
  }
  return { queries };
}

/** What {@link hydrate} takes. */
export interface HydrateOptions {
  /** Only fill queries the cache holds no data for (safe while rendering: nobody observes them). */
  readonly onlyMissing?: boolean;
}

/**
 * Puts a dehydrated state into a cache. A query keeps what it holds when that is newer.
 *
 * @example
 * ```ts
 * hydrate(cache, window.__RAPPORT_STATE__);
 * ```
 */
export function hydrate(cache: RapportCache, state: DehydratedState, options: HydrateOptions = {}): void {
  for (const entry of state.queries) {
    const held = cache.find(entry.key);
    if (options.onlyMissing && held?.state.data !== undefined) continue;
    const query = held ?? cache.build(entry.key);
    if (query.state.data !== undefined && query.state.dataUpdatedAt >= entry.dataUpdatedAt) continue;
    query.setData(entry.data, { updatedAt: entry.dataUpdatedAt, cancelFetch: false });
  }
}
