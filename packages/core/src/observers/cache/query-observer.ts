import type { HookError } from './hook-error';
import { toHookError } from './hook-error';
import type { Query, QueryDefinition, QueryState, QueryStatus } from './query';
import type { RapportCache } from './rapport-cache';

/** How an observer reads its query. */
export interface ObserverOptions<T, S> {
  /** False: read nothing (an id not known yet); the result stays pending, or keeps what the cache holds. */
  readonly enabled: boolean;
  /** Show the previous query's data while a new query (a list's next filter or sort) loads. */
  readonly keepPreviousData: boolean;
  /** Derives what the hook returns from the cached data; a stable function, applied once per data. */
  readonly select: (data: T) => S;
}

/**
 * What every query hook returns. The same object until something in it changes.
 *
 * @example
 * ```tsx
 * const { data, error, isLoading, refetch } = useRecord('person', id);
 * if (isLoading) return <Spinner />;
 * if (error) return <p role="alert">{error.message} <button onClick={refetch}>Retry</button></p>;
 * ```
 */
export interface QueryResult<D> {
  readonly data: D | undefined;
  readonly error: HookError | null;
  /** `pending` until the first data, `error` when the first read failed, `success` with data. */
  readonly status: QueryStatus;
  /** No data yet and a read is due (false for a disabled query). */
  readonly isLoading: boolean;
  /** A read is in flight, first or background. */
  readonly isFetching: boolean;
  /** `data` is the previous query's, shown while this one loads. */
  readonly isPlaceholderData: boolean;
  /** Reads the query again now, whatever its age. */
  readonly refetch: () => Promise<void>;
}

interface ResultMemo<T, S> {
  readonly query: Query<T>;
  readonly state: QueryState<T>;
  readonly options: ObserverOptions<T, S>;
  readonly placeholder: T | undefined;
  readonly result: QueryResult<S>;
}

/**
 * Follows one query of the cache for one component: reads it when the component mounts (if stale),
 * again when it is invalidated while observed, and gives a result snapshot that stays the same object
 * until the data, error or status change, as `useSyncExternalStore` needs. Framework bindings are built
 * on it: `subscribe` when the component mounts, `getResult` to render, `sync` after each update.
 *
 * @example
 * ```ts
 * const observer = new QueryObserver(cache, segmentCountQuery(client, segmentId), {
 *   enabled: true,
 *   keepPreviousData: false,
 *   select: (count) => count,
 * });
 * const stop = observer.subscribe(() => console.log(observer.getResult().data));
 * ```
 */
export class QueryObserver<T, S = T> {
  readonly #cache: RapportCache;
  #options: ObserverOptions<T, S>;
  #query: Query<T>;
  #attached: { readonly query: Query<T>; readonly stop: () => void } | undefined;
  readonly #listeners = new Set<() => void>();
  #previousData: T | undefined;
  #memo: ResultMemo<T, S> | undefined;
  // Selections by data, so data given back by a rollback finds its very selection again.
  #selections: { readonly select: (data: T) => S; readonly values: WeakMap<object, S> } | undefined;

  constructor(cache: RapportCache, definition: QueryDefinition<T>, options: ObserverOptions<T, S>) {
    this.#cache = cache;
    this.#options = options;
    this.#query = cache.build<T>(definition.key);
    this.#query.setDefinition(definition);
  }

  /**
   * Points the observer at the query of `definition`. Safe while rendering: it reads nothing and
   * notifies no one; {@link sync} does the rest once the render commits.
   */
  setOptions(definition: QueryDefinition<T>, options: ObserverOptions<T, S>): void {
    const query = this.#cache.build<T>(definition.key);
    query.setDefinition(definition);
    this.#query = query;
    this.#options = options;
  }

  /** After a commit: follows the current query and reads it if it is stale. */
  sync(): void {
    if (this.#listeners.size === 0) return;
    if (this.#attached?.query !== this.#query) this.#attach();
    else this.#fetchIfNeeded();
  }

  /** For `useSyncExternalStore`: `listener` runs after every change of the query. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#attach();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#detach();
    };
  };

  /** The current result; the same object while nothing in it changed. */
  readonly getResult = (): QueryResult<S> => {
    const query = this.#query;
    const state = query.state;
    const options = this.#options;
    if (state.data !== undefined) this.#previousData = state.data;
    const placeholder = state.data === undefined && options.keepPreviousData ? this.#previousData : undefined;
    const memo = this.#memo;
    if (
      memo !== undefined &&
      memo.query === query &&
      memo.state === state &&
      memo.options.enabled === options.enabled &&
      memo.options.select === options.select &&
      memo.placeholder === placeholder
    )
      return memo.result;
    const result = this.#resultOf(state, options, placeholder);
    this.#memo = { query, state, options, placeholder, result };
    return result;
  };

  /** A next page is being read for the current query. */
  get isFetchingNextPage(): boolean {
    return this.#query.state.isFetchingNextPage;
  }

  /** Reads the query again now. */
  readonly refetch = (): Promise<void> => this.#query.fetch({ force: true });

  /** Reads the next page of a paged query; nothing while a read is in flight or on the last page. */
  readonly fetchNextPage = (): Promise<void> => this.#query.fetch({ next: true });

  #resultOf(
    state: QueryState<T>,
    options: ObserverOptions<T, S>,
    placeholder: T | undefined,
  ): QueryResult<S> {
    const raw = state.data ?? placeholder;
    const isPlaceholderData = state.data === undefined && placeholder !== undefined;
    return {
      data: raw === undefined ? undefined : this.#select(raw, options.select),
      error: state.error === null || state.error === undefined ? null : toHookError(state.error),
      status: isPlaceholderData ? 'success' : state.status,
      isLoading: state.status === 'pending' && options.enabled && !isPlaceholderData,
      isFetching: state.isFetching,
      isPlaceholderData,
      refetch: this.refetch,
    };
  }

  #select(data: T, select: (data: T) => S): S {
    if (typeof data !== 'object' || data === null) return select(data);
    if (this.#selections?.select !== select) this.#selections = { select, values: new WeakMap() };
    const values = this.#selections.values;
    if (values.has(data)) return values.get(data) as S;
    const value = select(data);
    values.set(data, value);
    return value;
  }

  #attach(): void {
    this.#detach();
    // The cache may have collected the entry between the render that built it and this commit.
    const query = this.#cache.ensure(this.#query);
    this.#query = query;
    const stop = query.observe(this.#onQueryChange);
    this.#attached = { query, stop };
    this.#fetchIfNeeded();
  }

  #detach(): void {
    this.#attached?.stop();
    this.#attached = undefined;
  }

  readonly #onQueryChange = (): void => {
    const query = this.#query;
    const state = query.state;
    const isCurrent = this.#attached?.query === query;
    if (isCurrent && this.#options.enabled && state.isInvalidated && !state.isFetching) void query.fetch();
    for (const listener of [...this.#listeners]) listener();
  };

  #fetchIfNeeded(): void {
    const query = this.#query;
    if (!this.#options.enabled || query.state.isFetching) return;
    if (query.isStale(this.#cache.staleTime)) void query.fetch();
  }
}
