import type { EntityName } from '../entities/entity-name';
import type { FilterContext } from '../filter/filter-context';
import { filtersOf, loadTenantFilterData, tenantFilterContext } from '../segments/segment-context';
import { loadSegmentsNamedBy } from '../segments/segment-references';
import type { StorageReader } from '../storage/adapter';

/**
 * The context rule conditions and match fields are resolved in: the tenant's, as a saved segment's filter
 * is (its custom fields, calendar and saved segments; no current actor and no read scope, since a rule
 * belongs to the tenant, not to whoever triggers it). Reads through `reader`, so it works inside the
 * caller's transaction.
 *
 * @example
 * ```ts
 * const context = await ruleFilterContext(tx, tenantId, 'person', now, [rule.condition]);
 * const condition = resolveFilter(rule.condition, context);
 * ```
 */
export async function ruleFilterContext(
  reader: StorageReader,
  tenantId: string,
  entity: EntityName,
  now: Date,
  filters: readonly unknown[],
): Promise<FilterContext> {
  const segments = await loadSegmentsNamedBy(reader, tenantId, filters);
  const data = await loadTenantFilterData(reader, tenantId, [...filters, ...filtersOf(segments)]);
  return tenantFilterContext(entity, now, data, segments);
}
