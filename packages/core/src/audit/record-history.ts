import type { EntityName } from '../entities/entity-name';
import { allOf, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import type { Condition } from '../storage/condition';
import type { AuditEntry } from './audit-entry';
import { rowToAuditEntry } from './audit-entry';

const pageSize = 1_000;

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
  let lastId: string | undefined;
  for (;;) {
    const after: Condition | undefined =
      lastId === undefined
        ? undefined
        : {
            kind: 'compare',
            field: { operand: { kind: 'column', column: 'id' }, type: 'text' },
            op: 'gt',
            value: lastId,
            caseInsensitive: false,
          };
    const rows = await runtime.storage.findMany({
      table: 'audit_log',
      tenantId: context.tenantId,
      where: allOf(ofRecord, after) as Condition,
      orderBy: [{ field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' }],
      limit: pageSize,
    });
    entries.push(...rows.map(rowToAuditEntry));
    if (rows.length < pageSize) return entries;
    lastId = rows.at(-1)?.id as string;
  }
}
