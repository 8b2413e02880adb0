/**
 * How the outbox cursor moves, and why it is safe with concurrent writers.
 *
 * Outbox ids are UUIDv7: time-ordered, but made before their transaction commits. Two writers can commit
 * out of id order (a long transaction's event commits after a later id did), so a cursor that simply
 * moved past the highest id read could skip the late one forever. The consumer therefore:
 * - reads every event after `position` in id order and handles each one not in `seen` (so events are
 *   handled as soon as they are visible, with no waiting);
 * - moves `position` only over the prefix of events that are older than the lag window (`at` at least
 *   `lagMs` before now): a transaction that has not committed by then is assumed never to commit with an
 *   earlier id. The default window (60 s) must exceed the longest write transaction plus clock skew
 *   between the processes writing;
 * - keeps in `seen` the ids after `position` it already handled, so an event in the window is handled
 *   once, not on every tick.
 * And should a handled event be read again anyway (a crash between two batches), the idempotency key of
 * each job makes the replay enqueue nothing twice.
 */
export interface OutboxPosition {
  readonly position: string | null;
  readonly seen: readonly string[];
}

/** One event as the cursor needs to see it. */
export interface ReadEvent {
  readonly id: string;
  readonly at: string;
}

/** What to handle of a batch read, and where the cursor goes. */
export interface CursorAdvance extends OutboxPosition {
  /** The ids read that were not handled before, in id order. */
  readonly fresh: readonly string[];
}

/**
 * Plans a batch: the events to handle and the cursor after it. Pure.
 *
 * @example
 * ```ts
 * advanceCursor({ position: null, seen: [] }, [{ id: 'a', at: '2025-01-01T00:00:00.000Z' }], Date.parse('2025-01-01T00:00:10.000Z'), 60_000);
 * // { fresh: ['a'], position: null, seen: ['a'] }: handled now, settled after a minute
 * ```
 */
export function advanceCursor(
  cursor: OutboxPosition,
  read: readonly ReadEvent[],
  now: number,
  lagMs: number,
): CursorAdvance {
  const seen = new Set(cursor.seen);
  const fresh = read.filter((event) => !seen.has(event.id)).map((event) => event.id);
  let position = cursor.position;
  for (const event of read) {
    if (Date.parse(event.at) > now - lagMs) break;
    position = event.id;
  }
  for (const id of fresh) seen.add(id);
  const after = [...seen].filter((id) => position === null || id > position).sort();
  return { fresh, position, seen: after };
}
