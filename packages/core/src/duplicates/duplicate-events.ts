import { writeOutboxEvents } from '../events/outbox-events';
import { uuidv7 } from '../ids/uuidv7';
import type { CrmContext } from '../records/context';
import { emitToEach, hasListeners } from '../records/publish';
import type { CrmRuntime } from '../records/runtime';
import type { StorageWriter } from '../storage/adapter';
import type { DuplicateEntity } from './match-profile';
import type { RuleMatch } from './match-rules';

/**
 * A person or company was created although it matches others under a `warn` rule: written to the outbox
 * in the create's transaction and published after commit, so a host can show the warning (or queue the
 * record for review) even when it did not call `duplicates.check` first.
 *
 * @example
 * ```ts
 * crm.events.on('duplicate.suspected', (event) => {
 *   toast(`${event.entity} ${event.recordId} looks like ${event.matches[0]?.records[0]?.id}`);
 * });
 * ```
 */
export interface DuplicateSuspectedEvent {
  readonly type: 'duplicate.suspected';
  /** The outbox id of the event: consumers dedupe on it. */
  readonly eventId: string;
  readonly tenantId: string;
  readonly actor: CrmContext['actor'];
  readonly at: string;
  readonly entity: DuplicateEntity;
  /** The record just created. */
  readonly recordId: string;
  /** The warn rules it matched, each with the records it matched. */
  readonly matches: readonly RuleMatch[];
}

/**
 * A merge was made (`duplicate.merged`) or undone (`duplicate.unmerged`): written to the outbox with it,
 * published after commit. The changed records have their own events (`person.updated`, ...) too.
 *
 * @example
 * ```ts
 * crm.events.on('duplicate.merged', (event) => reindexSearch(event.winnerId, event.loserIds));
 * ```
 */
export interface DuplicateMergeEvent {
  readonly type: 'duplicate.merged' | 'duplicate.unmerged';
  readonly eventId: string;
  readonly tenantId: string;
  readonly actor: CrmContext['actor'];
  readonly at: string;
  readonly entity: DuplicateEntity;
  readonly mergeId: string;
  readonly winnerId: string;
  readonly loserIds: readonly string[];
}

/** The events this module publishes. */
export type DuplicateEvent = DuplicateSuspectedEvent | DuplicateMergeEvent;

/**
 * Writes the suspected-duplicate events of created records to the outbox, inside the caller's transaction,
 * and returns them for publishing once it commits.
 *
 * @example
 * ```ts
 * const events = await writeSuspectedEvents(tx, context, at, [{ entity: 'person', recordId, matches }]);
 * ```
 */
export async function writeSuspectedEvents(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  suspects: readonly { entity: DuplicateEntity; recordId: string; matches: readonly RuleMatch[] }[],
): Promise<DuplicateSuspectedEvent[]> {
  const events = suspects.map(
    (suspect): DuplicateSuspectedEvent => ({
      type: 'duplicate.suspected',
      eventId: uuidv7(),
      tenantId: context.tenantId,
      actor: context.actor,
      at,
      ...suspect,
    }),
  );
  await writeOutboxEvents(tx, at, events, (event) => ({ matches: event.matches }));
  return events;
}

/**
 * Writes the outbox event of a merge or of its undo, inside the caller's transaction, and returns it for
 * publishing once it commits.
 *
 * @example
 * ```ts
 * const event = await writeMergeEvent(tx, context, at, 'duplicate.merged', merge);
 * ```
 */
export async function writeMergeEvent(
  tx: StorageWriter,
  context: CrmContext,
  at: string,
  type: DuplicateMergeEvent['type'],
  merge: { id: string; entity: DuplicateEntity; winnerId: string; loserIds: readonly string[] },
): Promise<DuplicateMergeEvent> {
  const event: DuplicateMergeEvent = {
    type,
    eventId: uuidv7(),
    tenantId: context.tenantId,
    actor: context.actor,
    at,
    entity: merge.entity,
    mergeId: merge.id,
    winnerId: merge.winnerId,
    loserIds: merge.loserIds,
  };
  await writeOutboxEvents(tx, at, [{ ...event, recordId: merge.winnerId }], () => ({
    mergeId: merge.id,
    loserIds: merge.loserIds,
  }));
  return event;
}

/**
 * Publishes committed duplicate events on the bus; a listener that throws is reported and stops no other.
 *
 * @example
 * ```ts
 * publishDuplicateEvents(runtime, events);
 * ```
 */
export function publishDuplicateEvents(runtime: CrmRuntime, events: readonly DuplicateEvent[]): void {
  if (events.length === 0 || !hasListeners(runtime)) return;
  for (const event of events) emitToEach(runtime, event.type, event as never);
}
