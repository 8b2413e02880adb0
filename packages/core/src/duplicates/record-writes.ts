import type { WriteAction } from '../access/access-policy';
import type { EntityDef } from '../entities/define-entity';
import { RapportError } from '../errors/rapport-error';
import type { RecordAction } from '../events/crm-events';
import type { CrmContext } from '../records/context';
import { diffRecords } from '../records/diff';
import type { JournalEntry } from '../records/journal';
import { writeVersioned } from '../records/load-current';
import type { CrmRuntime } from '../records/runtime';
import { loadTenantConfig } from '../records/tenant-config';
import { deleteUniqueValues, insertUniqueValues, uniqueValueRows } from '../records/unique-values';
import type { WrittenRecord } from '../records/write-hooks';
import { businessFields } from '../records/write-scope';
import type { StorageWriter } from '../storage/adapter';

/** One record a merge or its undo rewrites: the stored record and the whole record it becomes. */
export interface RecordRewrite {
  readonly entity: EntityDef;
  readonly current: Readonly<Record<string, unknown>>;
  /** The record after the rewrite, before its version and stamps move on. */
  readonly next: Readonly<Record<string, unknown>>;
}

/** What rewriting records wrote: the journal entries and write-hook records to finish the write with. */
export interface RewriteResult {
  readonly entries: JournalEntry[];
  readonly writes: WrittenRecord[];
  /** Each record as written, with its new version, in the order given. */
  readonly written: Record<string, unknown>[];
}

const accessAction: Record<RecordAction, WriteAction> = {
  created: 'create',
  updated: 'update',
  archived: 'archive',
  restored: 'restore',
  deleted: 'delete',
};

function actionOf(current: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>) {
  if ((current.archivedAt ?? null) === (next.archivedAt ?? null)) return 'updated' as const;
  return next.archivedAt == null ? ('restored' as const) : ('archived' as const);
}

const changedCustomKeys = (changes: Record<string, unknown>) =>
  Object.keys(changes)
    .filter((name) => name.startsWith('custom.'))
    .map((name) => name.slice('custom.'.length));

/**
 * Rewrites records inside the caller's transaction, in the order given, as the write path does for an
 * update: each row only if still at the version read (else VERSION_CONFLICT), the unique values of its
 * changed unique custom fields, and an audit entry with `reason` (returned, for the caller to journal with
 * the rest). The values are not validated again: they are values these records held, or the winner's
 * values that the write path's update planning already checked. This is the named, audited bypass of
 * merges and their undo; the access policy is still asked about every record (FORBIDDEN).
 *
 * @example
 * ```ts
 * const { entries, writes } = await rewriteRecords(tx, runtime, context, at, rewrites, `merge ${id}`);
 * ```
 */
export async function rewriteRecords(
  tx: StorageWriter,
  runtime: CrmRuntime,
  context: CrmContext,
  at: string,
  rewrites: readonly RecordRewrite[],
  reason: string,
): Promise<RewriteResult> {
  const result: RewriteResult = { entries: [], writes: [], written: [] };
  for (const { entity, current, next } of rewrites) {
    const action = actionOf(current, next);
    const changes = diffRecords(current, next, businessFields(entity));
    if (action !== 'updated')
      Object.assign(changes, {
        archivedAt: { before: current.archivedAt ?? null, after: next.archivedAt ?? null },
      });
    if (Object.keys(changes).length === 0) {
      result.written.push({ ...current });
      continue;
    }
    const version = (current.version as number) + 1;
    const after: Record<string, unknown> = { ...next, version, updatedAt: at, updatedBy: context.actor.id };
    const args = { context, entity: entity.name, action: accessAction[action], before: current, after };
    if (!runtime.access.canWrite(args))
      throw new RapportError('FORBIDDEN', `${context.actor.id} may not ${args.action} this ${entity.name}`);
    const fields = Object.fromEntries(
      Object.keys(changes)
        .filter((name) => !name.startsWith('custom.'))
        .map((name) => [name, after[name]]),
    );
    const customKeys = changedCustomKeys(changes);
    if (customKeys.length > 0) fields.custom = after.custom;
    const scope = { runtime, context, entity };
    await writeVersioned(scope, tx, current as Record<string, unknown>, fields, { version, at });
    if (entity.extensible && customKeys.length > 0)
      await syncUniqueValues(tx, context, entity, after, customKeys);
    result.entries.push({
      entity: entity.name,
      action,
      recordId: current.id as string,
      version,
      changes,
      record: after,
      reason,
    });
    result.writes.push({ entity: entity.name, action, before: current, after });
    result.written.push(after);
  }
  return result;
}

/** Replaces a record's unique values of the changed custom keys. */
async function syncUniqueValues(
  tx: StorageWriter,
  context: CrmContext,
  entity: EntityDef,
  after: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Promise<void> {
  const { definitions } = await loadTenantConfig(tx, context.tenantId, entity);
  const id = after.id as string;
  await deleteUniqueValues(tx, context.tenantId, id, keys);
  const rows = uniqueValueRows(
    context.tenantId,
    entity.name,
    definitions,
    id,
    after.custom as Record<string, unknown>,
  );
  await insertUniqueValues(
    tx,
    rows.filter((row) => keys.includes(row.field as string)),
  );
}
