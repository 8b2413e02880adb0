import type { StorageReader } from '../storage/adapter';
import type { ColumnDef, Row, TableDef } from '../storage/schema';
import type { FollowUpCadence } from './cadence';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** The name of the table of cadences. */
export const cadencesTableName = 'follow_up_cadences';

/**
 * Follow-up cadences: one row per cadence, its steps as JSON. The fallback assignee is a foreign key, so a
 * member a cadence falls back to cannot be deleted from under it (REFERENCED).
 */
export const cadencesTable: TableDef = {
  name: cadencesTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('name', 'text'),
    col('trigger', 'text'),
    col('order_types', 'json', true),
    col('steps', 'json'),
    col('fallback_assignee_id', 'text', true),
    col('active', 'boolean'),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'follow_up_cadences_name_unique', columns: ['tenant_id', 'name'], unique: true },
    {
      name: 'follow_up_cadences_fallback_idx',
      columns: ['tenant_id', 'fallback_assignee_id'],
      unique: false,
    },
  ],
  foreignKeys: [
    {
      name: 'follow_up_cadences_fallback_fk',
      columns: ['tenant_id', 'fallback_assignee_id'],
      references: { table: 'members', columns: ['tenant_id', 'id'] },
    },
  ],
};

/** A cadence as stored. */
export function cadenceToRow(tenantId: string, cadence: FollowUpCadence): Row {
  return {
    tenant_id: tenantId,
    id: cadence.id,
    version: cadence.version,
    name: cadence.name,
    trigger: cadence.trigger,
    order_types: cadence.orderTypes,
    steps: cadence.steps,
    fallback_assignee_id: cadence.fallbackAssigneeId,
    active: cadence.active,
    created_at: cadence.createdAt,
    updated_at: cadence.updatedAt,
  };
}

/** A stored row as a cadence. */
export function rowToCadence(row: Row): FollowUpCadence {
  return {
    id: row.id as string,
    version: row.version as number,
    name: row.name as string,
    trigger: row.trigger as FollowUpCadence['trigger'],
    orderTypes: row.order_types as string[] | null,
    steps: row.steps as FollowUpCadence['steps'],
    fallbackAssigneeId: row.fallback_assignee_id as string | null,
    active: row.active as boolean,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

/**
 * Every cadence of a tenant, by name. A tenant has a handful, so the write path reads them whole.
 *
 * @example
 * ```ts
 * const active = (await loadCadences(tx, tenantId)).filter((cadence) => cadence.active);
 * ```
 */
export async function loadCadences(reader: StorageReader, tenantId: string): Promise<FollowUpCadence[]> {
  const rows = await reader.findMany({
    table: cadencesTableName,
    tenantId,
    orderBy: [
      { field: { operand: { kind: 'column', column: 'name' }, type: 'text' }, direction: 'asc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
    ],
  });
  return rows.map(rowToCadence);
}
