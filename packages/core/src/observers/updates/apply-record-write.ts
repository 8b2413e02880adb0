import type { EntityName } from '../../entities/entity-name';
import type { RecordAction } from '../../events/crm-events';
import type { RapportCache } from '../cache/rapport-cache';
import { hasAnyTag } from '../queries/query-tags';
import { recordKey } from '../queries/record-query';
import type { WrittenRecord } from './record-patches';
import { patchRecord, replaceWith } from './record-patches';

/** A record as a write left it, from a live event or from the answer to this client's own mutation. */
export interface RecordWrite {
  readonly entity: EntityName;
  readonly record: { readonly id: string; readonly version: number };
  readonly action: RecordAction;
  /** The answer to this client's own write: it replaces an optimistic copy even at the same version. */
  readonly isOwnWrite: boolean;
}

/**
 * Brings the cache up to a write: the record's own query takes the record (when it is newer than what
 * it holds), every other copy of it (in lists, boards, includes) takes its fields at once, and the
 * queries whose membership or order it may change (lists, boards, timelines and segments of its
 * entity, reads of it with includes) are invalidated, so the observed ones read again.
 *
 * @example
 * ```ts
 * applyRecordWrite(cache, { entity: 'person', record: saved, action: 'updated', isOwnWrite: true });
 * ```
 */
export function applyRecordWrite(cache: RapportCache, write: RecordWrite): void {
  const { entity, record, action, isOwnWrite } = write;
  const plain = cache.find<{ version: number }>(recordKey(entity, record.id));
  if (plain !== undefined) {
    const held = plain.state.data;
    const isNewer =
      held === undefined || held.version < record.version || (isOwnWrite && held.version === record.version);
    if (action === 'deleted') plain.invalidate();
    else if (isNewer) plain.setData(record);
  }
  if (action !== 'deleted') {
    for (const query of cache.getAll()) {
      const data = query.state.data;
      if (query === plain || data === undefined) continue;
      const next = patchRecord(data, record.id, replaceWith(record as unknown as WrittenRecord, isOwnWrite));
      if (next !== data)
        query.setData(next, { cancelFetch: false, exact: true, updatedAt: query.state.dataUpdatedAt });
    }
  }
  const tags = [`entity:${entity}`, `record:${entity}:${record.id}`];
  cache.invalidate((query) => query !== plain && hasAnyTag(query, tags));
}
