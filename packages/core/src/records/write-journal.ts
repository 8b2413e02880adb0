import type { StorageWriter } from '../storage/adapter';
import type { CrmContext } from './context';
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
  const { audit, outbox, eventIds } = journalRows(context, at, entries);
  for (let start = 0; start < audit.length; start += chunk) {
    await tx.insert({ table: 'audit_log', rows: audit.slice(start, start + chunk) });
    await tx.insert({ table: 'outbox', rows: outbox.slice(start, start + chunk) });
  }
  return eventIds;
}
