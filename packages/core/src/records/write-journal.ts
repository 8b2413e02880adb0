import type { StorageWriter } from '../storage/adapter';
import type { CrmContext } from './context';
import { bypassNote } from './context';
import type { JournalEntry } from './journal';
import { journalRows } from './journal';

const chunk = 500;

/** Writes the audit entries and outbox events of a set of changes, inside the caller's transaction. */
export async function writeJournal(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  entries: readonly JournalEntry[],
): Promise<string[]> {
  const eventIds: string[] = [];
  // A write under a bypass says so in every audit entry it makes.
  const { bypass } = context;
  const noted =
    bypass === undefined
      ? entries
      : entries.map((entry) => ({ ...entry, reason: bypassNote(bypass, entry.reason) }));
  // Rows are made a chunk at a time, so a bulk create never holds the audit and outbox rows of all its
  // records at once.
  for (let start = 0; start < noted.length; start += chunk) {
    const rows = journalRows(context, at, noted.slice(start, start + chunk));
    await tx.insert({ table: 'audit_log', rows: rows.audit });
    await tx.insert({ table: 'outbox', rows: rows.outbox });
    eventIds.push(...rows.eventIds);
  }
  return eventIds;
}
