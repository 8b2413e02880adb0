import { RapportError } from '../errors/rapport-error';
import type { RecordsImportedEvent } from '../events/crm-events';
import { writeOutboxEvents } from '../events/outbox-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from './context';
import { bypassNote } from './context';
import { explainCreateFailure } from './create-records';
import type { ImportRun } from './import-loads';
import { loadAll } from './import-loads';
import { emitToEach, hasListeners } from './publish';
import { rowMapping } from './row-mapping';
import { loadTenantConfig } from './tenant-config';
import type { AfterCommit } from './write-hooks';
import { runWriteHooks } from './write-hooks';
import type { WriteScope } from './write-scope';
import { businessFields } from './write-scope';

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
  const plainReason = importReason(importId, options.source);
  const reason = context.bypass === undefined ? plainReason : bypassNote(context.bypass, plainReason);
  const mapping = rowMapping(entity);
  const fields = businessFields(entity);
  const records: Record<string, unknown>[] = [];
  const { event, afterCommit } = await runtime.storage
    .transaction(async (tx): Promise<{ event: RecordsImportedEvent; afterCommit: AfterCommit }> => {
      const run: ImportRun = { scope, tx, config, at, reason, mapping, fields };
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
