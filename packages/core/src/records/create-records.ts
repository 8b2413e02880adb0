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

/** Inputs to validate, with where they start among the caller's inputs and the issues found so far. */
export interface CreateBatch {
  readonly inputs: readonly unknown[];
  /** The index of `inputs[0]` among the caller's inputs: issue paths count from it. */
  readonly offset: number;
  /** Whether issue paths start with the input's index (createMany) or not (create). */
  readonly isBatch: boolean;
  /** The records' creation time. */
  readonly at: string;
  /** Where issues go, up to 100 in all; shared by the batches of one write. */
  readonly issues: RapportIssue[];
}

/**
 * Validates inputs into complete records, adding the issues of bad ones to `batch.issues`. When no batch
 * so far had an issue, checks that the actor may create each record: FORBIDDEN otherwise.
 *
 * @example
 * ```ts
 * const issues: RapportIssue[] = [];
 * const records = validateCreates(scope, config, { inputs, offset: 0, isBatch: true, at, issues });
 * if (issues.length > 0) throw validationError(issues);
 * ```
 */
export function validateCreates(
  scope: WriteScope,
  config: TenantConfig,
  { inputs, offset, isBatch, at, issues }: CreateBatch,
): Record<string, unknown>[] {
  const { runtime, context, entity } = scope;
  const records: Record<string, unknown>[] = [];
  const pathOf = (index: number): (string | number)[] => (isBatch ? [offset + index] : []);
  inputs.forEach((input, index) => {
    const validated = validateInput({ entity, config, input, storedCustom: {}, isCreate: true, at });
    if (!validated.ok) {
      for (const issue of validated.issues)
        if (issues.length < maxReportedIssues)
          issues.push({ ...issue, path: [...pathOf(index), ...issue.path] });
      return;
    }
    records.push(stamped(validated.values, at, context.actor.id));
  });
  if (issues.length > 0) return records;
  records.forEach((record, index) => {
    if (!runtime.access.canWrite({ context, entity: entity.name, action: 'create', after: record }))
      forbidden(scope, isBatch ? offset + index : undefined);
  });
  return records;
}

/**
 * Validates every input and returns complete records, or throws VALIDATION_FAILED with every issue (paths
 * start with the input's index in a batch) and FORBIDDEN when the actor may not create one of them.
 */
async function prepareCreates(
  scope: WriteScope,
  inputs: readonly unknown[],
  isBatch: boolean,
  reader: StorageReader = scope.runtime.storage,
): Promise<{ records: Record<string, unknown>[]; config: TenantConfig }> {
  const { runtime, context, entity } = scope;
  const config = await loadTenantConfig(reader, context.tenantId, entity);
  const issues: RapportIssue[] = [];
  const at = runtime.now().toISOString();
  const records = validateCreates(scope, config, { inputs, offset: 0, isBatch, at, issues });
  if (issues.length > 0) throw validationError(issues);
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
  const { runtime, context } = scope;
  if (!Array.isArray(inputs))
    throw new RapportError('MISUSE', `createMany(inputs) takes an array of ${scope.entity.name} inputs`);
  if (inputs.length === 0) return [];
  const { records, config } = await prepareCreates(scope, inputs, isBatch);
  const at = records[0]?.createdAt as string;
  const entries = createdEntries(scope, records, options);
  const { eventIds, afterCommit } = await runtime.storage
    .transaction((tx) => writeCreated(scope, tx, { records, config, entries, at, isBatch }))
    .catch((error: unknown) => explainCreateFailure(scope, records, isBatch, error));
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
  const { records, config } = await prepareCreates(scope, inputs, true, tx);
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

/**
 * The journal entries of created records, each with the create's reason.
 *
 * @example
 * ```ts
 * const entries = createdEntries(scope, records, { reason: 'contacts.csv' });
 * ```
 */
export function createdEntries(
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

/** Created records to write: `offset` is the index of the first among the caller's inputs (0 by default). */
type RowsToInsert = Pick<CreatedWrite, 'records' | 'config' | 'isBatch'> & { readonly offset?: number };

/** The transaction part of a create: references, rows, unique values, write hooks, journal. */
async function writeCreated(
  scope: WriteScope,
  tx: StorageWriter,
  { records, config, entries, at, isBatch }: CreatedWrite,
): Promise<{ eventIds: string[]; afterCommit: AfterCommit }> {
  const { runtime, context, entity } = scope;
  await checkCreatedReferences(scope, tx, { records, config, isBatch });
  await insertCreatedRows(scope, tx, { records, config, isBatch }, insertChunk);
  const writes = records.map((after) => ({
    entity: entity.name,
    action: 'created' as const,
    before: undefined,
    after,
  }));
  const afterCommit = await runWriteHooks(runtime, context, tx, at, writes);
  return { eventIds: await writeJournal(tx, context, at, entries), afterCommit };
}

/**
 * Writes created records' rows, `chunk` rows per insert, and the values of their unique custom fields,
 * inside the caller's transaction. References are checked before.
 *
 * @example
 * ```ts
 * await insertCreatedRows(scope, tx, { records, config, isBatch: true }, 500);
 * ```
 */
export async function insertCreatedRows(
  scope: WriteScope,
  tx: StorageWriter,
  { records, config, isBatch, offset = 0 }: RowsToInsert,
  chunk: number,
): Promise<void> {
  const { context, entity } = scope;
  const mapping = rowMapping(entity);
  for (let start = 0; start < records.length; start += chunk) {
    const rows: Row[] = records
      .slice(start, start + chunk)
      .map((record) => mapping.toRow(context.tenantId, record));
    await tx.insert({ table: entity.table, rows });
  }
  await insertUniqueCustomValues(scope, tx, { records, config, isBatch, offset });
}

/**
 * Writes the values of created records' unique custom fields, inside the caller's transaction, after
 * their rows: a value another record holds fails with DUPLICATE at the record's index.
 *
 * @example
 * ```ts
 * await insertUniqueCustomValues(scope, tx, { records, config, isBatch: true, offset: 5_000 });
 * ```
 */
export async function insertUniqueCustomValues(
  scope: WriteScope,
  tx: StorageWriter,
  { records, config, isBatch, offset = 0 }: RowsToInsert,
): Promise<void> {
  const { context, entity } = scope;
  // Most entities have no unique custom field: a bulk create then skips the per-record loop.
  if (!entity.extensible || !hasUniqueValues(config.definitions)) return;
  for (const [index, record] of records.entries()) {
    const rows = uniqueValueRows(
      context.tenantId,
      entity.name,
      config.definitions,
      record.id as string,
      record.custom as Record<string, unknown>,
    );
    if (rows.length > 0) await insertUniqueValues(tx, rows, isBatch ? [offset + index] : []);
  }
}

/**
 * Checks that what created records point at exists (or is created with them), inside the caller's
 * transaction: INVALID_REFERENCE otherwise.
 *
 * @example
 * ```ts
 * await checkCreatedReferences(scope, tx, { records, config, isBatch: true });
 * ```
 */
export async function checkCreatedReferences(
  scope: WriteScope,
  tx: StorageWriter,
  { records, config, isBatch, offset = 0 }: RowsToInsert,
): Promise<void> {
  await checkReferences({
    reader: tx,
    tenantId: scope.context.tenantId,
    entity: scope.entity,
    definitions: config.definitions,
    records: records.map((values, index) => ({ values, path: isBatch ? [offset + index] : [] })),
    pendingIds: new Set(records.map((record) => record.id as string)),
  });
}

/**
 * Rethrows the failure of a create's transaction with field names in place of column names. The unique
 * indexes guard every write; only when one refuses is the input that clashed looked up, after the
 * rollback, so the common path pays no extra query per key.
 *
 * @example
 * ```ts
 * await storage.transaction(write).catch((error) => explainCreateFailure(scope, records, true, error));
 * ```
 */
export async function explainCreateFailure(
  scope: WriteScope,
  records: readonly Record<string, unknown>[],
  isBatch: boolean,
  error: unknown,
): Promise<never> {
  const { runtime, context, entity } = scope;
  if (isRapportError(error, 'DUPLICATE') && error.details.entity === undefined) {
    await checkUniqueKeys({
      reader: runtime.storage,
      tenantId: context.tenantId,
      entity,
      records: records.map((values, index) => ({ values, path: isBatch ? [index] : [] })),
    });
  }
  throw withFieldNames(error, entity);
}
