import type { ClaimArgs, StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import { misuse } from './memory-errors';

/**
 * Checks the arguments of a claim: a bad one is a developer error, reported before anything is read.
 *
 * @example
 * ```ts
 * checkClaimArgs({ table: 'jobs', tenantId: 't1', limit: 10, set: { status: 'running' } });
 * ```
 */
export function checkClaimArgs(args: ClaimArgs): void {
  if (typeof args?.tenantId !== 'string') throw misuse('claim takes { table, tenantId, limit, set }.');
  if (!Number.isSafeInteger(args.limit) || args.limit < 0)
    throw misuse(`claim's limit must be a non-negative integer, not ${String(args.limit)}.`);
  if (typeof args.set !== 'object' || args.set === null)
    throw misuse('claim needs set: the columns to set on every claimed row.');
  if ('tenant_id' in args.set || 'id' in args.set)
    throw misuse('claim cannot set tenant_id or id: they identify the claimed rows.');
}

/**
 * A claim run inside a transaction that no other writer shares (the memory adapter's serialized
 * transactions): reads the matching rows, then updates each. Being the only writer is what keeps two
 * claims apart, so this is no claim on an engine with concurrent writers.
 *
 * @example
 * ```ts
 * const claimed = await queue.run(() => runTransaction((tx) => claimRowsAlone(tx, args)));
 * ```
 */
export async function claimRowsAlone(tx: StorageWriter, args: ClaimArgs): Promise<Row[]> {
  checkClaimArgs(args);
  if (args.limit === 0) return [];
  const { table, tenantId, where, orderBy, limit, set, increment = [] } = args;
  const found = await tx.findMany({ table, tenantId, where, orderBy, limit });
  const claimed: Row[] = [];
  for (const row of found) {
    const values: Row = { ...set };
    for (const column of increment) values[column] = Number(row[column]) + 1;
    await tx.update({ table, tenantId, id: row.id as string, values });
    claimed.push({ ...row, ...values });
  }
  return claimed;
}
