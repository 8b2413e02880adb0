import type { SegmentMembershipEvent } from '../events/crm-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { emitToEach, hasListeners } from '../records/publish';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { MembershipChange } from './membership-changes';

const chunk = 500;

function toEvent(context: CrmContext, at: string, change: MembershipChange): SegmentMembershipEvent {
  return {
    type: change.entered ? 'segment.entered' : 'segment.left',
    eventId: uuidv7(),
    segmentId: change.segment.id,
    segmentName: change.segment.name,
    entity: change.segment.entity,
    recordId: change.recordId,
    recordVersion: change.recordVersion,
    tenantId: context.tenantId,
    actor: context.actor,
    at,
  };
}

/**
 * The outbox row of a membership event: its type, the record's entity and id, and in the payload the
 * segment and the record's version.
 */
function toOutboxRow(event: SegmentMembershipEvent): Row {
  return {
    tenant_id: event.tenantId,
    id: event.eventId,
    at: event.at,
    type: event.type,
    entity: event.entity,
    record_id: event.recordId,
    actor_id: event.actor.id,
    payload: { segmentId: event.segmentId, segmentName: event.segmentName, version: event.recordVersion },
  };
}

/**
 * Writes one outbox event per membership change, inside the caller's transaction, and returns the events
 * to publish once it commits.
 *
 * @example
 * ```ts
 * const events = await writeMembershipEvents(tx, context, at, changes);
 * // after commit:
 * publishMembershipEvents(runtime, events);
 * ```
 */
export async function writeMembershipEvents(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  changes: readonly MembershipChange[],
): Promise<SegmentMembershipEvent[]> {
  const events = changes.map((change) => toEvent(context, at, change));
  for (let start = 0; start < events.length; start += chunk)
    await tx.insert({ table: 'outbox', rows: events.slice(start, start + chunk).map(toOutboxRow) });
  return events;
}

/** Publishes committed membership events on the bus, each listener on its own (as record events are). */
export function publishMembershipEvents(
  runtime: CrmRuntime,
  events: readonly SegmentMembershipEvent[],
): void {
  if (events.length === 0 || !hasListeners(runtime)) return;
  for (const event of events) emitToEach(runtime, event.type, event);
}
