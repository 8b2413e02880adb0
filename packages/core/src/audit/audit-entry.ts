import type { EntityName } from '../entities/entity-name';
import type { Changes } from '../events/crm-events';
import type { Row } from '../storage/schema';
import { changesFromStored } from './stored-changes';

/** One entry of the audit trail. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly kind: 'member' | 'system' };
  readonly entity: EntityName;
  readonly recordId: string;
  readonly action: 'create' | 'update' | 'archive' | 'restore' | 'delete';
  /** The record's version after the change. */
  readonly version: number;
  /** Each changed field with its value before and after. */
  readonly changes: Changes;
  readonly reason: string | null;
}

/** An `audit_log` row as an entry. */
export function rowToAuditEntry(row: Row): AuditEntry {
  return {
    id: row.id as string,
    at: row.at as string,
    actor: { id: row.actor_id as string, kind: row.actor_kind as 'member' | 'system' },
    entity: row.entity as EntityName,
    recordId: row.record_id as string,
    action: row.action as AuditEntry['action'],
    version: row.record_version as number,
    changes: changesFromStored(row.changes),
    reason: row.reason as string | null,
  };
}
