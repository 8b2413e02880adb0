import type { EntityName } from '../entities/entity-name';
import { isRapportError, RapportError } from '../errors/rapport-error';
import type { FilterContext } from '../filter/filter-context';
import { resolveFilter } from '../filter/resolve-filter';
import type { Condition } from '../storage/condition';
import { listedIn } from './membership-condition';
import type { Segment } from './segment';

/** The `segment` hook of a filter context. */
export type SegmentHook = (id: string, entity: EntityName) => Condition | undefined;

function cycleError(chain: readonly Segment[]): RapportError {
  const names = chain.map((segment) => `"${segment.name}"`).join(' → ');
  return new RapportError('INVALID_FILTER', `Segments refer to each other: ${names}`, {
    issues: [
      { code: 'invalid_filter', path: ['segment'], message: `Segments refer to each other: ${names}` },
    ],
    details: { segmentIds: chain.map((segment) => segment.id) },
  });
}

function unusable(segment: Segment, error: RapportError): RapportError {
  return new RapportError('INVALID_FILTER', `Segment "${segment.name}" cannot be used: ${error.message}`, {
    issues: error.issues,
    details: { segmentId: segment.id },
    cause: error,
  });
}

/**
 * The `segment` hook of a filter context over a tenant's segments (see `loadSegmentsNamedBy`): a static or
 * snapshot segment is "listed in `segment_members`"; a dynamic one is its own filter, resolved in the same
 * context (same clock, calendar and read scope) but with no current actor, since a saved segment belongs
 * to the tenant, not to whoever reads it. Each segment is resolved once per hook. A segment of another
 * entity is unknown; segments whose filters lead back to themselves are refused with INVALID_FILTER.
 *
 * @example
 * ```ts
 * const context: FilterContext = { entity: 'person', now, segment: createSegmentHook(segments, () => context) };
 * resolveFilter({ segment: vipId }, context);
 * ```
 */
export function createSegmentHook(
  segments: ReadonlyMap<string, Segment>,
  contextOf: () => FilterContext,
): SegmentHook {
  const resolving: Segment[] = [];
  const resolved = new Map<string, Condition>();
  const hook: SegmentHook = (id, entity) => {
    const segment = segments.get(id);
    if (segment === undefined || segment.entity !== entity) return undefined;
    if (segment.kind !== 'dynamic') return listedIn(segment.id);
    const known = resolved.get(id);
    if (known !== undefined) return known;
    if (resolving.includes(segment))
      throw cycleError([...resolving.slice(resolving.indexOf(segment)), segment]);
    resolving.push(segment);
    try {
      const { actorId: _actorId, ...context } = contextOf();
      const condition = resolveFilter(segment.filter, { ...context, entity: segment.entity, segment: hook });
      resolved.set(id, condition);
      return condition;
    } catch (error) {
      const isOwn = isRapportError(error, 'INVALID_FILTER') && error.details.segmentId === undefined;
      throw isOwn && error.details.segmentIds === undefined ? unusable(segment, error) : error;
    } finally {
      resolving.pop();
    }
  };
  return hook;
}
