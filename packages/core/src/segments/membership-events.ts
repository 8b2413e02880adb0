import type { SegmentMembershipEvent } from '../events/crm-events';
import { writeOutboxEvents } from '../events/outbox-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { withChainDepth } from '../records/journal';
import { emitToEach, hasListeners } from '../records/publish';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { MembershipChange } from './membership-changes';

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
  await writeOutboxEvents(tx, at, events, (event) =>
    withChainDepth(context, {
      segmentId: event.segmentId,
      segmentName: event.segmentName,
      version: event.recordVersion,
    }),
  );
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
