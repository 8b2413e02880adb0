import { misuse, storageError } from './memory-errors';
import type { TableStore } from './table-store';
import type { UndoLog } from './undo-log';

/**
 * Everything the memory adapter holds: its tables, the migration versions applied, the indexes by name
 * with the columns they cover (index names are schema-wide in SQL, so they are here), and the undo log of
 * the open transaction.
 */
export class MemoryStore {
  readonly tables = new Map<string, TableStore>();
  readonly indexes = new Map<string, { readonly table: string; readonly columns: readonly string[] }>();
  readonly appliedVersions = new Set<number>();
  /** The open transaction's log; null between transactions. Transactions are serialized, so one at most. */
  log: UndoLog | null = null;

  requireTable(name: unknown): TableStore {
    const table = typeof name === 'string' ? this.tables.get(name) : undefined;
    if (table === undefined) {
      throw storageError(`Unknown table '${String(name)}'. Apply a migration that creates it first.`, {
        table: name,
      });
    }
    return table;
  }
}

/**
 * Checks a tenant id argument: every read and write names exactly one tenant.
 *
 * @example
 * ```ts
 * requireTenantId(args.tenantId);
 * ```
 */
export function requireTenantId(tenantId: unknown): string {
  if (typeof tenantId !== 'string') throw misuse(`tenantId must be a string, not ${String(tenantId)}.`);
  return tenantId;
}
