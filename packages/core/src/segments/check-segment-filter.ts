import { isRapportError, RapportError, validationError } from '../errors/rapport-error';
import type { NodePath } from '../filter/invalid-node';
import { invalidAt } from '../filter/invalid-node';
import { resolveFilter } from '../filter/resolve-filter';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Segment } from './segment';
import { filtersOf, loadTenantFilterData, tenantFilterContext } from './segment-context';
import { loadSegmentsNamedBy, reachableSegments, segmentReferences } from './segment-references';

/** The segment a filter is checked for: its id (to find cycles), entity, kind and new filter. */
export type SegmentDraft = Pick<Segment, 'id' | 'entity' | 'kind' | 'filter' | 'name'>;

function checkPresence(draft: SegmentDraft): void {
  if (draft.kind === 'static' && draft.filter !== null) {
    throw validationError([
      {
        code: 'not_allowed',
        path: ['filter'],
        message: 'A static segment has no filter: add and remove its members',
      },
    ]);
  }
  if (draft.kind !== 'static' && draft.filter === null) {
    throw validationError([
      { code: 'required', path: ['filter'], message: `A ${draft.kind} segment needs a filter` },
    ]);
  }
}

function refuseCycles(draft: SegmentDraft, segments: ReadonlyMap<string, Segment>): void {
  for (const reference of segmentReferences(draft.filter)) {
    const target = segments.get(reference.id);
    const leadsBack =
      reference.id === draft.id ||
      (target !== undefined && reachableSegments(target.filter, segments).has(draft.id));
    if (leadsBack) {
      invalidAt(
        [...reference.path, 'segment'],
        reference.id === draft.id
          ? 'A segment cannot contain itself'
          : `Segment "${target?.name}" leads back to this segment`,
      );
    }
  }
}

/** An INVALID_FILTER of the filter, its issues under `filter` (a named segment's own problem at its node). */
function underFilter(error: RapportError, draft: SegmentDraft): RapportError {
  const segmentId = error.details.segmentId;
  const reference =
    segmentId === undefined ? undefined : segmentReferences(draft.filter).find((ref) => ref.id === segmentId);
  const issues = error.issues.map((issue) => ({
    ...issue,
    path:
      reference === undefined
        ? ['filter', ...issue.path]
        : (['filter', ...reference.path, 'segment'] as NodePath),
  }));
  return new RapportError('INVALID_FILTER', error.message, { issues, details: error.details, cause: error });
}

/**
 * Checks a segment's filter before it is saved: present for dynamic and snapshot segments, absent for
 * static ones (VALIDATION_FAILED at `filter`); every field, operator, value, relation and named segment
 * valid for the entity in the tenant's current schema, and no chain of segments leading back to this one
 * (INVALID_FILTER, its issue at the offending node under `filter`). Returns the resolved condition (none
 * for a static segment).
 *
 * @example
 * ```ts
 * await checkSegmentFilter(tx, tenantId, now, { id, name, entity: 'person', kind: 'dynamic', filter });
 * ```
 */
export async function checkSegmentFilter(
  reader: StorageReader,
  tenantId: string,
  now: Date,
  draft: SegmentDraft,
): Promise<Condition | undefined> {
  checkPresence(draft);
  if (draft.filter === null) return undefined;
  const segments = await loadSegmentsNamedBy(reader, tenantId, [draft.filter]);
  // The segment as it will be, so chains through its new filter are seen.
  const existing = segments.get(draft.id);
  if (existing !== undefined) segments.set(draft.id, { ...existing, filter: draft.filter });
  try {
    refuseCycles(draft, segments);
    const data = await loadTenantFilterData(reader, tenantId, [draft.filter, ...filtersOf(segments)]);
    return resolveFilter(draft.filter, tenantFilterContext(draft.entity, now, data, segments));
  } catch (error) {
    if (isRapportError(error, 'INVALID_FILTER')) throw underFilter(error, draft);
    throw error;
  }
}
