import type { RapportIssue } from '../errors/rapport-error';
import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import { uuidv7 } from '../ids/uuidv7';
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
): Promise<{ records: Record<string, unknown>[]; config: TenantConfig }> {
  const { runtime, context, entity } = scope;
  const config = await loadTenantConfig(runtime.storage, context.tenantId, entity);
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
  const mapping = rowMapping(entity);
  const fields = businessFields(entity);
  const at = records[0]?.createdAt as string;
  const entries: JournalEntry[] = records.map((record) => ({
    entity: entity.name,
    action: 'created',
    recordId: record.id as string,
    version: 1,
    changes: createdChanges(record, fields),
    record,
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  }));
  const { eventIds, afterCommit } = await runtime.storage
    .transaction(async (tx) => {
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
    })
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
