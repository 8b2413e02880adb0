import type { QueryKey } from './hash-key';
import { hashKey } from './hash-key';
import { Query } from './query';

/** What {@link RapportCache} takes. */
export interface RapportCacheOptions {
  /**
   * How long (ms) a query no component observes stays in the cache: 5 minutes in a browser; forever on
   * a server, where the cache lives for one request.
   */
  readonly gcTime?: number;
  /**
   * How long (ms) data counts as fresh: a component that mounts within it reads nothing. 30 seconds by
   * default; live updates and mutations invalidate what they change whatever its age.
   */
  readonly staleTime?: number;
}

const isServer = typeof (globalThis as { window?: unknown }).window === 'undefined';

/**
 * The query cache behind the framework bindings (`@rapport/react`): one entry per query key (entity,
 * call, arguments), shared by every component that reads it. Entries nobody observes are dropped after
 * `gcTime`.
 *
 * @example
 * ```ts
 * const cache = new RapportCache({ staleTime: 10_000 });
 * await prefetchList(cache, client, 'person', { limit: 20 });
 * const html = renderToString(<RapportProvider client={client} cache={cache}><App /></RapportProvider>);
 * ```
 */
export class RapportCache {
  readonly gcTime: number;
  readonly staleTime: number;
  readonly #queries = new Map<string, Query>();
  readonly #gcTimers = new Map<Query, ReturnType<typeof setTimeout>>();
  readonly #hooks = {
    onObserved: (query: Query) => this.#cancelGc(query),
    onUnobserved: (query: Query) => this.#scheduleGc(query),
  };

  constructor(options: RapportCacheOptions = {}) {
    this.gcTime = options.gcTime ?? (isServer ? Number.POSITIVE_INFINITY : 5 * 60_000);
    this.staleTime = options.staleTime ?? 30_000;
  }

  /** The entry of `key`, made (empty) when there is none. */
  build<T>(key: QueryKey): Query<T> {
    const hash = hashKey(key);
    const existing = this.#queries.get(hash);
    if (existing !== undefined) return existing as Query<T>;
    const query = new Query<T>(key, hash, this.#hooks);
    this.#queries.set(hash, query as Query);
    this.#scheduleGc(query as Query);
    return query;
  }

  /** The entry of `key`, if the cache holds one. */
  find<T>(key: QueryKey): Query<T> | undefined {
    return this.#queries.get(hashKey(key)) as Query<T> | undefined;
  }

  /** Puts back an entry collected while an observer still held it; returns the entry now in the cache. */
  ensure<T>(query: Query<T>): Query<T> {
    const current = this.#queries.get(query.hash);
    if (current !== undefined) return current as Query<T>;
    this.#queries.set(query.hash, query as Query);
    return query;
  }

  /** The data held for `key`. */
  getData<T>(key: QueryKey): T | undefined {
    return this.find<T>(key)?.state.data;
  }

  /** Every entry, in the order they were made. */
  getAll(): Query[] {
    return [...this.#queries.values()];
  }

  /** Marks the entries `predicate` picks out of date: observed ones are read again at once. */
  invalidate(predicate: (query: Query) => boolean): void {
    for (const query of this.getAll()) if (predicate(query)) query.invalidate();
  }

  /** Drops every entry nobody observes, and the data of the rest is left as it is. */
  clear(): void {
    for (const query of this.getAll()) if (!query.isObserved) this.#remove(query);
  }

  #remove(query: Query): void {
    this.#cancelGc(query);
    if (this.#queries.get(query.hash) === query) this.#queries.delete(query.hash);
  }

  #scheduleGc(query: Query): void {
    this.#cancelGc(query);
    if (!Number.isFinite(this.gcTime)) return;
    const timer = setTimeout(() => {
      this.#gcTimers.delete(query);
      if (!query.isObserved) this.#remove(query);
    }, this.gcTime);
    // A pending collection must not keep a Node process (a test run, a server) alive.
    (timer as { unref?: () => void }).unref?.();
    this.#gcTimers.set(query, timer);
  }

  #cancelGc(query: Query): void {
    const timer = this.#gcTimers.get(query);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#gcTimers.delete(query);
  }
}
