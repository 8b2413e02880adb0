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
 * The typed event map of the in-process bus: `person.created`, `deal.updated`, ... Events are published
 * after their transaction commits, and only then.
 */
export type CrmEvents = {
  [E in EntityName as `${E}.${RecordAction}`]: RecordEvent<E>;
};
