import type { NodePath } from '../filter/invalid-node';
import { columnIn } from '../records/conditions';
import type { StorageReader } from '../storage/adapter';
import type { Segment } from './segment';
import { loadSegments } from './segment-rows';

/** A `{ segment: id }` node of a filter and where it sits. */
export interface SegmentReference {
  readonly id: string;
  readonly path: NodePath;
}

// Deeper input is refused by resolution anyway; stopping here keeps a hostile filter from exhausting the stack.
const maxWalkDepth = 100;
const idBatch = 500;

/**
 * The segments a filter (checked or not) names, with the path of each node, in the order they appear.
 *
 * @example
 * ```ts
 * segmentReferences({ all: [{ segment: 'a' }, { not: { segment: 'b' } }] });
 * // [{ id: 'a', path: ['all', 0] }, { id: 'b', path: ['all', 1, 'not'] }]
 * ```
 */
export function segmentReferences(filter: unknown): SegmentReference[] {
  const found: SegmentReference[] = [];
  const visit = (node: unknown, path: NodePath): void => {
    if (path.length > maxWalkDepth || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, index]);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.segment === 'string') found.push({ id: record.segment, path });
    for (const [key, value] of Object.entries(record)) visit(value, [...path, key]);
  };
  visit(filter, []);
  return found;
}

/**
 * The segments `filters` name, and the segments their filters name, and so on: everything resolving them
 * needs, archived segments included (filters that name one keep working). Reads one batch per level of
 * nesting; ids the tenant does not have are left out (resolution then refuses them with their path).
 *
 * @example
 * ```ts
 * const segments = await loadSegmentsNamedBy(storage, tenantId, [{ segment: vipId }]);
 * ```
 */
export async function loadSegmentsNamedBy(
  reader: StorageReader,
  tenantId: string,
  filters: readonly unknown[],
  known: ReadonlyMap<string, Segment> = new Map(),
): Promise<Map<string, Segment>> {
  const segments = new Map(known);
  const tried = new Set(segments.keys());
  let pending = filters;
  for (;;) {
    const ids = [
      ...new Set(pending.flatMap((filter) => segmentReferences(filter).map((ref) => ref.id))),
    ].filter((id) => !tried.has(id));
    if (ids.length === 0) return segments;
    for (const id of ids) tried.add(id);
    const loaded: Segment[] = [];
    for (let start = 0; start < ids.length; start += idBatch) {
      loaded.push(
        ...(await loadSegments(reader, tenantId, columnIn('id', ids.slice(start, start + idBatch)))),
      );
    }
    for (const segment of loaded) segments.set(segment.id, segment);
    pending = loaded.map((segment) => segment.filter);
  }
}

/**
 * The ids of the segments a segment's filter reaches, directly or through other segments' filters,
 * within `segments`.
 *
 * @example
 * ```ts
 * reachableSegments(vip.filter, segments).has(vip.id); // true when vip's filter leads back to vip
 * ```
 */
export function reachableSegments(filter: unknown, segments: ReadonlyMap<string, Segment>): Set<string> {
  const reached = new Set<string>();
  const pending = segmentReferences(filter).map((ref) => ref.id);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    const segment = segments.get(id);
    if (segment !== undefined) pending.push(...segmentReferences(segment.filter).map((ref) => ref.id));
  }
  return reached;
}
