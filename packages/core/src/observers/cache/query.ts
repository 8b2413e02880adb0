import type { QueryKey } from './hash-key';
import { replaceEqualDeep } from './replace-equal-deep';

/** Where a query stands: no data yet, data, or a failed read with no data to show. */
export type QueryStatus = 'pending' | 'success' | 'error';

/** What the cache holds for one query. A new object on every change, the same one otherwise. */
export interface QueryState<T> {
  readonly data: T | undefined;
  /** The error of the last read, while it is the last word (a later success clears it). */
  readonly error: unknown;
  readonly status: QueryStatus;
  readonly isFetching: boolean;
  readonly isFetchingNextPage: boolean;
  /** When the data was read (ms since the epoch); 0 before the first read. */
  readonly dataUpdatedAt: number;
  /** A change made the data out of date: the next observer (or the current ones at once) reads it again. */
  readonly isInvalidated: boolean;
}

/**
 * How to read one query: its key, the read itself and, for paged lists, how to read the next page.
 *
 * @example
 * ```ts
 * const definition: QueryDefinition<number> = {
 *   key: ['segmentCount', segmentId],
 *   fetch: () => client.segments.count(segmentId),
 * };
 * ```
 */
export interface QueryDefinition<T> {
  readonly key: QueryKey;
  /** Reads the query. `current` is the data the cache holds: a paged list reads as many pages again. */
  readonly fetch: (current: T | undefined) => Promise<T>;
  /** Reads one more page and returns the data with it appended. */
  readonly fetchNext?: (current: T) => Promise<T>;
}

/** How a write reaches a query's data. */
export interface SetDataOptions {
  /** When the data was read; now when not given. */
  readonly updatedAt?: number;
  /**
   * Drop the result of a read in flight, because the data set now is newer than anything it can bring
   * (an optimistic change, a record a live event delivered). True when not given.
   */
  readonly cancelFetch?: boolean;
  /**
   * Store this very object instead of sharing the unchanged parts of the previous data with it: a
   * rollback must give back the data exactly as it was. False when not given.
   */
  readonly exact?: boolean;
}

interface QueryHooks {
  readonly onObserved: (query: Query) => void;
  readonly onUnobserved: (query: Query) => void;
}

const emptyState: QueryState<never> = {
  data: undefined,
  error: null,
  status: 'pending',
  isFetching: false,
  isFetchingNextPage: false,
  dataUpdatedAt: 0,
  isInvalidated: false,
};

/**
 * One entry of the cache: the state of a query, its observers, and the read in flight, shared by every
 * observer so that ten components asking for one record make one call.
 */
export class Query<T = unknown> {
  readonly key: QueryKey;
  readonly hash: string;
  #state: QueryState<T> = emptyState;
  #definition: QueryDefinition<T> | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #hooks: QueryHooks;
  #inFlight: Promise<void> | undefined;
  #fetchId = 0;
  // A logical clock: a read that started before the last invalidation leaves the data still invalidated.
  #clock = 0;
  #invalidatedAt = 0;

  constructor(key: QueryKey, hash: string, hooks: QueryHooks) {
    this.key = key;
    this.hash = hash;
    this.#hooks = hooks;
  }

  get state(): QueryState<T> {
    return this.#state;
  }

  get isObserved(): boolean {
    return this.#listeners.size > 0;
  }

  get hasDefinition(): boolean {
    return this.#definition !== undefined;
  }

  /** Keeps the latest way to read the query (it closes over the current client). */
  setDefinition(definition: QueryDefinition<T>): void {
    this.#definition = definition;
  }

  /** Calls `listener` after every change of the state; returns the unsubscribe. */
  observe(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#hooks.onObserved(this as Query);
    return () => {
      if (!this.#listeners.delete(listener)) return;
      if (this.#listeners.size === 0) this.#hooks.onUnobserved(this as Query);
    };
  }

  /** True when the data is missing, invalidated, failed, or older than `staleTime` ms. */
  isStale(staleTime: number): boolean {
    const state = this.#state;
    if (state.status !== 'success' || state.isInvalidated) return true;
    return Date.now() - state.dataUpdatedAt >= staleTime;
  }

  /**
   * Reads the query. A read already in flight is shared unless `force` is set, in which case it is
   * superseded: its result is dropped (it may predate the change that forced this one). Never rejects: a
   * failure lands in the state.
   */
  fetch(options: { readonly force?: boolean; readonly next?: boolean } = {}): Promise<void> {
    if (this.#inFlight !== undefined && !options.force) return this.#inFlight;
    const definition = this.#definition;
    if (definition === undefined) return Promise.resolve();
    const current = this.#state.data;
    const fetchNext = definition.fetchNext;
    if (options.next && (current === undefined || fetchNext === undefined)) return Promise.resolve();
    const id = ++this.#fetchId;
    const startedAt = ++this.#clock;
    this.#setState({ ...this.#state, isFetching: true, isFetchingNextPage: options.next === true });
    const read = Promise.resolve().then(() =>
      options.next && fetchNext !== undefined ? fetchNext(current as T) : definition.fetch(current),
    );
    const settled = read.then(
      (data) => {
        if (id !== this.#fetchId) return;
        this.#inFlight = undefined;
        this.#succeed(data, Date.now(), this.#invalidatedAt > startedAt);
      },
      (error: unknown) => {
        if (id !== this.#fetchId) return;
        this.#inFlight = undefined;
        const hasData = this.#state.data !== undefined;
        this.#setState({
          ...this.#state,
          error,
          status: hasData ? 'success' : 'error',
          isFetching: false,
          isFetchingNextPage: false,
          isInvalidated: this.#invalidatedAt > startedAt,
        });
      },
    );
    this.#inFlight = settled;
    return settled;
  }

  /** Replaces the data, reusing the parts that did not change. */
  setData(data: T, options: SetDataOptions = {}): void {
    const cancelFetch = options.cancelFetch !== false;
    if (cancelFetch) this.#cancelFetch();
    // A patch on top of a read in flight keeps the invalidation that read will settle.
    this.#succeed(
      data,
      options.updatedAt ?? Date.now(),
      cancelFetch ? false : this.#state.isInvalidated,
      options.exact === true,
    );
  }

  /**
   * Marks the data out of date. Observers read it again at once (or after the read in flight, which may
   * predate the change); an unobserved query is read when an observer comes.
   */
  invalidate(): void {
    this.#invalidatedAt = ++this.#clock;
    if (!this.#state.isInvalidated) this.#setState({ ...this.#state, isInvalidated: true });
  }

  #cancelFetch(): void {
    if (this.#inFlight === undefined) return;
    this.#fetchId += 1;
    this.#inFlight = undefined;
    this.#state = { ...this.#state, isFetching: false, isFetchingNextPage: false };
  }

  #succeed(data: T, updatedAt: number, isInvalidated: boolean, exact = false): void {
    const state = this.#state;
    this.#setState({
      data: exact ? data : replaceEqualDeep(state.data, data),
      error: null,
      status: 'success',
      isFetching: this.#inFlight !== undefined,
      isFetchingNextPage: this.#inFlight !== undefined && state.isFetchingNextPage,
      dataUpdatedAt: updatedAt,
      isInvalidated,
    });
  }

  #setState(state: QueryState<T>): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener();
  }
}
