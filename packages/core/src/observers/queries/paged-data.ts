import type { Page } from '../../records/list-options';

/** What the cache holds for a paged list: the pages read so far, in order. */
export interface PagedData<T> {
  readonly pages: readonly Page<T>[];
}

/**
 * A paged list as hooks return it: every item of the pages read so far, the pages themselves, the cursor
 * of the next page (null on the last) and the total when the list asked for it.
 *
 * @example
 * ```tsx
 * const { data, fetchNextPage, hasNextPage } = useList('person', { orderBy: 'lastName', limit: 50 });
 * data?.items.map((person) => <Row key={person.id} person={person} />);
 * ```
 */
export interface PagedList<T> {
  readonly items: readonly T[];
  readonly pages: readonly Page<T>[];
  readonly nextCursor: string | null;
  readonly total: number | undefined;
}

/** Reads a page at a cursor. */
export type ReadPage<T> = (cursor: string | null | undefined) => Promise<Page<T>>;

/**
 * Reads the first page and then as many more as `current` holds, with fresh cursors: a list the user
 * scrolled three pages into stays three pages long when it is read again.
 */
export async function readPages<T>(
  readPage: ReadPage<T>,
  startCursor: string | null | undefined,
  current: PagedData<T> | undefined,
): Promise<PagedData<T>> {
  const wanted = Math.max(1, current?.pages.length ?? 1);
  const pages: Page<T>[] = [await readPage(startCursor)];
  while (pages.length < wanted) {
    const cursor = pages[pages.length - 1]?.nextCursor ?? null;
    if (cursor === null) break;
    pages.push(await readPage(cursor));
  }
  return { pages };
}

/** Reads the page after the last one held and appends it; the data as it was on the last page. */
export async function readNextPage<T>(readPage: ReadPage<T>, current: PagedData<T>): Promise<PagedData<T>> {
  const cursor = current.pages[current.pages.length - 1]?.nextCursor ?? null;
  if (cursor === null) return current;
  return { ...current, pages: [...current.pages, await readPage(cursor)] };
}

/**
 * The view of paged data that bindings return: the items of every page read so far in one array. A
 * stable function, so the cache applies it once per data.
 *
 * @example
 * ```ts
 * const list = selectPagedList({ pages: [{ items: [ann, ben], nextCursor: 'c2' }] });
 * list.items; // [ann, ben]
 * ```
 */
export function selectPagedList<T>(data: PagedData<T>): PagedList<T> {
  const last = data.pages[data.pages.length - 1];
  return {
    items: data.pages.flatMap((page) => page.items),
    pages: data.pages,
    nextCursor: last?.nextCursor ?? null,
    total: data.pages[0]?.total,
  };
}
