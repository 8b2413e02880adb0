import type { CustomerTierChangedEvent } from '../customer-value/tier-events';
import type { DuplicateMergeEvent, DuplicateSuspectedEvent } from '../duplicates/duplicate-events';
import type { EntityName } from '../entities/entity-name';
import type { EntityTypes } from '../entities/types';
import type { CrmContext } from '../records/context';

/** A field's value before and after a change. */
export interface FieldChange {
  readonly before: unknown;
  readonly after: unknown;
}

/** The fields a write changed, by field name (`custom.<key>` for custom fields). */
export type Changes = Readonly<Record<string, FieldChange>>;

/** The actions a record event reports. */
export type RecordAction = 'created' | 'updated' | 'archived' | 'restored' | 'deleted';

/** The payload of every record event. */
export interface RecordEvent<E extends EntityName = EntityName> {
  readonly type: `${E}.${RecordAction}`;
  /** The outbox id of the event: consumers dedupe on it. */
  readonly eventId: string;
  readonly entity: E;
  readonly action: RecordAction;
  readonly tenantId: string;
  readonly actor: CrmContext['actor'];
  readonly at: string;
  /** The record after the change; for `deleted`, the record as it was. */
  readonly record: EntityTypes[E]['record'];
  readonly changes: Changes;
}

/**
 * Records came in through `importMany`: one event per import in place of a `created` event per record, so
 * an import of a million rows neither writes a million outbox rows nor starts a rule per record. Each
 * record still has its own audit entry.
 *
 * @example
 * ```ts
 * crm.events.on('person.imported', (event) => reindexSearch(event.recordIds));
 * ```
 */
export interface RecordsImportedEvent<E extends EntityName = EntityName> {
  readonly type: `${E}.imported`;
  /** The outbox id of the event: consumers dedupe on it. */
  readonly eventId: string;
  readonly entity: E;
  /** The import's id, which its audit entries name in their reason. */
  readonly importId: string;
  /** The ids of the records the import created, in input order. */
  readonly recordIds: readonly string[];
  /** What the caller said the import is (a file name, a migration), or null. */
  readonly source: string | null;
  readonly tenantId: string;
  readonly actor: CrmContext['actor'];
  readonly at: string;
}

/**
 * A record entered or left a saved segment: a write of the record (or of a record it links to, such as
 * a new order of a person) changed whether it matches a segment's filter, or it was added to or removed
 * from a static segment, or a snapshot segment was refreshed. Written to the outbox with the change.
 */
export interface SegmentMembershipEvent {
  readonly type: 'segment.entered' | 'segment.left';
  /** The outbox id of the event: consumers dedupe on it. */
  readonly eventId: string;
  readonly segmentId: string;
  readonly segmentName: string;
  /** The entity of the record (and of the segment). */
  readonly entity: EntityName;
  readonly recordId: string;
  /** The record's version when it entered or left. */
  readonly recordVersion: number;
  readonly tenantId: string;
  readonly actor: CrmContext['actor'];
  readonly at: string;
}

/**
 * The typed event map of the in-process bus: `person.created`, `deal.updated`, ..., `segment.entered`
 * and `segment.left`. Events are published after their transaction commits, and only then.
 */
export type CrmEvents = {
  [E in EntityName as `${E}.${RecordAction}`]: RecordEvent<E>;
} & {
  [E in EntityName as `${E}.imported`]: RecordsImportedEvent<E>;
} & {
  readonly 'segment.entered': SegmentMembershipEvent;
  readonly 'segment.left': SegmentMembershipEvent;
  readonly 'customer.tierChanged': CustomerTierChangedEvent;
  readonly 'duplicate.suspected': DuplicateSuspectedEvent;
  readonly 'duplicate.merged': DuplicateMergeEvent;
  readonly 'duplicate.unmerged': DuplicateMergeEvent;
};
