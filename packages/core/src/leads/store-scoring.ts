import { RapportError } from '../errors/rapport-error';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { writeJournal } from '../records/write-journal';
import { writeConfigRow } from '../settings/config-row';
import type { StorageWriter } from '../storage/adapter';
import type { LeadScoringConfig } from './scoring-config';
import { leadScoringRowId, leadScoringTable, scoringRow } from './scoring-table';

const configFields = ['fit', 'engagement', 'halfLifeDays', 'maxAgeDays'] as const;

/** The error of a configuration write that read a version no longer stored. */
export function scoringVersionConflict(expected: number, actual: number): RapportError {
  return new RapportError(
    'VERSION_CONFLICT',
    `The lead scoring configuration is at version ${actual}, not ${expected}: reload and retry`,
    { details: { entity: 'leadScoring', expected, actual } },
  );
}

/**
 * Writes a new scoring configuration over the one read (`before`, version 0 when none is stored) with
 * its audit entry and outbox event, inside the caller's transaction. Of two writers that read the same
 * version, one gets VERSION_CONFLICT.
 *
 * @example
 * ```ts
 * await storage.transaction((tx) => storeScoring(tx, context, before, next, at));
 * ```
 */
export async function storeScoring(
  tx: StorageWriter,
  context: CrmContext,
  before: LeadScoringConfig,
  next: LeadScoringConfig,
  at: string,
): Promise<void> {
  const { tenantId } = context;
  const row = scoringRow(tenantId, next, at);
  await writeConfigRow(tx, {
    table: leadScoringTable.name,
    row,
    expected: before.version,
    conflict: scoringVersionConflict,
  });
  const changes = Object.fromEntries(
    configFields
      .filter((field) => before.version === 0 || !jsonEqual(before[field], next[field]))
      .map((field) => [field, { before: before.version === 0 ? null : before[field], after: next[field] }]),
  );
  await writeJournal(tx, context, at, [
    {
      entity: 'leadScoring',
      action: before.version === 0 ? 'created' : 'updated',
      recordId: leadScoringRowId,
      version: next.version,
      changes,
      record: { ...next },
    },
  ]);
}
