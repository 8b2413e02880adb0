import type { Changes, FieldChange, RecordAction } from '../events/crm-events';
import type { CrmContext } from '../records/context';
import { jsonEqual } from '../records/diff';
import { writeJournal } from '../records/write-journal';
import type { StorageWriter } from '../storage/adapter';
import type { AssignmentRule } from './assignment-rule';

/** The fields of a rule whose changes the audit log reports. */
const reported = [
  'name',
  'entity',
  'priority',
  'condition',
  'strategy',
  'weights',
  'pool',
  'match',
  'capacity',
  'archivedAt',
] as const;

/** The reported fields that differ between two versions of a rule (every set field on create). */
export function ruleChanges(before: AssignmentRule | null, after: AssignmentRule): Changes {
  const changes: Record<string, FieldChange> = {};
  for (const name of reported) {
    const previous = before?.[name] ?? null;
    if (!jsonEqual(previous, after[name])) changes[name] = { before: previous, after: after[name] };
  }
  return changes;
}

function actionOf(before: AssignmentRule | null, after: AssignmentRule): RecordAction {
  if (before === null) return 'created';
  if (before.archivedAt === after.archivedAt) return 'updated';
  return after.archivedAt === null ? 'restored' : 'archived';
}

/**
 * Writes the audit entry and outbox event (`assignmentRule.created`, `.updated`, `.archived`,
 * `.restored`) of one change of a rule, inside the caller's transaction.
 *
 * @example
 * ```ts
 * await journalRule(tx, context, at, current, next);
 * ```
 */
export async function journalRule(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  before: AssignmentRule | null,
  after: AssignmentRule,
): Promise<void> {
  await writeJournal(tx, context, at, [
    {
      entity: 'assignmentRule',
      action: actionOf(before, after),
      recordId: after.id,
      version: after.version,
      changes: ruleChanges(before, after),
      record: { ...after },
    },
  ]);
}
