import type { RecordEvent, RecordsImportedEvent } from '../../events/crm-events';
import type { CrmClientEvent } from '../../transport/crm-client';
import type { RapportCache } from '../cache/rapport-cache';
import { hasAnyTag } from '../queries/query-tags';
import { applyRecordWrite } from './apply-record-write';

function isRecordEvent(event: CrmClientEvent): event is Extract<CrmClientEvent, RecordEvent> {
  return 'record' in event && 'action' in event && 'entity' in event;
}

function isImportEvent(event: CrmClientEvent): event is Extract<CrmClientEvent, RecordsImportedEvent> {
  return event.type.endsWith('.imported') && 'importId' in event;
}

/**
 * Brings the cache up to one event of the client's stream: a record event updates that record and
 * invalidates what lists its entity; a segment membership event invalidates that segment's count and
 * members; an import invalidates what lists its entity. Events this client caused itself are applied too: they are idempotent.
 *
 * @example
 * ```ts
 * const stop = client.subscribe((event) => applyEvent(cache, event));
 * ```
 */
export function applyEvent(cache: RapportCache, event: CrmClientEvent): void {
  if (isRecordEvent(event)) {
    applyRecordWrite(cache, {
      entity: event.entity,
      record: event.record,
      action: event.action,
      isOwnWrite: false,
    });
    return;
  }
  if (event.type === 'segment.entered' || event.type === 'segment.left') {
    const tags = [`segment:${event.segmentId}`];
    cache.invalidate((query) => hasAnyTag(query, tags));
    return;
  }
  if (isImportEvent(event)) {
    // New records only: no record already read changed, but every list of the entity may now hold more.
    const tags = [`entity:${event.entity}`];
    cache.invalidate((query) => hasAnyTag(query, tags));
  }
}
