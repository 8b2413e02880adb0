import { storedChanges, storedCreatedValues } from '../audit/stored-changes';
import type { EntityName } from '../entities/entity-name';
import type { Changes, RecordAction } from '../events/crm-events';
import { uuidv7 } from '../ids/uuidv7';
import type { Row } from '../storage/schema';
import type { CrmContext } from './context';

/**
 * What the journal records changes of: records, custom field definitions, tenant settings, segments and
 * the customer value configuration.
 */
export type JournalEntity =
  | EntityName
  | 'customField'
  | 'settings'
  | 'segment'
  | 'customerValue'
  | 'leadScoring'
  | 'assignmentRule'
  | 'followUpCadence'
  | 'duplicateRules'
  | 'duplicateMerge'
  | 'automationRule';

/** One change of one record, as the audit log and the outbox record it. */
export interface JournalEntry {
  readonly entity: JournalEntity;
  readonly action: RecordAction;
  readonly recordId: string;
  /** The record's version after the change (before it, for a delete). */
  readonly version: number;
  readonly changes: Changes;
  readonly record: Record<string, unknown>;
  /** Why the change happened, when a bypass or a rule says so. */
  readonly reason?: string;
}

/** The audit and outbox rows of a set of changes, made together so they share their event ids. */
export interface JournalRows {
  readonly audit: Row[];
  readonly outbox: Row[];
  readonly eventIds: string[];
}

/** The audit log's action for each record event action. */
export const auditAction: Readonly<Record<RecordAction, string>> = {
  created: 'create',
  updated: 'update',
  archived: 'archive',
  restored: 'restore',
  deleted: 'delete',
};

/**
 * An outbox payload with the chain depth of an automation's write added, which the rules its events
 * trigger read: record events and the segment events of the same write both carry it.
 *
 * @example
 * ```ts
 * withChainDepth(context, { segmentId }); // { segmentId, chainDepth: 2 } inside a job at depth 2
 * ```
 */
export function withChainDepth<P extends Record<string, unknown>>(context: CrmContext, payload: P): P {
  return context.chainDepth === undefined ? payload : { ...payload, chainDepth: context.chainDepth };
}

function payloadOf(context: CrmContext, entry: JournalEntry): Record<string, unknown> {
  return withChainDepth(context, { version: entry.version, changedFields: Object.keys(entry.changes) });
}

/** What an audit row says about one change, its `changes` column already in stored form. */
interface AuditFacts {
  readonly entity: JournalEntity;
  readonly recordId: string;
  readonly action: RecordAction;
  readonly version: number;
  readonly stored: unknown;
  readonly reason: string | undefined;
}

function auditRowOf(context: CrmContext, at: string, facts: AuditFacts): Row {
  return {
    tenant_id: context.tenantId,
    id: uuidv7(),
    at,
    actor_id: context.actor.id,
    actor_kind: context.actor.kind,
    entity: facts.entity,
    record_id: facts.recordId,
    action: auditAction[facts.action],
    record_version: facts.version,
    changes: facts.stored,
    reason: facts.reason ?? null,
  };
}

/**
 * The audit row of a created record, from its values (see `createdValues`): the same row `journalRows`
 * writes for the create, without building its changes first.
 *
 * @example
 * ```ts
 * const row = createdAuditRow(context, at, { entity: 'person', recordId, values, reason: 'import' });
 * ```
 */
export function createdAuditRow(
  context: CrmContext,
  at: string,
  created: { entity: JournalEntity; recordId: string; values: Record<string, unknown>; reason: string },
): Row {
  const { entity, recordId, values, reason } = created;
  const stored = storedCreatedValues(values);
  return auditRowOf(context, at, { entity, recordId, action: 'created', version: 1, stored, reason });
}

/**
 * Builds the audit entry and the outbox event of each change. The outbox carries the changed field names
 * and the version; consumers read the record or the audit entry for values.
 */
export function journalRows(context: CrmContext, at: string, entries: readonly JournalEntry[]): JournalRows {
  const audit: Row[] = [];
  const outbox: Row[] = [];
  const eventIds: string[] = [];
  for (const entry of entries) {
    const eventId = uuidv7();
    eventIds.push(eventId);
    const stored = storedChanges(entry.action, entry.changes);
    audit.push(auditRowOf(context, at, { ...entry, stored, reason: entry.reason }));
    outbox.push({
      tenant_id: context.tenantId,
      id: eventId,
      at,
      type: `${entry.entity}.${entry.action}`,
      entity: entry.entity,
      record_id: entry.recordId,
      actor_id: context.actor.id,
      payload: payloadOf(context, entry),
    });
  }
  return { audit, outbox, eventIds };
}
