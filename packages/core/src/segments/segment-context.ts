import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import { rowToDefinition } from '../custom-fields/definition-rows';
import type { EntityName } from '../entities/entity-name';
import type { FilterContext } from '../filter/filter-context';
import type { FilterNeeds } from '../filter/filter-needs';
import { filterNeeds } from '../filter/filter-needs';
import { loadSettings } from '../settings/settings-rows';
import type { TenantSettings } from '../settings/tenant-settings';
import type { StorageReader } from '../storage/adapter';
import type { Segment } from './segment';
import { createSegmentHook } from './segment-hook';
import { loadSegmentsNamedBy, segmentReferences } from './segment-references';

/** A tenant's custom field definitions by entity, archived ones included (resolution skips those). */
export type DefinitionsByEntity = Partial<Record<EntityName, CustomFieldDefinition[]>>;

/** Every custom field definition of a tenant, by entity: one read, as a filter may reach several entities. */
export async function loadDefinitionsByEntity(
  reader: StorageReader,
  tenantId: string,
): Promise<DefinitionsByEntity> {
  const rows = await reader.findMany({ table: 'custom_fields', tenantId });
  const byEntity: DefinitionsByEntity = {};
  for (const definition of rows.map(rowToDefinition)) {
    byEntity[definition.entity] = [...(byEntity[definition.entity] ?? []), definition];
  }
  return byEntity;
}

/**
 * A context with the `segment` hook over `segments`; the hook resolves dynamic segments in this same
 * context. Without `segments` it is the context as it was.
 *
 * @example
 * ```ts
 * const context = withSegments({ entity: 'person', now: new Date() }, segments);
 * resolveFilter({ segment: vipId }, context);
 * ```
 */
export function withSegments(
  context: FilterContext,
  segments: ReadonlyMap<string, Segment> | undefined,
): FilterContext {
  if (segments === undefined) return context;
  const withHook: FilterContext = { ...context, segment: createSegmentHook(segments, () => withHook) };
  return withHook;
}

/**
 * The segments a list's or count's filter reaches, for {@link withSegments}; undefined when it names none,
 * so a plain list reads nothing more.
 *
 * @example
 * ```ts
 * const segments = await loadListSegments(storage, tenantId, options.where);
 * ```
 */
export async function loadListSegments(
  reader: StorageReader,
  tenantId: string,
  where: unknown,
): Promise<Map<string, Segment> | undefined> {
  if (segmentReferences(where).length === 0) return undefined;
  return loadSegmentsNamedBy(reader, tenantId, [where]);
}

/** The filters of segments, for `filterNeeds`: what resolving them needs loaded. */
export function filtersOf(segments: ReadonlyMap<string, Segment> | undefined): unknown[] {
  return segments === undefined ? [] : [...segments.values()].map((segment) => segment.filter);
}

/** What a tenant-wide resolution reads: definitions and settings, only when the filters need them. */
export interface TenantFilterData {
  readonly definitions: DefinitionsByEntity;
  readonly settings: TenantSettings | undefined;
}

/** Reads the definitions and settings `filters` need, and nothing else. */
export function loadTenantFilterData(
  reader: StorageReader,
  tenantId: string,
  filters: readonly unknown[],
): Promise<TenantFilterData> {
  return loadFilterDataFor(reader, tenantId, filterNeeds(filters));
}

/** Reads the definitions and settings of a tenant that `needs` says are needed, and nothing else. */
export async function loadFilterDataFor(
  reader: StorageReader,
  tenantId: string,
  needs: FilterNeeds,
): Promise<TenantFilterData> {
  // Sequential: inside a transaction some engines run one statement at a time anyway.
  const definitions = needs.customFields ? await loadDefinitionsByEntity(reader, tenantId) : {};
  const settings = needs.settings ? await loadSettings(reader, tenantId) : undefined;
  return { definitions, settings };
}

/**
 * The context a saved segment's filter is resolved in outside any caller's view (saving it, membership
 * events, snapshots): the tenant's definitions and calendar, no current actor and no read scope, since a
 * segment belongs to the tenant.
 *
 * @example
 * ```ts
 * const context = tenantFilterContext('person', now, data, segments);
 * resolveFilter(segment.filter, context);
 * ```
 */
export function tenantFilterContext(
  entity: EntityName,
  now: Date,
  data: TenantFilterData,
  segments: ReadonlyMap<string, Segment>,
): FilterContext {
  const { settings } = data;
  return withSegments(
    {
      entity,
      customFields: data.definitions,
      now,
      ...(settings === undefined
        ? {}
        : { timeZone: settings.timeZone, fiscalYearStartMonth: settings.fiscalYearStartMonth }),
    },
    segments,
  );
}
