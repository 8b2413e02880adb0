import { writeOutboxEvents } from '../events/outbox-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { emitToEach, hasListeners } from '../records/publish';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { CustomerEntity } from './customer-kinds';
import type { TierChange } from './recompute-customers';

/** The event type of a tier change, on the bus and in the outbox. */
export const tierChangedType = 'customer.tierChanged';

/**
 * A customer moved to another tier (or into or out of every tier): published after commit, and written
 * to the outbox in the same transaction as the write that caused it.
 *
 * @example
 * ```ts
 * crm.events.on('customer.tierChanged', (event) => {
 *   if (event.after === 'key_account') notifyAccountTeam(event.entity, event.recordId);
 * });
 * ```
 */
export interface CustomerTierChangedEvent {
  readonly type: typeof tierChangedType;
  /** The outbox id of the event: consumers dedupe on it. */
  readonly eventId: string;
  readonly tenantId: string;
  /** Who made the write (or ran the refresh) that changed the tier. */
  readonly actor: CrmContext['actor'];
  readonly at: string;
  readonly entity: CustomerEntity;
  readonly recordId: string;
  /** The tier key before, or null when the customer was in no tier. */
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * Writes one outbox event per tier change inside the caller's transaction, and returns the events to
 * publish once it commits.
 *
 * @example
 * ```ts
 * const events = await writeTierEvents(tx, context, at, tierChanges);
 * // after commit:
 * publishTierEvents(runtime, events);
 * ```
 */
export async function writeTierEvents(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  changes: readonly TierChange[],
): Promise<CustomerTierChangedEvent[]> {
  const events = changes.map(
    (change): CustomerTierChangedEvent => ({
      type: tierChangedType,
      eventId: uuidv7(),
      tenantId: context.tenantId,
      actor: context.actor,
      at,
      entity: change.entity,
      recordId: change.id,
      before: change.before,
      after: change.after,
    }),
  );
  await writeOutboxEvents(tx, at, events, (event) => ({ before: event.before, after: event.after }));
  return events;
}

/** Publishes committed tier changes on the bus; a listener that throws is reported and stops no other. */
export function publishTierEvents(runtime: CrmRuntime, events: readonly CustomerTierChangedEvent[]): void {
  if (events.length === 0 || !hasListeners(runtime)) return;
  for (const event of events) emitToEach(runtime, tierChangedType, event);
}
