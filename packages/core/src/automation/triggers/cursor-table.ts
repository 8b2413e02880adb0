import type { StorageReader, StorageWriter } from '../../storage/adapter';
import type { ColumnDef, Migration, TableDef } from '../../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** The name of the table of trigger cursors. */
export const cursorsTableName = 'automation_cursors';

/**
 * Where the trigger consumer of a tenant stands: one row for the outbox (`id` = `outbox`) and one per time
 * triggered rule (`id` = `rule:<ruleId>`). `position` is the last outbox id every event up to which was
 * handled, or the instant up to which a time trigger was checked; `state` is what the consumer keeps
 * besides: the outbox ids after `position` already handled (see `outbox-window.ts`), or the window a
 * time trigger is part way through (see `time-cursor.ts`). `version` makes two concurrent ticks of one tenant
 * conflict instead of both advancing the same cursor.
 */
export const cursorsTable: TableDef = {
  name: cursorsTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('position', 'text', true),
    col('state', 'json'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/** Migration 13: the cursors of automation triggers. */
export const triggersMigration: Migration = {
  version: 13,
  name: 'automation trigger cursors',
  steps: [{ kind: 'createTable', table: cursorsTable }],
};

/** A cursor as read: absent cursors read as version 0 at no position, with the state `{}`. */
export interface TriggerCursor {
  readonly id: string;
  readonly version: number;
  readonly position: string | null;
  readonly state: Readonly<Record<string, unknown>>;
}

/**
 * Reads one cursor of a tenant; a cursor never written reads as version 0 with no position.
 *
 * @example
 * ```ts
 * const cursor = await readCursor(tx, tenantId, 'outbox'); // { id: 'outbox', version: 0, position: null, state: {} }
 * ```
 */
export async function readCursor(
  reader: StorageReader,
  tenantId: string,
  id: string,
): Promise<TriggerCursor> {
  const row = await reader.findById({ table: cursorsTableName, tenantId, id });
  if (row === undefined) return { id, version: 0, position: null, state: {} };
  return {
    id,
    version: row.version as number,
    position: row.position as string | null,
    state: row.state as Record<string, unknown>,
  };
}

/**
 * Moves a cursor from the version it was read at. Returns false when another tick moved it first: the
 * caller's transaction must then roll back, so what it enqueued is not kept twice.
 */
export async function moveCursor(
  tx: StorageWriter,
  tenantId: string,
  from: TriggerCursor,
  to: { readonly position: string | null; readonly state: Readonly<Record<string, unknown>> },
  at: string,
): Promise<boolean> {
  const values = { position: to.position, state: to.state, updated_at: at };
  if (from.version === 0) {
    // Two first ticks race on the insert: the loser gets DUPLICATE, which rolls its batch back.
    await tx.insert({
      table: cursorsTableName,
      rows: [{ tenant_id: tenantId, id: from.id, version: 1, ...values }],
    });
    return true;
  }
  const changed = await tx.update({
    table: cursorsTableName,
    tenantId,
    id: from.id,
    expectedVersion: from.version,
    values: { ...values, version: from.version + 1 },
  });
  return changed === 1;
}
