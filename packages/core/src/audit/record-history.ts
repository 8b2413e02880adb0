import type { EntityName } from '../entities/entity-name';
import { allOf, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { pagesById } from '../records/pages-by-id';
import type { CrmRuntime } from '../records/runtime';
import type { Condition } from '../storage/condition';
import type { AuditEntry } from './audit-entry';
import { rowToAuditEntry } from './audit-entry';

/**
 * The whole audit trail of one record, oldest first, read page by page: a record changed more than a
 * page's worth of times still shows its latest changes.
 *
 * @example
 * ```ts
 * const trail = await readRecordHistory(runtime, context, 'person', id);
 * ```
 */
export async function readRecordHistory(
  runtime: CrmRuntime,
  context: CrmContext,
  entity: EntityName,
  recordId: string,
): Promise<AuditEntry[]> {
  const ofRecord = allOf(columnEquals('entity', entity), columnEquals('record_id', recordId)) as Condition;
  const entries: AuditEntry[] = [];
  const pages = pagesById({
    reader: runtime.storage,
    table: 'audit_log',
    tenantId: context.tenantId,
    where: ofRecord,
  });
  for await (const rows of pages) entries.push(...rows.map(rowToAuditEntry));
  return entries;
}
