import { changesFromStored } from '../../audit/stored-changes';
import type { EntityName } from '../../entities/entity-name';
import { entityNames } from '../../entities/entity-name';
import { allOf, columnIn } from '../../records/conditions';
import type { StorageReader } from '../../storage/adapter';
import type { Condition } from '../../storage/condition';
import type { Row } from '../../storage/schema';
import type { TriggerEvent } from './trigger-event';

const idOrder = [
  { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
] as const;

/**
 * The outbox events of a tenant after `position` (all when null), in id order, at most `limit`.
 *
 * @example
 * ```ts
 * const rows = await readOutbox(tx, tenantId, cursor.position, 200);
 * ```
 */
export async function readOutbox(
  reader: StorageReader,
  tenantId: string,
  position: string | null,
  limit: number,
): Promise<Row[]> {
  const after: Condition | undefined =
    position === null
      ? undefined
      : {
          kind: 'compare',
          field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
          op: 'gt',
          value: position,
          caseInsensitive: false,
        };
  return reader.findMany({ table: 'outbox', tenantId, where: allOf(after), orderBy: idOrder, limit });
}

const recordActions = { created: 'create', updated: 'update', deleted: 'delete' } as const;
type RecordAction = keyof typeof recordActions;

function recordEventParts(type: string): { entity: EntityName; action: RecordAction } | undefined {
  const [entity, action] = type.split('.');
  if (!(entityNames as readonly string[]).includes(entity as string)) return undefined;
  if (!(action === 'created' || action === 'updated' || action === 'deleted')) return undefined;
  return { entity: entity as EntityName, action };
}

/** The chain depth an automation write leaves in its events' payload; 0 for any other write. */
function chainDepthOf(payload: Record<string, unknown>): number {
  const depth = payload.chainDepth;
  return typeof depth === 'number' && Number.isInteger(depth) && depth >= 0 ? depth : 0;
}

const auditKey = (entity: string, recordId: string, action: string, version: number) =>
  `${entity}\u0000${recordId}\u0000${action}\u0000${version}`;

/** The audit rows of the record events among `rows`, by entity, record, action and version. */
async function auditChanges(reader: StorageReader, tenantId: string, rows: readonly Row[]) {
  const recordIds = [...new Set(rows.map((row) => row.record_id as string))];
  const found = new Map<string, unknown>();
  if (recordIds.length === 0) return found;
  const audit = await reader.findMany({
    table: 'audit_log',
    tenantId,
    where: columnIn('record_id', recordIds),
  });
  for (const row of audit)
    found.set(
      auditKey(
        row.entity as string,
        row.record_id as string,
        row.action as string,
        row.record_version as number,
      ),
      row.changes,
    );
  return found;
}

/**
 * The trigger events of outbox rows: record created, updated and deleted events with their change read
 * from the audit row of the same record and version, and segment entered and left events. Other events
 * (archives, tiers, duplicates) start no rule and are left out.
 *
 * @example
 * ```ts
 * const events = await triggerEvents(tx, tenantId, await readOutbox(tx, tenantId, null, 100));
 * ```
 */
export async function triggerEvents(
  reader: StorageReader,
  tenantId: string,
  rows: readonly Row[],
): Promise<TriggerEvent[]> {
  const recordRows = rows.filter((row) => recordEventParts(row.type as string) !== undefined);
  const audit = await auditChanges(reader, tenantId, recordRows);
  const events: TriggerEvent[] = [];
  for (const row of rows) {
    const payload = (row.payload ?? {}) as Record<string, unknown>;
    const base = {
      eventId: row.id as string,
      recordId: row.record_id as string,
      chainDepth: chainDepthOf(payload),
    };
    if (row.type === 'segment.entered' || row.type === 'segment.left') {
      events.push({
        ...base,
        kind: 'segment',
        entered: row.type === 'segment.entered',
        segmentId: payload.segmentId as string,
        entity: row.entity as EntityName,
      });
      continue;
    }
    const parts = recordEventParts(row.type as string);
    if (parts === undefined) continue;
    const version = payload.version as number;
    const stored = audit.get(auditKey(parts.entity, base.recordId, recordActions[parts.action], version));
    events.push({
      ...base,
      kind: 'record',
      action: parts.action,
      entity: parts.entity,
      version,
      changes: stored === undefined ? {} : changesFromStored(stored),
    });
  }
  return events;
}
