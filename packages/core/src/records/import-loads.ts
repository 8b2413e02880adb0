import type { RapportIssue } from '../errors/rapport-error';
import { validationError } from '../errors/rapport-error';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import { insertUniqueCustomValues, validateCreates } from './create-records';
import { createdValues } from './diff';
import { createdAuditRow } from './journal';
import type { Reference } from './references';
import { referencesOf, verifyReferences } from './references';
import type { RowMapping } from './row-mapping';
import type { TenantConfig } from './tenant-config';
import type { WriteScope } from './write-scope';

/**
 * Inputs per load, at most. Large enough that a COPY's fixed cost (a round trip and a statement)
 * disappears, small enough that the encoded rows of one load stay a few megabytes.
 */
const maxLoadSize = 5_000;
/**
 * Inputs of the first load. The database has nothing to do until the first load is ready, so it is small;
 * each load after it is twice the one before, up to {@link maxLoadSize}.
 */
const firstLoadSize = 500;
/** Loads validated and waiting for their turn to be written, at most: they hold their rows meanwhile. */
const maxLoadsAhead = 2;
/** Inputs validated between two turns of the event loop, so that the load before them goes on meanwhile. */
const validationSlice = 250;

/** What every load of one import shares. */
export interface ImportRun {
  readonly scope: WriteScope;
  readonly tx: StorageWriter;
  readonly config: TenantConfig;
  readonly at: string;
  /** The audit reason of every record, with the bypass note when the import bypasses access. */
  readonly reason: string;
  readonly mapping: RowMapping;
  /** The fields whose values an audit entry keeps. */
  readonly fields: readonly string[];
}

/** A turn of the event loop: the I/O of a load in flight (COPY data, its answer) proceeds during it. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (globalThis.setImmediate ?? globalThis.setTimeout)(resolve));

/** One load of an import, ready to write: its records, their rows, audit entries and references. */
interface PreparedLoad {
  readonly records: Record<string, unknown>[];
  readonly rows: Row[];
  readonly audit: Row[];
  readonly references: Reference[];
  /** The index of the load's first input among the import's inputs. */
  readonly offset: number;
}

/**
 * Validates one load's inputs and builds their rows and audit entries, a slice at a time, yielding between
 * slices so that the load before it goes on meanwhile. Once an input fails, later ones are only validated,
 * to report their issues too.
 */
async function prepareLoad(
  run: ImportRun,
  inputs: readonly unknown[],
  offset: number,
  issues: RapportIssue[],
): Promise<PreparedLoad> {
  const { scope, config, at } = run;
  const load: PreparedLoad = { records: [], rows: [], audit: [], references: [], offset };
  for (let start = 0; start < inputs.length; start += validationSlice) {
    const slice = inputs.slice(start, start + validationSlice);
    const batch = { inputs: slice, offset: offset + start, isBatch: true, at, issues };
    const records = validateCreates(scope, config, batch);
    if (issues.length === 0) for (const record of records) addRecord(run, load, record);
    await nextTurn();
  }
  return load;
}

/** Adds a validated record to its load, with its row, its audit entry and its references. */
function addRecord(run: ImportRun, load: PreparedLoad, record: Record<string, unknown>): void {
  const { context, entity } = run.scope;
  const path = [load.offset + load.records.length];
  for (const reference of referencesOf(entity, run.config.definitions, record, path))
    load.references.push(reference);
  load.records.push(record);
  load.rows.push(run.mapping.toRow(context.tenantId, record));
  const values = createdValues(record, run.fields);
  const recordId = record.id as string;
  load.audit.push(
    createdAuditRow(context, run.at, { entity: entity.name, recordId, values, reason: run.reason }),
  );
}

/** Writes one load: references checked, rows bulk-loaded with their unique values, audit entries. */
async function writeLoad(run: ImportRun, load: PreparedLoad): Promise<void> {
  const { scope, tx, config } = run;
  const { records, offset, references } = load;
  const { context, entity } = scope;
  if (references.length > 0) {
    const pendingIds = new Set(records.map((record) => record.id as string));
    await verifyReferences({ reader: tx, tenantId: context.tenantId, entity, references, pendingIds });
  }
  await tx.insert({ table: entity.table, rows: load.rows });
  await insertUniqueCustomValues(scope, tx, { records, config, isBatch: true, offset });
  await tx.insert({ table: 'audit_log', rows: load.audit });
}

/** The `[start, end)` input ranges of an import's loads, from {@link firstLoadSize} up to {@link maxLoadSize}. */
function* loadRanges(count: number): Generator<[number, number]> {
  let size = firstLoadSize;
  for (let start = 0; start < count; start += size, size = Math.min(maxLoadSize, size * 2))
    yield [start, Math.min(count, start + size)];
}

/**
 * Validates and writes an import's inputs load by load. Writes run one after another, each as soon as the one
 * before it ends, while the next loads are validated, up to {@link maxLoadsAhead} ahead: the JavaScript
 * work and the database's overlap, and the database never waits for a load while one is ready. Every
 * input is validated: VALIDATION_FAILED lists the issues of all loads (up to 100), and the caller's
 * transaction rolls back what was written. The records go to `records` as they are prepared, so that a
 * refusal can be explained.
 */
export async function loadAll(
  run: ImportRun,
  inputs: readonly unknown[],
  records: Record<string, unknown>[],
): Promise<void> {
  const issues: RapportIssue[] = [];
  const pending: Promise<void>[] = [];
  let written: Promise<void> = Promise.resolve();
  for (const [offset, end] of loadRanges(inputs.length)) {
    const load = await prepareLoad(run, inputs.slice(offset, end), offset, issues);
    if (issues.length > 0) continue;
    for (const record of load.records) records.push(record);
    written = written.then(() => writeLoad(run, load));
    // Awaited below or when the queue is full; until then a failure must not count as unhandled.
    written.catch(() => {});
    pending.push(written);
    if (pending.length > maxLoadsAhead) await pending.shift();
  }
  await written;
  if (issues.length > 0) throw validationError(issues);
}
