import type { Filter, OrderBy } from '../filter/filter-types';

/** Which records a list reads with regard to archiving. */
export type ArchivedMode = 'exclude' | 'include' | 'only';

/**
 * What `list` takes.
 *
 * @example
 * ```ts
 * const page = await crm.people.list({
 *   where: { field: 'region', op: 'eq', value: 'North' },
 *   orderBy: ['lastName', '-createdAt'],
 *   limit: 25,
 *   withTotal: true,
 *   include: ['company'],
 * });
 * const next = await crm.people.list({ ...sameOptions, cursor: page.nextCursor });
 * ```
 */
export interface ListOptions<
  TField extends string = string,
  TInclude extends string = string,
  TFilter = Filter,
> {
  /** The filter (see `docs/filters.md`); on a repository, typed by its entity: `Filter<'person'>`. */
  readonly where?: TFilter;
  /** Sort terms; ties are always broken by id, so the order is total and pages are stable. */
  readonly orderBy?: OrderBy | readonly OrderBy[];
  /** Page size, 1 to 1000; 50 when not given. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page, made with the same `where` and `orderBy`. */
  readonly cursor?: string | null;
  /** Also count every record matching `where` (one more query). */
  readonly withTotal?: boolean;
  /** Only these fields (and `id`, `version`) in each record. */
  readonly select?: readonly TField[];
  /** Related records to attach, by include name (`company` on a person). */
  readonly include?: readonly TInclude[];
  /** `exclude` (default) leaves archived records out. */
  readonly archived?: ArchivedMode;
}

/** One page of a list. */
export interface Page<T> {
  readonly items: T[];
  /** Pass it as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  /** The number of matching records, when `withTotal` was asked. */
  readonly total?: number;
}
