import { isRapportError, RapportError } from '../errors/rapport-error';
import type { StorageReader, StorageWriter } from '../storage/adapter';

const table = 'segment_revisions';
const id = 'segments';

function concurrentChange(cause: unknown): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    "Another change of this tenant's segments committed first: retry",
    {
      details: { entity: 'segment', revision: true },
      cause,
    },
  );
}

/**
 * The revision of a tenant's segments: 0 when it never had one, then one more for every change of any of
 * its segments.
 *
 * @example
 * ```ts
 * if ((await segmentRevision(tx, tenantId)) === 0) return []; // no segment, nothing to evaluate
 * ```
 */
export async function segmentRevision(reader: StorageReader, tenantId: string): Promise<number> {
  const row = await reader.findById({ table, tenantId, id });
  return (row?.version as number | undefined) ?? 0;
}

/**
 * Moves a tenant's segment revision on, inside the transaction that changes a segment. Of two concurrent
 * changes of one tenant's segments, the second gets VERSION_CONFLICT and changes nothing.
 *
 * @example
 * ```ts
 * await storage.transaction(async (tx) => { await writeSegment(tx); await bumpSegmentRevision(tx, tenantId); });
 * ```
 */
export async function bumpSegmentRevision(tx: StorageWriter, tenantId: string): Promise<void> {
  const current = await segmentRevision(tx, tenantId);
  if (current === 0) {
    await tx.insert({ table, rows: [{ tenant_id: tenantId, id, version: 1 }] }).catch((error: unknown) => {
      throw isRapportError(error, 'DUPLICATE') ? concurrentChange(error) : error;
    });
    return;
  }
  const count = await tx.update({
    table,
    tenantId,
    id,
    expectedVersion: current,
    values: { version: current + 1 },
  });
  if (count === 0) throw concurrentChange(undefined);
}

// Each round lets at least one change through, so this only stops a runaway loop.
const attempts = 16;

/**
 * Runs a transaction that changes a segment again when it lost the race for the tenant's segment
 * revision to a concurrent change of another segment: concurrent changes of different segments all
 * succeed, one after the other.
 *
 * @example
 * ```ts
 * await withRevisionRetry(() => storage.transaction(async (tx) => { ...; await bumpSegmentRevision(tx, tenantId); }));
 * ```
 */
export async function withRevisionRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const lostRace = isRapportError(error, 'VERSION_CONFLICT') && error.details.revision === true;
      if (!lostRace || attempt === attempts) throw error;
    }
  }
}
