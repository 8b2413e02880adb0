import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import { rowToDefinition } from '../custom-fields/definition-rows';
import type { EntityName } from '../entities/entity-name';
import { isRapportError } from '../errors/rapport-error';
import type { FilterContext } from '../filter/filter-context';
import { filterNeeds } from '../filter/filter-needs';
import { resolveFilter } from '../filter/resolve-filter';
import type { TenantSettings } from '../settings/tenant-settings';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { CustomerEntity } from './customer-kinds';
import type { TierDefinition } from './customer-value-config';

/** A tier with its filter resolved; `condition` is undefined when the filter no longer resolves. */
export interface ResolvedTier {
  readonly key: string;
  readonly condition: Condition | undefined;
}

type DefinitionsByEntity = Partial<Record<EntityName, CustomFieldDefinition[]>>;

/** What tier filters are resolved against, for every customer entity of one tenant at one instant. */
export interface TierContext {
  /** The filter context of one customer entity. */
  of(entity: CustomerEntity): FilterContext;
}

/**
 * Reads what resolving `filters` needs (custom field definitions only when one names a custom field) and
 * returns their resolution context: the tenant's calendar and `now`. Tiers hold tenant-wide, so there is no
 * actor, no read scope and no saved segment in it: such filters are refused when configured.
 *
 * @example
 * ```ts
 * const context = await loadTierContext(tx, tenantId, settings, new Date(), [config.tiers.person]);
 * resolveTiers(config.tiers.person, context.of('person'));
 * ```
 */
export async function loadTierContext(
  reader: StorageReader,
  tenantId: string,
  settings: TenantSettings,
  now: Date,
  filters: readonly unknown[],
): Promise<TierContext> {
  const customFields: DefinitionsByEntity = {};
  if (filterNeeds(filters).customFields) {
    const rows = await reader.findMany({ table: 'custom_fields', tenantId });
    for (const definition of rows.map(rowToDefinition)) {
      const ofEntity = customFields[definition.entity] ?? [];
      ofEntity.push(definition);
      customFields[definition.entity] = ofEntity;
    }
  }
  return {
    of: (entity) => ({
      entity,
      customFields,
      now,
      timeZone: settings.timeZone,
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
    }),
  };
}

/**
 * Resolves the filters of a list of tiers. A filter that no longer resolves (it names a custom field
 * archived since) holds for nobody, so writes of customers and orders never fail on a tier; `configure`
 * refuses such filters up front.
 *
 * @example
 * ```ts
 * resolveTiers([{ key: 'A', label: null, filter: { field: 'rfm.score', op: 'eq', value: '555' } }], context);
 * // [{ key: 'A', condition: { kind: 'compare', ... } }]
 * ```
 */
export function resolveTiers(tiers: readonly TierDefinition[], context: FilterContext): ResolvedTier[] {
  return tiers.map((tier) => {
    try {
      return { key: tier.key, condition: resolveFilter(tier.filter, context) };
    } catch (error) {
      if (isRapportError(error, 'INVALID_FILTER')) return { key: tier.key, condition: undefined };
      throw error;
    }
  });
}
