import type { EntityName } from '../entities/entity-name';
import { entityNames } from '../entities/entity-name';
import { entityDef } from '../entities/registry';
import { RapportError } from '../errors/rapport-error';
import type { AcceptsFilter, Filter } from '../filter/filter-types';
import { resolveFilter } from '../filter/resolve-filter';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import type { WriteScope } from '../records/write-scope';
import { explainFilter } from './explain-filter';
import type { Explanation } from './explanation';
import type { RecordOrId } from './record-subject';
import { loadCallerFilterSetup, recordRow, relatedRowsOf } from './record-subject';

/**
 * Tools over the filter language that are not a list of one entity: `explain`.
 *
 * @example
 * ```ts
 * const why = await crm.as({ tenantId, actor }).filters.explain('person', filter, personId);
 * ```
 */
export class FiltersApi {
  readonly #runtime: CrmRuntime;
  readonly #context: CrmContext;

  constructor(runtime: CrmRuntime, context: CrmContext) {
    this.#runtime = runtime;
    this.#context = context;
  }

  /**
   * Explains why a filter holds or not for one record: a tree mirroring the filter, each node with whether
   * it held, comparisons with the record's actual value, related conditions with the aggregate's value,
   * segments with their own filter explained. The record is given by id (NOT_FOUND when the caller may not
   * read it) or as values, such as a form's draft. The filter is resolved as `list` resolves it: an invalid
   * one gets INVALID_FILTER with the path of the offending node.
   *
   * @example
   * ```ts
   * const why = await crm.as(ctx).filters.explain('person', {
   *   all: [{ field: 'company.region', op: 'eq', value: 'North' },
   *     { related: 'orders', aggregate: 'sum', of: 'total', op: 'gt', value: 50_000 }],
   * }, ann.id);
   * why.held; // false
   * why.kind === 'all' && why.children.map((child) => [child.held, 'actual' in child && child.actual]);
   * // [[false, 'South'], [true, 72000]]
   * ```
   */
  async explain<E extends EntityName, const W extends Filter<E> | Filter = Filter<E>>(
    entity: E,
    // A type parameter of its own, checked by AcceptsFilter as `list` checks its `where`. Typed
    // `Filter<E> | Filter`, E was also inferred from the filter, through the recursive `Filter<E>`: about
    // a minute of type checking for each call given a `Filter<'person'>` variable.
    filter: AcceptsFilter<E, W> extends true ? W : NoInfer<Filter<E>>,
    recordOrId: RecordOrId,
  ): Promise<Explanation> {
    if (!(entityNames as readonly string[]).includes(entity))
      throw new RapportError(
        'MISUSE',
        `explain(entity, filter, record) takes one of: ${entityNames.join(', ')}`,
      );
    const scope: WriteScope = { runtime: this.#runtime, context: this.#context, entity: entityDef(entity) };
    return explainForCaller(scope, filter, recordOrId);
  }
}

/** Explains `filter` for one record as the caller of `scope` sees it. */
export async function explainForCaller(
  scope: WriteScope,
  filter: unknown,
  recordOrId: RecordOrId,
): Promise<Explanation> {
  const { context, segments } = await loadCallerFilterSetup(scope, filter);
  const condition = resolveFilter(filter, context);
  const row = await recordRow(scope, recordOrId);
  const relatedRows = await relatedRowsOf(scope, condition, row);
  return explainFilter(filter, { context, segments, row, relatedRows });
}
