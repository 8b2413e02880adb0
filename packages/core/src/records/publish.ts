import type { EntityName } from '../entities/entity-name';
import type { CrmEvents, RecordEvent } from '../events/crm-events';
import type { CrmContext } from './context';
import type { JournalEntry } from './journal';
import type { CrmRuntime } from './runtime';

/**
 * Publishes committed changes on the in-process bus. A listener that throws does not undo the commit or
 * stop other listeners: its error is reported with `console.error`, since the change is already durable.
 */
export function publish(
  runtime: CrmRuntime,
  context: CrmContext,
  at: string,
  entries: readonly JournalEntry[],
  eventIds: readonly string[],
): void {
  // Without listeners there is nobody to tell: a bulk create then builds no events at all.
  if (!hasListeners(runtime)) return;
  entries.forEach((entry, index) => {
    const type = `${entry.entity}.${entry.action}` as RecordEvent['type'];
    const event: RecordEvent<EntityName> = {
      type,
      eventId: eventIds[index] as string,
      entity: entry.entity as EntityName,
      action: entry.action,
      tenantId: context.tenantId,
      actor: context.actor,
      at,
      record: entry.record as never,
      changes: entry.changes,
    };
    emitToEach(runtime, type, event as never);
  });
}

/** Whether anyone listens on the bus: without listeners, nothing needs to be built to publish. */
export function hasListeners(runtime: CrmRuntime): boolean {
  for (const handlers of runtime.events.all.values()) if (handlers.length > 0) return true;
  return false;
}

/**
 * Calls each listener of `type` (then the `*` listeners) on its own: mitt's `emit` stops at the first
 * listener that throws, which would let one faulty listener silence the others.
 */
export function emitToEach<K extends keyof CrmEvents>(
  runtime: CrmRuntime,
  type: K,
  event: CrmEvents[K],
): void {
  const typed = [...(runtime.events.all.get(type) ?? [])] as ((event: unknown) => void)[];
  const wildcard = [...(runtime.events.all.get('*') ?? [])] as ((type: string, event: unknown) => void)[];
  const report = (error: unknown) => console.error(`[rapport] a listener of ${type} threw`, error);
  for (const listener of typed) {
    try {
      listener(event);
    } catch (error) {
      report(error);
    }
  }
  for (const listener of wildcard) {
    try {
      listener(type, event);
    } catch (error) {
      report(error);
    }
  }
}
