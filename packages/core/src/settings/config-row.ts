import type { RapportError } from '../errors/rapport-error';
import { isRapportError } from '../errors/rapport-error';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';

/** One tenant's configuration row to write over the version a caller read. */
export interface ConfigRowWrite {
  readonly table: string;
  /** The whole row: `tenant_id`, `id`, `created_at`, `version` (the new one) and the values. */
  readonly row: Row;
  /** The version the caller read; 0 when no row was stored. */
  readonly expected: number;
  /** The error of a caller whose read no longer holds. */
  readonly conflict: (expected: number, actual: number) => RapportError;
}

/**
 * Writes a per-tenant configuration row (customer value, lead scoring, duplicate rules) over the version
 * its caller read, inside the caller's transaction: the first write inserts it, later ones update it
 * only while the stored version is the one read. Of two writers that read the same version, one gets the
 * conflict error.
 *
 * @example
 * ```ts
 * await writeConfigRow(tx, { table: 'lead_scoring', row, expected: 3, conflict: scoringVersionConflict });
 * ```
 */
export async function writeConfigRow(tx: StorageWriter, write: ConfigRowWrite): Promise<void> {
  const { table, row, expected, conflict } = write;
  if (expected === 0) {
    // Two first configurations race on the insert; the loser read a version that no longer holds.
    await tx.insert({ table, rows: [row] }).catch((error: unknown) => {
      throw isRapportError(error, 'DUPLICATE') ? conflict(0, 1) : error;
    });
    return;
  }
  const { tenant_id: tenantId, id, created_at: _created, ...values } = row;
  const count = await tx.update({
    table,
    tenantId: tenantId as string,
    id: id as string,
    expectedVersion: expected,
    values,
  });
  if (count === 0) throw conflict(expected, expected + 1);
}
