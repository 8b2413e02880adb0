import type { CustomFieldDefinition } from '../custom-fields/custom-field-definition';
import type { EntityName } from '../entities/entity-name';
import { isRapportError, RapportError } from '../errors/rapport-error';
import type { StorageWriter } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import { ownValue } from '../util/own-value';
import { allOf, columnEquals } from './conditions';

/** The text a unique custom value is stored as; numbers and text never collide because keys are per field. */
function canonical(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function uniqueDefinitions(definitions: readonly CustomFieldDefinition[]): CustomFieldDefinition[] {
  return definitions.filter((definition) => definition.unique && definition.archivedAt === null);
}

/** Whether the entity has an active unique custom field: without one, no write has unique values to keep. */
export function hasUniqueValues(definitions: readonly CustomFieldDefinition[]): boolean {
  return uniqueDefinitions(definitions).length > 0;
}

/** Rows of `unique_values` for one record's custom values. */
export function uniqueValueRows(
  tenantId: string,
  entity: EntityName,
  definitions: readonly CustomFieldDefinition[],
  recordId: string,
  custom: Readonly<Record<string, unknown>>,
): Row[] {
  return uniqueDefinitions(definitions)
    .filter(
      (definition) =>
        ownValue(custom, definition.key) !== undefined && ownValue(custom, definition.key) !== null,
    )
    .map((definition) => ({
      tenant_id: tenantId,
      entity,
      field: definition.key,
      value: canonical(ownValue(custom, definition.key)),
      record_id: recordId,
    }));
}

/** Inserts unique values; a clash becomes DUPLICATE with the custom field's path. */
export async function insertUniqueValues(
  tx: StorageWriter,
  rows: readonly Row[],
  pathPrefix: readonly (string | number)[] = [],
): Promise<void> {
  for (const row of rows) {
    try {
      await tx.insert({ table: 'unique_values', rows: [row] });
    } catch (error) {
      if (!isRapportError(error, 'DUPLICATE')) throw error;
      const path = [...pathPrefix, 'custom', row.field as string];
      throw new RapportError('DUPLICATE', `Another ${row.entity} already has this ${row.field}`, {
        issues: [{ code: 'duplicate', path, message: `Another ${row.entity} already has this value` }],
        details: { entity: row.entity, fields: [`custom.${row.field}`] },
      });
    }
  }
}

/** Deletes a record's unique values (all of them, or only for the given fields). */
export async function deleteUniqueValues(
  tx: StorageWriter,
  tenantId: string,
  recordId: string,
  fields?: readonly string[],
): Promise<void> {
  const byRecord = columnEquals('record_id', recordId);
  if (fields === undefined) {
    await tx.delete({ table: 'unique_values', tenantId, where: byRecord });
    return;
  }
  for (const field of fields)
    await tx.delete({
      table: 'unique_values',
      tenantId,
      where: allOf(byRecord, columnEquals('field', field)) as Condition,
    });
}
