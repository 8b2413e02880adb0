import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import { rowToDefinition } from '../custom-fields/definition-rows';
import type { EntityName } from '../entities/entity-name';
import type { FieldResolver } from '../filter/field-resolver';
import { createFieldResolver } from '../filter/field-resolver';
import type { FilterContext } from '../filter/filter-context';
import { filterNeeds } from '../filter/filter-needs';
import { filtersOf, loadListSegments, withSegments } from '../segments/segment-context';
import { loadSettings } from '../settings/settings-rows';
import type { WriteScope } from './write-scope';

/** What a list or count resolves its `where` and `orderBy` with. */
export interface ListResolution {
  /** Resolves sort fields of the entity. */
  readonly resolve: FieldResolver;
  /** The context `where` is resolved in. */
  readonly filterContext: FilterContext;
}

type DefinitionsByEntity = Partial<Record<EntityName, CustomFieldDefinition[]>>;

/** Every custom field definition of a tenant, by entity: one read, as a filter may reach several entities. */
async function loadAllDefinitions(scope: WriteScope): Promise<DefinitionsByEntity> {
  const rows = await scope.runtime.storage.findMany({
    table: 'custom_fields',
    tenantId: scope.context.tenantId,
  });
  const byEntity: DefinitionsByEntity = {};
  for (const definition of rows.map(rowToDefinition)) {
    const known = byEntity[definition.entity] ?? [];
    known.push(definition);
    byEntity[definition.entity] = known;
  }
  return byEntity;
}

const namesCustomField = (term: unknown): boolean =>
  Array.isArray(term)
    ? term.some(namesCustomField)
    : typeof term === 'string'
      ? /^-?custom\./.test(term)
      : typeof term === 'object' && term !== null && namesCustomField((term as { field?: unknown }).field);

/**
 * Reads what resolving a list's filter and sort needs, and only that: custom field definitions when they
 * name a custom field, the tenant's settings when the filter holds a relative time, the saved segments
 * it names (and what their filters need). The hot path of a plain list reads nothing more.
 */
export async function loadListResolution(
  scope: WriteScope,
  where: unknown,
  orderBy: unknown,
): Promise<ListResolution> {
  const { runtime, context, entity } = scope;
  const segments = await loadListSegments(runtime.storage, context.tenantId, where);
  const needs = filterNeeds([where, ...filtersOf(segments)]);
  const [definitions, settings] = await Promise.all([
    needs.customFields || namesCustomField(orderBy) ? loadAllDefinitions(scope) : ({} as DefinitionsByEntity),
    needs.settings ? loadSettings(runtime.storage, context.tenantId) : undefined,
  ]);
  return {
    resolve: createFieldResolver(entity, definitions[entity.name] ?? []),
    filterContext: withSegments(
      {
        entity: entity.name,
        customFields: definitions,
        now: runtime.now(),
        ...(settings === undefined
          ? {}
          : { timeZone: settings.timeZone, fiscalYearStartMonth: settings.fiscalYearStartMonth }),
        actorId: context.actor.id,
        readScope: (target) => runtime.access.readScope({ context, entity: target }),
      },
      segments,
    ),
  };
}
