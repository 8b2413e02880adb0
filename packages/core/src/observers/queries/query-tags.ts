import type { Query } from '../cache/query';

/**
 * What a query depends on, as tags: `record:person:<id>` for one record, `entity:deal` for anything that
 * lists deals, `segment:<id>` for a segment's count and members. Live events and mutations invalidate
 * queries by tag. Derived from the key (and, for segment members, the segment read with them), so a
 * hydrated query is tagged before it is ever read on the client.
 */
export function queryTags(query: Query): string[] {
  const [kind, first, second] = query.key;
  switch (kind) {
    case 'record':
      return [`record:${String(first)}:${String(second)}`];
    case 'list':
      return [`entity:${String(first)}`];
    case 'segmentCount':
      return [`segment:${String(first)}`];
    case 'segmentMembers': {
      const segment = (query.state.data as { segment?: { entity?: string } } | undefined)?.segment;
      return segment?.entity === undefined
        ? [`segment:${String(first)}`]
        : [`segment:${String(first)}`, `entity:${segment.entity}`];
    }
    case 'board':
      return ['entity:deal', `record:pipeline:${String(first)}`];
    case 'timeline':
      return ['entity:activity'];
    case 'client':
      return Array.isArray(first) ? first.map((entity) => `entity:${String(entity)}`) : [];
    default:
      return [];
  }
}

/** True when the query carries one of `tags`. */
export function hasAnyTag(query: Query, tags: readonly string[]): boolean {
  return queryTags(query).some((tag) => tags.includes(tag));
}
