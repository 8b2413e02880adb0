import type { EntityName } from '../entities/entity-name';
import { columnEquals } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { CustomFieldDefinition, ExtensibleEntityName } from './custom-field-definition';
import type { CustomFieldType } from './custom-field-types';

/** A definition as stored in `custom_fields`. */
export function definitionToRow(tenantId: string, definition: CustomFieldDefinition): Row {
  return {
    tenant_id: tenantId,
    id: definition.id,
    version: definition.version,
    entity: definition.entity,
    key: definition.key,
    label: definition.label,
    description: definition.description,
    type: definition.type,
    required: definition.required,
    is_unique: definition.unique,
    is_indexed: definition.indexed,
    default_value: definition.defaultValue === null ? null : { value: definition.defaultValue },
    bounds: { min: definition.min, max: definition.max },
    pattern: definition.pattern,
    options: definition.options,
    relation_entity: definition.relationEntity,
    scale: definition.scale,
    position: definition.position,
    archived_at: definition.archivedAt,
    created_at: definition.createdAt,
    updated_at: definition.updatedAt,
  };
}

/** A stored row of `custom_fields` as a definition. */
export function rowToDefinition(row: Row): CustomFieldDefinition {
  const bounds = row.bounds as { min: number | string | null; max: number | string | null };
  return {
    id: row.id as string,
    version: row.version as number,
    entity: row.entity as ExtensibleEntityName,
    key: row.key as string,
    label: row.label as string,
    description: row.description as string | null,
    type: row.type as CustomFieldType,
    required: row.required as boolean,
    unique: row.is_unique as boolean,
    // Definitions stored before migration 2 have no value: they are not indexed.
    indexed: row.is_indexed === true,
    defaultValue: (row.default_value as { value: unknown } | null)?.value ?? null,
    min: bounds.min,
    max: bounds.max,
    pattern: row.pattern as string | null,
    options: row.options as CustomFieldDefinition['options'],
    relationEntity: row.relation_entity as EntityName | null,
    scale: row.scale as number | null,
    position: row.position as number,
    archivedAt: row.archived_at as string | null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

/** Every definition of one entity in a tenant, archived ones included, by position then key. */
export async function loadDefinitions(
  reader: StorageReader,
  tenantId: string,
  entity: EntityName,
): Promise<CustomFieldDefinition[]> {
  const rows = await reader.findMany({
    table: 'custom_fields',
    tenantId,
    where: columnEquals('entity', entity),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'position' }, type: 'number' }, direction: 'asc' },
      { field: { operand: { kind: 'column', column: 'key' }, type: 'text' }, direction: 'asc' },
    ],
  });
  return rows.map(rowToDefinition);
}
