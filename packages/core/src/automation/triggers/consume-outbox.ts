import { RapportError } from '../../errors/rapport-error';
import type { CrmContext } from '../../records/context';
import { inOneTransaction } from '../../records/one-transaction';
import type { CrmRuntime } from '../../records/runtime';
import type { StorageWriter } from '../../storage/adapter';
import type { RuleEvent } from '../rules/rule-fact';
import { RuleIndex } from '../rules/rule-index';
import { loadRules } from '../rules/rule-tables';
import { admitMatches } from './admit-matches';
import { moveCursor, readCursor } from './cursor-table';
import type { EnqueueMatches } from './enqueue-matches';
import { matchesTrigger } from './match-trigger';
import { advanceCursor } from './outbox-window';
import { readOutbox, triggerEvents } from './read-events';
import type { TriggerEvent } from './trigger-event';
import type { TriggerMatch } from './trigger-match';

/** How a batch of the outbox is read. */
export interface OutboxBatchOptions {
  readonly now: Date;
  /** New outbox events read per batch (one transaction), besides those handled inside the lag window. */
  readonly limit: number;
  /** How long after its `at` an event is taken as committed by then (see `outbox-window.ts`). */
  readonly lagMs: number;
  readonly enqueue: EnqueueMatches;
}

/** What one batch did. */
export interface OutboxBatchResult {
  /** Events read, handled before or not. */
  readonly read: number;
  /** Events handled for the first time. */
  readonly handled: number;
  /** Jobs enqueued. */
  readonly enqueued: number;
}

function changesOf(event: TriggerEvent) {
  return event.kind === 'record' ? event.changes : null;
}

function eventPayload(event: TriggerEvent): Record<string, unknown> {
  if (event.kind === 'segment')
    return {
      eventId: event.eventId,
      type: event.entered ? 'segment.entered' : 'segment.left',
      segmentId: event.segmentId,
    };
  return { eventId: event.eventId, type: `${event.entity}.${event.action}`, version: event.version };
}

/** The event as the rule index files it: its kind, and its entity and changed fields or its segment. */
function indexEvent(event: TriggerEvent): RuleEvent {
  if (event.kind === 'segment')
    return { kind: event.entered ? 'segmentEntered' : 'segmentLeft', segmentId: event.segmentId };
  const kind =
    event.action === 'created'
      ? 'recordCreated'
      : event.action === 'updated'
        ? 'recordUpdated'
        : 'recordDeleted';
  return { kind, entity: event.entity, changedFields: Object.keys(event.changes) };
}

/**
 * Every rule that an event starts, before conditions: the index hands each event only the rules filed
 * under its kind, entity and changed fields, and the trigger's finer points (stage ids) are checked on those.
 */
function matchesOf(
  events: readonly TriggerEvent[],
  rules: Awaited<ReturnType<typeof loadRules>>,
): TriggerMatch[] {
  const index = new RuleIndex(rules.map((rule) => ({ rule })));
  const matches: TriggerMatch[] = [];
  for (const event of events)
    for (const { rule } of index.candidates(indexEvent(event)))
      if (matchesTrigger(rule.trigger, event))
        matches.push({
          rule,
          entity: event.entity,
          recordId: event.recordId,
          source: event.eventId,
          changes: changesOf(event),
          chainDepth: event.chainDepth,
          payload: eventPayload(event),
        });
  return matches;
}

/** A cursor moved by another tick since this one read it: its batch rolls back. */
export const cursorMoved = (id: string) =>
  new RapportError('VERSION_CONFLICT', `Trigger cursor ${id} was moved by another tick`, {
    details: { entity: 'automationCursor', id },
  });

/** The writer of a joined runtime: its storage's `transaction` runs in the transaction already open. */
export const writerOf = (joined: CrmRuntime): Promise<StorageWriter> =>
  joined.storage.transaction(async (tx) => tx);

/**
 * Reads one batch of the tenant's outbox after its cursor, turns the events not handled yet into rule
 * matches, enqueues a job per match whose condition holds and whose record newly enrolls (see
 * `admitMatches`), and moves the cursor: all in one transaction.
 * Throws VERSION_CONFLICT (nothing kept) when a concurrent tick moved the cursor first.
 *
 * @example
 * ```ts
 * const { handled } = await consumeOutboxBatch(runtime, context, { now, limit: 200, lagMs: 60_000, enqueue });
 * ```
 */
export async function consumeOutboxBatch(
  runtime: CrmRuntime,
  context: CrmContext,
  options: OutboxBatchOptions,
): Promise<OutboxBatchResult> {
  return inOneTransaction(runtime, async (joined) => {
    const tx = await writerOf(joined);
    const { tenantId } = context;
    const cursor = await readCursor(tx, tenantId, 'outbox');
    const seen = (cursor.state.seen ?? []) as string[];
    // Events already handled inside the lag window are read again (a late commit may sit between them),
    // so they do not count against the batch: up to `limit` of the events read are new.
    const rows = await readOutbox(tx, tenantId, cursor.position, options.limit + seen.length);
    const read = rows.map((row) => ({ id: row.id as string, at: row.at as string }));
    const plan = advanceCursor(
      { position: cursor.position, seen },
      read,
      options.now.getTime(),
      options.lagMs,
    );
    const fresh = new Set(plan.fresh);
    const events = await triggerEvents(
      tx,
      tenantId,
      rows.filter((row) => fresh.has(row.id as string)),
    );
    const matches = events.length === 0 ? [] : matchesOf(events, await loadRules(tx, tenantId));
    const at = options.now.toISOString();
    const admitted = await admitMatches(joined, context, matches, { tx, at });
    const enqueued = admitted.length === 0 ? 0 : (await options.enqueue(tx, context, admitted, at)).length;
    if (
      rows.length > 0 &&
      !(await moveCursor(tx, tenantId, cursor, { position: plan.position, state: { seen: plan.seen } }, at))
    )
      throw cursorMoved(cursor.id);
    return { read: rows.length, handled: plan.fresh.length, enqueued };
  });
}
