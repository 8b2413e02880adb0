import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';

/** What every event about one record says, and so what every outbox row holds besides its payload. */
export interface OutboxEvent {
  readonly type: string;
  readonly eventId: string;
  readonly tenantId: string;
  readonly actor: { readonly id: string };
  readonly entity: string;
  readonly recordId: string;
}

// Rows are inserted a chunk at a time, so a bulk write never holds one statement of every event.
const chunk = 500;

/**
 * Writes events to the outbox inside the caller's transaction: one row each, with `payloadOf(event)` as
 * its payload. Consumers read the outbox, so the events of a write commit, or roll back, with it.
 *
 * @example
 * ```ts
 * await writeOutboxEvents(tx, at, events, (event) => ({ before: event.before, after: event.after }));
 * ```
 */
export async function writeOutboxEvents<E extends OutboxEvent>(
  tx: StorageWriter,
  at: string,
  events: readonly E[],
  payloadOf: (event: E) => unknown,
): Promise<void> {
  for (let start = 0; start < events.length; start += chunk) {
    const rows: Row[] = events.slice(start, start + chunk).map((event) => ({
      tenant_id: event.tenantId,
      id: event.eventId,
      at,
      type: event.type,
      entity: event.entity,
      record_id: event.recordId,
      actor_id: event.actor.id,
      payload: payloadOf(event),
    }));
    await tx.insert({ table: 'outbox', rows });
  }
}
