import type { WriteAction } from '../access/access-policy';
import { rowToDefinition } from '../custom-fields/definition-rows';
import { tableOfEntity } from '../entities/define-entity';
import type { EntityName } from '../entities/entity-name';
import { entities } from '../entities/registry';
import { RapportError } from '../errors/rapport-error';
import type { RecordAction } from '../events/crm-events';
import type { StorageWriter } from '../storage/adapter';
import { columnEquals } from './conditions';
import type { JournalEntry } from './journal';
import { checkVersion, explainLostRace, loadCurrent, writeVersioned } from './load-current';
import { publish } from './publish';
import { deleteUniqueValues } from './unique-values';
import { runWriteHooks } from './write-hooks';
import { writeJournal } from './write-journal';
import type { WriteScope } from './write-scope';

/** Options of archive, restore and delete. */
export interface LifecycleOptions {
  /** When given, the write happens only if the record is still at this version. */
  readonly version?: number;
  readonly reason?: string;
}

function checkAllowed(
  scope: WriteScope,
  action: WriteAction,
  before: Record<string, unknown>,
  after?: Record<string, unknown>,
): void {
  const { runtime, context, entity } = scope;
  const args = { context, entity: entity.name, action, before, ...(after ? { after } : {}) };
  if (!runtime.access.canWrite(args))
    throw new RapportError('FORBIDDEN', `${context.actor.id} may not ${action} this ${entity.name}`);
}

async function setArchived(
  scope: WriteScope,
  id: unknown,
  archived: boolean,
  options: LifecycleOptions,
): Promise<Record<string, unknown>> {
  const { runtime, context, entity } = scope;
  const current = await loadCurrent(scope, runtime.storage, id);
  checkVersion(scope, current, options.version);
  if ((current.archivedAt !== null) === archived) return current;
  const action: WriteAction = archived ? 'archive' : 'restore';
  const at = runtime.now().toISOString();
  const version = (current.version as number) + 1;
  const archivedAt = archived ? at : null;
  const after = { ...current, archivedAt, version, updatedAt: at, updatedBy: context.actor.id };
  checkAllowed(scope, action, current, after);
  const entry: JournalEntry = {
    entity: entity.name,
    action: archived ? 'archived' : 'restored',
    recordId: current.id as string,
    version,
    changes: { archivedAt: { before: current.archivedAt, after: archivedAt } },
    record: after,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  };
  const { eventIds, afterCommit } = await runtime.storage.transaction(async (tx) => {
    await writeVersioned(scope, tx, current, { archivedAt }, { version, at });
    const write = { entity: entity.name, action: entry.action, before: current, after };
    const afterCommit = await runWriteHooks(runtime, context, tx, at, [write]);
    return { eventIds: await writeJournal(tx, context, at, [entry]), afterCommit };
  });
  publish(runtime, context, at, [entry], eventIds);
  afterCommit();
  return after;
}

/** Archives a record: it stays stored and readable by id, and leaves lists unless they ask for it. */
export function archiveRecord(
  scope: WriteScope,
  id: unknown,
  options: LifecycleOptions = {},
): Promise<Record<string, unknown>> {
  return setArchived(scope, id, true, options);
}

/** Restores an archived record. */
export function restoreRecord(
  scope: WriteScope,
  id: unknown,
  options: LifecycleOptions = {},
): Promise<Record<string, unknown>> {
  return setArchived(scope, id, false, options);
}

/** Fails with REFERENCED when a list field or a custom relation of another record still names `id`. */
async function checkNotReferenced(
  tx: StorageWriter,
  tenantId: string,
  target: EntityName,
  id: string,
): Promise<void> {
  for (const entity of Object.values(entities)) {
    for (const [name, field] of Object.entries(entity.allFields)) {
      if (field.references !== target || field.valueType !== 'textList') continue;
      const where = {
        kind: 'has' as const,
        field: { operand: { kind: 'column' as const, column: field.column }, type: 'textList' as const },
        values: [id],
        mode: 'any' as const,
      };
      if ((await tx.count({ table: entity.table, tenantId, where })) > 0)
        referenced(target, id, `${entity.name}.${name}`);
    }
  }
  const relations = (
    await tx.findMany({ table: 'custom_fields', tenantId, where: columnEquals('relation_entity', target) })
  ).map(rowToDefinition);
  for (const definition of relations) {
    const where = {
      kind: 'compare' as const,
      field: {
        operand: { kind: 'jsonPath' as const, column: 'custom', path: [definition.key] },
        type: 'text' as const,
      },
      op: 'eq' as const,
      value: id,
      caseInsensitive: false,
    };
    if ((await tx.count({ table: tableOfEntity(definition.entity), tenantId, where })) > 0)
      referenced(target, id, `${definition.entity}.custom.${definition.key}`);
  }
}

function referenced(entity: EntityName, id: string, by: string): never {
  throw new RapportError('REFERENCED', `${entity} ${id} is still referenced by ${by}`, {
    details: { entity, id, referencedBy: by },
  });
}

/**
 * Deletes a record for good. The audit log keeps the values it had. A record that others still point at
 * is refused with REFERENCED: archive it, or unlink it first.
 */
export async function deleteRecord(
  scope: WriteScope,
  id: unknown,
  options: LifecycleOptions = {},
): Promise<void> {
  const { runtime, context, entity } = scope;
  const current = await loadCurrent(scope, runtime.storage, id);
  checkVersion(scope, current, options.version);
  checkAllowed(scope, 'delete', current);
  const at = runtime.now().toISOString();
  const changes = Object.fromEntries(
    Object.entries(current)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => [name, { before: value, after: null }]),
  );
  const action: RecordAction = 'deleted';
  const entry: JournalEntry = {
    entity: entity.name,
    action,
    recordId: current.id as string,
    version: current.version as number,
    changes,
    record: current,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  };
  const { eventIds, afterCommit } = await runtime.storage.transaction(async (tx) => {
    await checkNotReferenced(tx, context.tenantId, entity.name, current.id as string);
    const where = {
      kind: 'and' as const,
      conditions: [
        columnEquals('id', current.id as string),
        {
          kind: 'compare' as const,
          field: { operand: { kind: 'column' as const, column: 'version' }, type: 'number' as const },
          op: 'eq' as const,
          value: current.version as number,
          caseInsensitive: false,
        },
      ],
    };
    const count = await tx.delete({ table: entity.table, tenantId: context.tenantId, where });
    if (count === 0) await explainLostRace(scope, tx, current);
    if (entity.extensible) await deleteUniqueValues(tx, context.tenantId, current.id as string);
    const write = { entity: entity.name, action, before: current, after: undefined };
    const afterCommit = await runWriteHooks(runtime, context, tx, at, [write]);
    return { eventIds: await writeJournal(tx, context, at, [entry]), afterCommit };
  });
  publish(runtime, context, at, [entry], eventIds);
  afterCommit();
}
