import type { EntityName } from '../entities/entity-name';
import { allOf, columnEquals } from '../records/conditions';
import type { CrmContext } from '../records/context';
import type { CrmRuntime } from '../records/runtime';
import type { AuditEntry } from './audit-entry';
import { rowToAuditEntry } from './audit-entry';

/** What `audit.list` takes. */
export interface AuditQuery {
  readonly entity?: EntityName;
  readonly recordId?: string;
  /** At most this many entries, newest last; 1000 when not given. */
  readonly limit?: number;
}

/**
 * Reads the audit trail of a tenant, oldest first.
 *
 * @example
 * ```ts
 * const trail = await crm.audit.list({ recordId: person.id });
 * ```
 */
export async function listAuditEntries(
  runtime: CrmRuntime,
  context: CrmContext,
  query: AuditQuery = {},
): Promise<AuditEntry[]> {
  const where = allOf(
    query.entity === undefined ? undefined : columnEquals('entity', query.entity),
    query.recordId === undefined ? undefined : columnEquals('record_id', query.recordId),
  );
  const rows = await runtime.storage.findMany({
    table: 'audit_log',
    tenantId: context.tenantId,
    ...(where ? { where } : {}),
    orderBy: [{ field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' }],
    limit: Math.min(Math.max(query.limit ?? 1_000, 1), 10_000),
  });
  return rows.map(rowToAuditEntry);
}
