import type { FilterContext } from '../filter/filter-context';
import type { Segment } from '../segments/segment';
import { filtersOf, loadTenantFilterData, tenantFilterContext } from '../segments/segment-context';
import { loadSegmentsNamedBy } from '../segments/segment-references';
import type { StorageReader } from '../storage/adapter';

/** What fit filters resolve in: the tenant's person context at an instant, and the segments they name. */
export interface FitContext {
  readonly context: FilterContext;
  readonly segments: ReadonlyMap<string, Segment>;
}

/**
 * The context fit filters are resolved in: the tenant's custom fields, calendar and segments at `now`,
 * with no current actor and no read scope, since a lead's score belongs to the tenant (as a saved
 * segment's membership does).
 *
 * @example
 * ```ts
 * const { context } = await loadFitContext(tx, tenantId, now, config.fit.map((rule) => rule.filter));
 * ```
 */
export async function loadFitContext(
  reader: StorageReader,
  tenantId: string,
  now: Date,
  filters: readonly unknown[],
): Promise<FitContext> {
  const segments = await loadSegmentsNamedBy(reader, tenantId, filters);
  const data = await loadTenantFilterData(reader, tenantId, [...filters, ...filtersOf(segments)]);
  return { context: tenantFilterContext('person', now, data, segments), segments };
}
