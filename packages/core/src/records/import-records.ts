import type { RapportIssue } from '../errors/rapport-error';
import { RapportError, validationError } from '../errors/rapport-error';
import type { RecordsImportedEvent } from '../events/crm-events';
import { writeOutboxEvents } from '../events/outbox-events';
import { uuidv7 } from '../ids/uuidv7';
import type { StorageWriter } from '../storage/adapter';
import type { CrmContext } from './context';
import { bypassNote } from './context';
import {
  checkCreatedReferences,
  explainCreateFailure,
  insertCreatedRows,
  validateCreates,
} from './create-records';
import { createdValues } from './diff';
import { createdAuditRow } from './journal';
import { emitToEach, hasListeners } from './publish';
import type { TenantConfig } from './tenant-config';
import { loadTenantConfig } from './tenant-config';
import type { AfterCommit } from './write-hooks';
import { runWriteHooks } from './write-hooks';
import type { WriteScope } from './write-scope';
import { businessFields } from './write-scope';

/**
 * Inputs per load. Large enough that a COPY's fixed cost (a round trip and a statement) disappears, small
 * enough that the encoded rows of one load stay a few megabytes.
 */
const loadSize = 5_000;
/** Inputs validated between two turns of the event loop, so that the load before them goes on meanwhile. */
const validationSlice = 250;

/** Options of an import. */
export interface ImportOptions {
  /** What the import is (a file name, a migration): kept in its audit entries and its event. */
  readonly source?: string;
}

/** What an import wrote. */
export interface ImportResult<R = Record<string, unknown>> {
  /** The import's id, named by its audit entries' reason and carried by its `<entity>.imported` event. */
  readonly importId: string;
  /** The created records, in input order. */
  readonly records: R[];
}

/** What every load of one import shares. */
interface ImportRun {
  readonly scope: WriteScope;
  readonly tx: StorageWriter;
  readonly config: TenantConfig;
  readonly at: string;
  readonly reason: string;
}

function checkSource(source: unknown): void {
  if (source === undefined || (typeof source === 'string' && source.length > 0 && source.length <= 500))
    return;
  throw new RapportError('VALIDATION_FAILED', 'The import source must be a text of 1 to 500 characters', {
    issues: [{ code: 'invalid_source', path: ['source'], message: 'Expected a text of 1 to 500 characters' }],
  });
}

/** The audit reason of every record an import creates: the import's id and, if given, its source. */
function importReason(importId: string, source: string | undefined): string {
  return source === undefined ? `import ${importId}` : `import ${importId}: ${source}`;
}

/** A turn of the event loop: the I/O of a load in flight (COPY data, its answer) proceeds during it. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (globalThis.setImmediate ?? globalThis.setTimeout)(resolve));

/** Validates one load's inputs a slice at a time, yielding between slices. */
async function validateLoad(
  run: ImportRun,
  inputs: readonly unknown[],
  offset: number,
  issues: RapportIssue[],
): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for (let start = 0; start < inputs.length; start += validationSlice) {
    const slice = inputs.slice(start, start + validationSlice);
    const batch = { inputs: slice, offset: offset + start, isBatch: true, at: run.at, issues };
    for (const record of validateCreates(run.scope, run.config, batch)) records.push(record);
    await nextTurn();
  }
  return records;
}

/** Writes one load: references checked, rows bulk-loaded with their unique values, audit entries. */
async function writeLoad(run: ImportRun, records: Record<string, unknown>[], offset: number): Promise<void> {
  const { scope, tx, config, at, reason } = run;
  const rows = { records, config, isBatch: true, offset };
  await checkCreatedReferences(scope, tx, rows);
  await insertCreatedRows(scope, tx, rows, loadSize);
  const { context } = scope;
  const { bypass } = context;
  const noted = bypass === undefined ? reason : bypassNote(bypass, reason);
  const fields = businessFields(scope.entity);
  const entity = scope.entity.name;
  const audit = records.map((record) =>
    createdAuditRow(context, at, {
      entity,
      recordId: record.id as string,
      values: createdValues(record, fields),
      reason: noted,
    }),
  );
  await tx.insert({ table: 'audit_log', rows: audit });
}

/**
 * Validates and writes the inputs load by load, validating each load while the one before it is written,
 * so that the JavaScript work and the database's overlap. Every input is validated: VALIDATION_FAILED
 * lists the issues of all loads (up to 100), and the caller's transaction rolls back what was written.
 * The records written go to `records` as they are, so that a refusal can be explained.
 */
async function loadAll(
  run: ImportRun,
  inputs: readonly unknown[],
  records: Record<string, unknown>[],
): Promise<void> {
  const issues: RapportIssue[] = [];
  let writing: Promise<void> = Promise.resolve();
  for (let offset = 0; offset < inputs.length; offset += loadSize) {
    const loaded = await validateLoad(run, inputs.slice(offset, offset + loadSize), offset, issues);
    if (issues.length > 0) continue;
    await writing;
    writing = writeLoad(run, loaded, offset);
    // Awaited at the next load or below; until then a failure must not count as unhandled.
    writing.catch(() => {});
    for (const record of loaded) records.push(record);
  }
  await writing;
  if (issues.length > 0) throw validationError(issues);
}

/** The import's one outbox event, in place of a `created` event per record. */
function importedEvent(
  context: CrmContext,
  run: Pick<ImportRun, 'scope' | 'at'>,
  importId: string,
  source: string | undefined,
  records: readonly Record<string, unknown>[],
): RecordsImportedEvent {
  const entity = run.scope.entity.name;
  return {
    type: `${entity}.imported`,
    eventId: uuidv7(),
    entity,
    importId,
    recordIds: records.map((record) => record.id as string),
    source: source ?? null,
    tenantId: context.tenantId,
    actor: context.actor,
    at: run.at,
  };
}

/**
 * Creates records the bulk way, for moving data in: the same validation, access checks, references and
 * unique custom values as `createMany`, in one transaction, with the rows bulk-loaded (COPY on Postgres).
 * Each record gets its audit entry; the import writes one `<entity>.imported` event instead of a `created`
 * event per record, so no rule starts per record, and hooks that react to new records (follow-ups,
 * duplicate checks) leave it alone. Segment membership and customer value stay current. A record may
 * refer to one imported before it in the same call, not after it.
 *
 * @example
 * ```ts
 * const { importId, records } = await importRecords(scope, rows, { source: 'contacts.csv' });
 * ```
 */
export async function importRecords(
  scope: WriteScope,
  inputs: readonly unknown[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const { runtime, context, entity } = scope;
  if (!Array.isArray(inputs))
    throw new RapportError('MISUSE', `importMany(inputs) takes an array of ${entity.name} inputs`);
  checkSource(options.source);
  const importId = uuidv7();
  if (inputs.length === 0) return { importId, records: [] };
  const config = await loadTenantConfig(runtime.storage, context.tenantId, entity);
  const at = runtime.now().toISOString();
  const reason = importReason(importId, options.source);
  const records: Record<string, unknown>[] = [];
  const { event, afterCommit } = await runtime.storage
    .transaction(async (tx): Promise<{ event: RecordsImportedEvent; afterCommit: AfterCommit }> => {
      const run: ImportRun = { scope, tx, config, at, reason };
      // A transaction that runs again (a serialization failure) starts from no records.
      records.length = 0;
      await loadAll(run, inputs, records);
      const writes = records.map((after) => ({
        entity: entity.name,
        action: 'created' as const,
        before: undefined,
        after,
      }));
      const hooks = await runWriteHooks(runtime, context, tx, at, writes, true);
      const event = importedEvent(context, run, importId, options.source, records);
      await writeOutboxEvents(tx, at, [{ ...event, recordId: importId }], () => ({
        recordIds: event.recordIds,
        source: event.source,
      }));
      return { event, afterCommit: hooks };
    })
    .catch((error: unknown) => explainCreateFailure(scope, records, true, error));
  if (hasListeners(runtime)) emitToEach(runtime, event.type, event as never);
  afterCommit();
  return { importId, records };
}
