import { RapportError } from '../errors/rapport-error';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import { isRowInScope } from './row-in-scope';
import { rowMapping } from './row-mapping';
import type { WriteScope } from './write-scope';

/** Refuses anything but an id-shaped string with VALIDATION_FAILED. */
export function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 255) {
    throw new RapportError('VALIDATION_FAILED', 'An id is a non-empty string', {
      issues: [{ code: 'invalid_type', path: ['id'], message: 'Expected an id' }],
    });
  }
}

/** The stored record by id, as the caller may see it, or NOT_FOUND. */
export async function loadCurrent(
  scope: WriteScope,
  reader: StorageReader,
  id: unknown,
): Promise<Record<string, unknown>> {
  const { runtime, context, entity } = scope;
  checkId(id);
  const row = await reader.findById({ table: entity.table, tenantId: context.tenantId, id });
  const scopeCondition = runtime.access.readScope({ context, entity: entity.name });
  const isVisible =
    row !== undefined &&
    (scopeCondition === undefined ||
      (await isRowInScope(reader, entity.table, context.tenantId, row, scopeCondition)));
  if (!isVisible) {
    throw new RapportError('NOT_FOUND', `No ${entity.name} with id ${id}`, {
      details: { entity: entity.name, id },
    });
  }
  return rowMapping(entity).toRecord(row);
}

/** Throws VERSION_CONFLICT when the caller's version is not the stored one. */
export function checkVersion(
  scope: WriteScope,
  current: Record<string, unknown>,
  expected: number | undefined,
): void {
  if (expected === undefined || current.version === expected) return;
  throw new RapportError(
    'VERSION_CONFLICT',
    `${scope.entity.name} ${current.id as string} is at version ${current.version as number}, not ${expected}: reload and retry`,
    { details: { entity: scope.entity.name, id: current.id, expected, actual: current.version } },
  );
}

/**
 * Called when a version-checked write changed no row: another writer got there first (VERSION_CONFLICT)
 * or deleted the record (NOT_FOUND). Always throws.
 */
export async function explainLostRace(
  scope: WriteScope,
  reader: StorageReader,
  current: Record<string, unknown>,
): Promise<never> {
  const latest = await loadCurrent(scope, reader, current.id);
  checkVersion(scope, latest, current.version as number);
  throw new RapportError(
    'VERSION_CONFLICT',
    `${scope.entity.name} ${current.id as string} changed while it was being written`,
  );
}

/**
 * Writes changed fields of a stored record, bumping its version and stamps, only if it is still at the
 * version read; otherwise explains the lost race (VERSION_CONFLICT or NOT_FOUND).
 */
export async function writeVersioned(
  scope: WriteScope,
  tx: StorageWriter,
  current: Record<string, unknown>,
  fields: Readonly<Record<string, unknown>>,
  stamp: { readonly version: number; readonly at: string },
): Promise<void> {
  const { context, entity } = scope;
  const values = rowMapping(entity).toColumns({
    ...fields,
    version: stamp.version,
    updatedAt: stamp.at,
    updatedBy: context.actor.id,
  });
  const count = await tx.update({
    table: entity.table,
    tenantId: context.tenantId,
    id: current.id as string,
    expectedVersion: current.version as number,
    values,
  });
  if (count === 0) await explainLostRace(scope, tx, current);
}
