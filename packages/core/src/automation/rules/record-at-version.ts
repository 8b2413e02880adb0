import { changesFromStored } from '../../audit/stored-changes';
import type { EntityDef } from '../../entities/define-entity';
import type { Changes, RecordAction } from '../../events/crm-events';
import { allOf, columnEquals } from '../../records/conditions';
import { auditAction } from '../../records/journal';
import { rowMapping } from '../../records/row-mapping';
import type { StorageReader } from '../../storage/adapter';
import type { Row } from '../../storage/schema';

/** A past event of a record: what changed, and the record as it was right after. */
export interface RecordAtEvent {
  readonly changes: Changes;
  /** The row as the event left it; for a delete, the row as it was when deleted. */
  readonly row: Row;
}

/**
 * A record as one of its past events left it, rebuilt from the audit trail: the current row (or, once
 * deleted, the last values its delete entry keeps) with every later change undone, newest first. This
 * is what a dry run over past events evaluates a rule's condition on, rather than the record as it is now.
 *
 * @example
 * ```ts
 * const { row, changes } = await recordAtEvent(reader, tenantId, entityDef('person'), id, 'updated', 3);
 * ```
 */
export async function recordAtEvent(
  reader: StorageReader,
  tenantId: string,
  entity: EntityDef,
  recordId: string,
  action: RecordAction,
  version: number,
): Promise<RecordAtEvent> {
  const entries = await reader.findMany({
    table: 'audit_log',
    tenantId,
    where: allOf(columnEquals('entity', entity.name), columnEquals('record_id', recordId), {
      kind: 'compare',
      field: { operand: { kind: 'column', column: 'record_version' }, type: 'number' },
      op: 'gte',
      value: version,
      caseInsensitive: false,
    }),
  });
  const own = entries.find(
    (entry) => entry.record_version === version && entry.action === auditAction[action],
  );
  const deleted = entries.find((entry) => entry.action === 'delete');
  const current = await reader.findById({ table: entity.table, tenantId, id: recordId });
  const mapping = rowMapping(entity);
  const record =
    current !== undefined
      ? mapping.toRecord(current)
      : lastValues(changesFromStored(deleted?.changes), recordId);
  const later = entries
    .filter((entry) => (entry.record_version as number) > version && entry.action !== 'delete')
    .sort((a, b) => (b.record_version as number) - (a.record_version as number));
  for (const entry of later) undo(record, changesFromStored(entry.changes));
  return {
    changes: own === undefined ? {} : changesFromStored(own.changes),
    row: { ...mapping.toRow(tenantId, record), id: recordId },
  };
}

/** The record a delete entry keeps: each field's value before the delete. */
function lastValues(changes: Changes, recordId: string): Record<string, unknown> {
  const record: Record<string, unknown> = { id: recordId };
  for (const [field, change] of Object.entries(changes)) record[field] = change.before;
  return record;
}

/** Sets each changed field back to its value before the change (`custom.<key>` inside `custom`). */
function undo(record: Record<string, unknown>, changes: Changes): void {
  for (const [field, change] of Object.entries(changes)) {
    if (!field.startsWith('custom.')) {
      record[field] = change.before ?? null;
      continue;
    }
    const custom = { ...((record.custom as Record<string, unknown> | null) ?? {}) };
    const key = field.slice('custom.'.length);
    if (change.before === null || change.before === undefined) delete custom[key];
    else custom[key] = change.before;
    record.custom = custom;
  }
}
