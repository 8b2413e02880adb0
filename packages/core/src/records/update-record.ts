import { RapportError, validationError } from '../errors/rapport-error';
import type { Changes } from '../events/crm-events';
import type { StorageWriter } from '../storage/adapter';
import { isPlainObject } from '../util/is-plain-object';
import { diffRecords } from './diff';
import type { JournalEntry } from './journal';
import { checkVersion, loadCurrent, writeVersioned } from './load-current';
import { publish } from './publish';
import { checkReferences } from './references';
import { withFieldNames } from './storage-errors';
import type { TenantConfig } from './tenant-config';
import { loadTenantConfig } from './tenant-config';
import { checkUniqueKeys, uniqueFields } from './unique-keys';
import { deleteUniqueValues, insertUniqueValues, uniqueValueRows } from './unique-values';
import { validateInput } from './validate-input';
import type { AfterCommit } from './write-hooks';
import { runWriteHooks } from './write-hooks';
import { writeJournal } from './write-journal';
import type { WriteScope } from './write-scope';
import { businessFields } from './write-scope';

/** The input-shaped values of a stored record: what an update lays its changes over. */
function storedInput(scope: WriteScope, current: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of Object.keys(scope.entity.input)) input[name] = current[name];
  return input;
}

function checkChanges(scope: WriteScope, changes: unknown): Record<string, unknown> {
  if (!isPlainObject(changes)) {
    throw validationError([
      { code: 'invalid_type', path: [], message: `Expected the ${scope.entity.name} fields to change` },
    ]);
  }
  const record = changes as Record<string, unknown>;
  if ('id' in record && record.id !== undefined) {
    throw validationError([{ code: 'immutable', path: ['id'], message: 'The id of a record never changes' }]);
  }
  return record;
}

/** A computed update: the record after it and what changed. */
export interface PlannedUpdate {
  readonly after: Record<string, unknown>;
  readonly changes: Changes;
}

/** Validates changes laid over the current record; pure apart from the config it is given. */
export function planUpdate(
  scope: WriteScope,
  config: TenantConfig,
  current: Record<string, unknown>,
  rawChanges: unknown,
): PlannedUpdate {
  const changes = checkChanges(scope, rawChanges);
  const { custom: customChanges, ...builtIn } = changes;
  const input = {
    ...storedInput(scope, current),
    ...builtIn,
    ...(customChanges === undefined ? {} : { custom: customChanges }),
  };
  const validated = validateInput({
    entity: scope.entity,
    config,
    input,
    storedCustom: (current.custom ?? {}) as Record<string, unknown>,
    isCreate: false,
    at: scope.runtime.now().toISOString(),
  });
  if (!validated.ok) throw validationError(validated.issues);
  const { id: _id, ...values } = validated.values;
  const after = { ...current, ...values };
  return { after, changes: diffRecords(current, after, businessFields(scope.entity)) };
}

/** Options of an update. */
export interface UpdateOptions {
  /** The version the caller read. A stale one gets VERSION_CONFLICT and changes nothing. */
  readonly version: number;
  /** Why the record changes (kept in the audit entry). */
  readonly reason?: string;
}

function changedCustomKeys(changes: Changes): string[] {
  return Object.keys(changes)
    .filter((name) => name.startsWith('custom.'))
    .map((name) => name.slice('custom.'.length));
}

/**
 * Writes a planned update in one transaction: the row (only if its version is still the one read), the
 * unique values of changed unique custom fields, the audit entry and the outbox event.
 */
export async function commitUpdate(
  scope: WriteScope,
  config: TenantConfig,
  current: Record<string, unknown>,
  plan: PlannedUpdate,
  reason: string | undefined,
): Promise<Record<string, unknown>> {
  if (Object.keys(plan.changes).length === 0) return current;
  const { after, afterCommit } = await scope.runtime.storage
    .transaction((tx) => writeUpdate(scope, tx, config, current, plan, reason))
    .catch((error: unknown) => {
      throw withFieldNames(error, scope.entity);
    });
  afterCommit();
  return after;
}

/** An update written inside a caller's transaction: the record after it, and what to run after commit. */
export interface UpdatedInTransaction {
  readonly record: Record<string, unknown>;
  /** Publishes the update's event and runs the write hooks' after-commit work: call it once committed. */
  readonly afterCommit: AfterCommit;
}

/**
 * Updates one record through the one write path inside a transaction the caller already holds (so that
 * the change commits or rolls back with the caller's other writes): validation, access check, the
 * version-checked row, unique values, write hooks, audit entry and outbox event. Changes that change
 * nothing write nothing. The caller runs `afterCommit` once its transaction has committed.
 *
 * @example
 * ```ts
 * const scope = { runtime, context, entity: entityDef('person') };
 * const { record, afterCommit } = await runtime.storage.transaction((tx) =>
 *   updateRecordInTransaction(scope, tx, personId, { ownerId: 'u2' }, { reason: 'assigned by rule' }),
 * );
 * afterCommit();
 * ```
 */
export async function updateRecordInTransaction(
  scope: WriteScope,
  tx: StorageWriter,
  id: unknown,
  changes: unknown,
  options: { readonly version?: number; readonly reason?: string } = {},
): Promise<UpdatedInTransaction> {
  const current = await loadCurrent(scope, tx, id);
  checkVersion(scope, current, options.version);
  const config = await loadTenantConfig(tx, scope.context.tenantId, scope.entity);
  const plan = planUpdate(scope, config, current, changes);
  if (Object.keys(plan.changes).length === 0) return { record: current, afterCommit: () => {} };
  const { after, afterCommit } = await writeUpdate(scope, tx, config, current, plan, options.reason).catch(
    (error: unknown) => {
      throw withFieldNames(error, scope.entity);
    },
  );
  return { record: after, afterCommit };
}

/** The transaction part of an update: access check, references, row, unique values, hooks, journal. */
async function writeUpdate(
  scope: WriteScope,
  tx: StorageWriter,
  config: TenantConfig,
  current: Record<string, unknown>,
  plan: PlannedUpdate,
  reason: string | undefined,
): Promise<{ after: Record<string, unknown>; afterCommit: AfterCommit }> {
  const { runtime, context, entity } = scope;
  if (
    !runtime.access.canWrite({
      context,
      entity: entity.name,
      action: 'update',
      before: current,
      after: plan.after,
    })
  ) {
    throw new RapportError('FORBIDDEN', `${context.actor.id} may not update this ${entity.name}`);
  }
  const at = runtime.now().toISOString();
  const version = (current.version as number) + 1;
  const after: Record<string, unknown> = {
    ...plan.after,
    version,
    updatedAt: at,
    updatedBy: context.actor.id,
  };
  const changedFields = Object.fromEntries(
    Object.keys(plan.changes)
      .filter((name) => !name.startsWith('custom.'))
      .map((name) => [name, after[name]]),
  );
  if (changedCustomKeys(plan.changes).length > 0) changedFields.custom = after.custom;
  const entry: JournalEntry = {
    entity: entity.name,
    action: 'updated',
    recordId: current.id as string,
    version,
    changes: plan.changes,
    record: after,
    ...(reason === undefined ? {} : { reason }),
  };
  await checkReferences({
    reader: tx,
    tenantId: context.tenantId,
    entity,
    definitions: config.definitions,
    records: [{ values: changedFields, path: [] }],
  });
  const changedUnique = uniqueFields(entity).filter((field) => Object.hasOwn(changedFields, field));
  if (changedUnique.length > 0) {
    await checkUniqueKeys({
      reader: tx,
      tenantId: context.tenantId,
      entity,
      records: [{ values: after, path: [], updating: current.id as string }],
      fields: changedUnique,
    });
  }
  await writeVersioned(scope, tx, current, changedFields, { version, at });
  const uniqueKeys = changedCustomKeys(plan.changes);
  if (entity.extensible && uniqueKeys.length > 0) {
    await deleteUniqueValues(tx, context.tenantId, current.id as string, uniqueKeys);
    const rows = uniqueValueRows(
      context.tenantId,
      entity.name,
      config.definitions,
      current.id as string,
      after.custom as Record<string, unknown>,
    );
    await insertUniqueValues(
      tx,
      rows.filter((row) => uniqueKeys.includes(row.field as string)),
    );
  }
  const write = { entity: entity.name, action: 'updated' as const, before: current, after };
  const hooksAfterCommit = await runWriteHooks(runtime, context, tx, at, [write]);
  const eventIds = await writeJournal(tx, context, at, [entry]);
  return {
    after,
    afterCommit: () => {
      publish(runtime, context, at, [entry], eventIds);
      hooksAfterCommit();
    },
  };
}

/** Updates one record with the version the caller read. */
export async function updateRecord(
  scope: WriteScope,
  id: unknown,
  changes: unknown,
  options: UpdateOptions,
): Promise<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null || !Number.isInteger(options.version)) {
    throw new RapportError('MISUSE', 'update(id, changes, { version }) needs the version the caller read');
  }
  const current = await loadCurrent(scope, scope.runtime.storage, id);
  checkVersion(scope, current, options.version);
  const config = await loadTenantConfig(scope.runtime.storage, scope.context.tenantId, scope.entity);
  const plan = planUpdate(scope, config, current, changes);
  return commitUpdate(scope, config, current, plan, options.reason);
}
