import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashKey } from './hash-key';
import { QueryObserver } from './query-observer';
import { RapportCache } from './rapport-cache';
import { replaceEqualDeep } from './replace-equal-deep';

/** A read the test settles by hand, so what happens while it is in flight can be checked. */
function deferredReads<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const fetch = () =>
    new Promise<T>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { fetch, pending };
}

const identity = <T>(data: T) => data;

afterEach(() => {
  vi.useRealTimers();
});

describe('hashKey', () => {
  it('ignores object key order and undefined values', () => {
    expect(hashKey(['list', 'person', { limit: 20, orderBy: 'lastName', cursor: undefined }])).toBe(
      hashKey(['list', 'person', { orderBy: 'lastName', limit: 20 }]),
    );
    expect(hashKey(['list', 'person', { limit: 20 }])).not.toBe(hashKey(['list', 'person', { limit: 21 }]));
  });
});

describe('replaceEqualDeep', () => {
  it('keeps the previous objects that did not change', () => {
    const previous = {
      items: [
        { id: 'a', name: 'Ann' },
        { id: 'b', name: 'Ben' },
      ],
      total: 2,
    };
    const same = replaceEqualDeep(previous, JSON.parse(JSON.stringify(previous)));
    expect(same).toBe(previous);
    const next = replaceEqualDeep(previous, {
      items: [
        { id: 'a', name: 'Ann' },
        { id: 'b', name: 'Bob' },
      ],
      total: 2,
    });
    expect(next).not.toBe(previous);
    expect(next.items[0]).toBe(previous.items[0]);
    expect(next.items[1]).toEqual({ id: 'b', name: 'Bob' });
  });
});

describe('RapportCache', () => {
  it('shares one read in flight between observers of a query', async () => {
    const cache = new RapportCache();
    const reads = deferredReads<number>();
    const definition = { key: ['segmentCount', 's1'], fetch: reads.fetch };
    const options = { enabled: true, keepPreviousData: false, select: identity<number> };
    const first = new QueryObserver(cache, definition, options);
    const second = new QueryObserver(cache, definition, options);
    first.subscribe(() => {});
    second.subscribe(() => {});
    await Promise.resolve();
    expect(reads.pending).toHaveLength(1);
    reads.pending[0]?.resolve(3);
    await vi.waitFor(() => expect(second.getResult().data).toBe(3));
    expect(first.getResult().data).toBe(3);
  });

  it('reads again after a read that started before an invalidation', async () => {
    const cache = new RapportCache();
    const reads = deferredReads<number>();
    const observer = new QueryObserver(
      cache,
      { key: ['segmentCount', 's1'], fetch: reads.fetch },
      { enabled: true, keepPreviousData: false, select: identity<number> },
    );
    observer.subscribe(() => {});
    await vi.waitFor(() => expect(reads.pending).toHaveLength(1));
    cache.invalidate(() => true);
    cache.invalidate(() => true);
    reads.pending[0]?.resolve(1);
    // The first answer may predate the change: one more read, not one per invalidation.
    await vi.waitFor(() => expect(reads.pending).toHaveLength(2));
    reads.pending[1]?.resolve(2);
    await vi.waitFor(() => expect(observer.getResult().data).toBe(2));
    expect(reads.pending).toHaveLength(2);
  });

  it('does not read again after a failure, and keeps the error on the result', async () => {
    const cache = new RapportCache();
    const reads = deferredReads<number>();
    const observer = new QueryObserver(
      cache,
      { key: ['segmentCount', 's1'], fetch: reads.fetch },
      { enabled: true, keepPreviousData: false, select: identity<number> },
    );
    observer.subscribe(() => {});
    await vi.waitFor(() => expect(reads.pending).toHaveLength(1));
    reads.pending[0]?.reject(new Error('offline'));
    await vi.waitFor(() => expect(observer.getResult().status).toBe('error'));
    expect(observer.getResult().error).toMatchObject({ code: 'UNKNOWN', message: 'offline' });
    expect(reads.pending).toHaveLength(1);
  });

  it('drops a query nobody observes after gcTime, and keeps an observed one', () => {
    vi.useFakeTimers();
    const cache = new RapportCache({ gcTime: 1_000 });
    const options = { enabled: false, keepPreviousData: false, select: identity<number> };
    const kept = new QueryObserver(cache, { key: ['kept'], fetch: async () => 1 }, options);
    const stop = kept.subscribe(() => {});
    cache.build(['dropped']).setData(1);
    vi.advanceTimersByTime(999);
    expect(cache.find(['dropped'])).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(cache.find(['dropped'])).toBeUndefined();
    expect(cache.find(['kept'])).toBeDefined();
    stop();
    vi.advanceTimersByTime(1_000);
    expect(cache.find(['kept'])).toBeUndefined();
  });
});
