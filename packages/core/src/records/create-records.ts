import type { RapportIssue } from '../errors/rapport-error';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { uuidv7 } from '../ids/uuidv7';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import { createdChanges } from './diff';
import type { JournalEntry } from './journal';
import { publish } from './publish';
import { checkReferences } from './references';
import { rowMapping } from './row-mapping';
import { withFieldNames } from './storage-errors';
import type { TenantConfig } from './tenant-config';
import { loadTenantConfig } from './tenant-config';
import { checkUniqueKeys } from './unique-keys';
import { hasUniqueValues, insertUniqueValues, uniqueValueRows } from './unique-values';
import { validateInput } from './validate-input';
import type { AfterCommit } from './write-hooks';
import { runWriteHooks } from './write-hooks';
import { writeJournal } from './write-journal';
import type { WriteScope } from './write-scope';
import { businessFields } from './write-scope';

const insertChunk = 500;
const maxReportedIssues = 100;

/** Options of a create. */
export interface CreateOptions {
  /** Why the records are created (an import's name): kept in the audit entries. */
  readonly reason?: string;
}

function forbidden(scope: WriteScope, index: number | undefined): never {
  const path = index === undefined ? [] : [index];
  throw new RapportError('FORBIDDEN', `${scope.context.actor.id} may not create this ${scope.entity.name}`, {
    issues: [{ code: 'forbidden', path, message: 'Not allowed' }],
  });
}

/**
 * The record of validated values: the values (the given id last, when the entity takes one) and then the
 * bookkeeping fields. The values are fresh from validation, so the fields are added in place: on Node 20,
 * adding keys to a spread copy gives every record its own hidden class, which made bulk creates slow.
 */
function stamped(values: Record<string, unknown>, at: string, actorId: string): Record<string, unknown> {
  const givenId = values.id;
  let record = values;
  if (Object.hasOwn(values, 'id')) {
    const { id: _, ...rest } = values;
    record = rest;
  }
  record.id = typeof givenId === 'string' ? givenId : uuidv7();
  record.version = 1;
  record.createdAt = at;
  record.updatedAt = at;
  record.createdBy = actorId;
  record.updatedBy = actorId;
  record.archivedAt = null;
  return record;
}

/** Validates every input and returns complete records, or throws VALIDATION_FAILED with every issue. */
async function prepare(
  scope: WriteScope,
  inputs: readonly unknown[],
  isBatch: boolean,
  reader: StorageReader = scope.runtime.storage,
): Promise<{ records: Record<string, unknown>[]; config: TenantConfig }> {
  const { runtime, context, entity } = scope;
  const config = await loadTenantConfig(reader, context.tenantId, entity);
  const at = runtime.now().toISOString();
  const issues: RapportIssue[] = [];
  const records: Record<string, unknown>[] = [];
  inputs.forEach((input, index) => {
    const validated = validateInput({ entity, config, input, storedCustom: {}, isCreate: true, at });
    if (!validated.ok) {
      if (issues.length < maxReportedIssues)
        issues.push(
          ...validated.issues.map((issue) => (isBatch ? { ...issue, path: [index, ...issue.path] } : issue)),
        );
      return;
    }
    records.push(stamped(validated.values, at, context.actor.id));
  });
  if (issues.length > 0) throw validationError(issues);
  records.forEach((record, index) => {
    if (!runtime.access.canWrite({ context, entity: entity.name, action: 'create', after: record }))
      forbidden(scope, isBatch ? index : undefined);
  });
  return { records, config };
}

/**
 * Creates records through the one write path: validate all, then one transaction writing the rows, their
 * unique values, audit entries and outbox events; publish after commit. All or nothing.
 */
export async function createRecords(
  scope: WriteScope,
  inputs: readonly unknown[],
  isBatch: boolean,
  options: CreateOptions = {},
): Promise<Record<string, unknown>[]> {
  const { runtime, context, entity } = scope;
  if (!Array.isArray(inputs))
    throw new RapportError('MISUSE', `createMany(inputs) takes an array of ${entity.name} inputs`);
  if (inputs.length === 0) return [];
  const { records, config } = await prepare(scope, inputs, isBatch);
  const at = records[0]?.createdAt as string;
  const entries = createdEntries(scope, records, options);
  const { eventIds, afterCommit } = await runtime.storage
    .transaction((tx) => writeCreated(scope, tx, { records, config, entries, at, isBatch }))
    .catch(async (error: unknown) => {
      // The unique indexes guard every write; only when one refuses do we look up which input clashed,
      // after the rollback, so the common path pays no extra query per key.
      if (isRapportError(error, 'DUPLICATE') && error.details.entity === undefined) {
        await checkUniqueKeys({
          reader: runtime.storage,
          tenantId: context.tenantId,
          entity,
          records: records.map((values, index) => ({ values, path: isBatch ? [index] : [] })),
        });
      }
      throw withFieldNames(error, entity);
    });
  publish(runtime, context, at, entries, eventIds);
  afterCommit();
  return records;
}

/**
 * Creates records through the one write path inside a transaction the caller already holds (a write
 * hook's, so that records it derives commit or roll back with the write that caused them): validation,
 * access check, rows, unique values, write hooks, audit entries and outbox events. Returns the records
 * and what publishes their events, to run once the caller's transaction commits.
 *
 * @example
 * ```ts
 * const hook: WriteHook = async ({ tx, runtime, context }) => {
 *   const scope = { runtime, context, entity: entityDef('task') };
 *   const { afterCommit } = await createRecordsInTransaction(scope, tx, [{ title: 'Call back' }]);
 *   return afterCommit;
 * };
 * ```
 */
export async function createRecordsInTransaction(
  scope: WriteScope,
  tx: StorageWriter,
  inputs: readonly unknown[],
  options: CreateOptions = {},
): Promise<{ records: Record<string, unknown>[]; afterCommit: AfterCommit }> {
  if (inputs.length === 0) return { records: [], afterCommit: () => {} };
  const { records, config } = await prepare(scope, inputs, true, tx);
  const at = records[0]?.createdAt as string;
  const entries = createdEntries(scope, records, options);
  const written = await writeCreated(scope, tx, { records, config, entries, at, isBatch: true }).catch(
    (error: unknown) => {
      throw withFieldNames(error, scope.entity);
    },
  );
  return {
    records,
    afterCommit: () => {
      publish(scope.runtime, scope.context, at, entries, written.eventIds);
      written.afterCommit();
    },
  };
}

function createdEntries(
  scope: WriteScope,
  records: readonly Record<string, unknown>[],
  options: CreateOptions,
): JournalEntry[] {
  const fields = businessFields(scope.entity);
  return records.map((record) => ({
    entity: scope.entity.name,
    action: 'created',
    recordId: record.id as string,
    version: 1,
    changes: createdChanges(record, fields),
    record,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  }));
}

/** What {@link writeCreated} writes: validated records and their journal entries. */
interface CreatedWrite {
  readonly records: readonly Record<string, unknown>[];
  readonly config: TenantConfig;
  readonly entries: readonly JournalEntry[];
  readonly at: string;
  readonly isBatch: boolean;
}

/** The transaction part of a create: references, rows, unique values, write hooks, journal. */
async function writeCreated(
  scope: WriteScope,
  tx: StorageWriter,
  { records, config, entries, at, isBatch }: CreatedWrite,
): Promise<{ eventIds: string[]; afterCommit: AfterCommit }> {
  const { runtime, context, entity } = scope;
  const mapping = rowMapping(entity);
  await checkReferences({
    reader: tx,
    tenantId: context.tenantId,
    entity,
    definitions: config.definitions,
    records: records.map((values, index) => ({ values, path: isBatch ? [index] : [] })),
    pendingIds: new Set(records.map((record) => record.id as string)),
  });
  for (let start = 0; start < records.length; start += insertChunk) {
    const rows: Row[] = records
      .slice(start, start + insertChunk)
      .map((record) => mapping.toRow(context.tenantId, record));
    await tx.insert({ table: entity.table, rows });
  }
  // Most entities have no unique custom field: a bulk create then skips the per-record loop.
  if (entity.extensible && hasUniqueValues(config.definitions)) {
    for (const [index, record] of records.entries()) {
      const rows = uniqueValueRows(
        context.tenantId,
        entity.name,
        config.definitions,
        record.id as string,
        record.custom as Record<string, unknown>,
      );
      if (rows.length > 0) await insertUniqueValues(tx, rows, isBatch ? [index] : []);
    }
  }
  const writes = records.map((after) => ({
    entity: entity.name,
    action: 'created' as const,
    before: undefined,
    after,
  }));
  const afterCommit = await runWriteHooks(runtime, context, tx, at, writes);
  return { eventIds: await writeJournal(tx, context, at, entries), afterCommit };
}
