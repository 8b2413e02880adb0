import type { EntityName } from '../entities/entity-name';
import { RapportError } from '../errors/rapport-error';
import type { Filter } from '../filter/filter-types';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';
import type { Segment, SegmentKind } from './segment';

/** The table saved segments live in. */
export const segmentsTableName = 'segments';

/** A segment as stored in `segments`. */
export function segmentToRow(tenantId: string, segment: Segment): Row {
  return {
    tenant_id: tenantId,
    id: segment.id,
    version: segment.version,
    entity: segment.entity,
    kind: segment.kind,
    name: segment.name,
    description: segment.description,
    filter: segment.filter,
    refreshed_at: segment.refreshedAt,
    created_at: segment.createdAt,
    updated_at: segment.updatedAt,
    created_by: segment.createdBy,
    updated_by: segment.updatedBy,
    archived_at: segment.archivedAt,
  };
}

/** A stored row of `segments` as a segment. */
export function rowToSegment(row: Row): Segment {
  return {
    id: row.id as string,
    version: row.version as number,
    entity: row.entity as EntityName,
    kind: row.kind as SegmentKind,
    name: row.name as string,
    description: row.description as string | null,
    filter: (row.filter ?? null) as Filter | null,
    refreshedAt: row.refreshed_at as string | null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    createdBy: row.created_by as string | null,
    updatedBy: row.updated_by as string | null,
    archivedAt: row.archived_at as string | null,
  };
}

/** NOT_FOUND for a segment id the tenant does not have. */
export function segmentNotFound(id: unknown): RapportError {
  return new RapportError('NOT_FOUND', `No segment with id ${String(id)}`, {
    details: { entity: 'segment', id },
  });
}

/** One segment of a tenant, archived or not; NOT_FOUND when there is none with the id. */
export async function loadSegment(reader: StorageReader, tenantId: string, id: unknown): Promise<Segment> {
  const row =
    typeof id === 'string' && id.length > 0 && id.length <= 255
      ? await reader.findById({ table: segmentsTableName, tenantId, id })
      : undefined;
  if (row === undefined) throw segmentNotFound(id);
  return rowToSegment(row);
}

/** The segments of a tenant that match `where`, by name then id. */
export async function loadSegments(
  reader: StorageReader,
  tenantId: string,
  where: Condition | undefined,
): Promise<Segment[]> {
  const rows = await reader.findMany({
    table: segmentsTableName,
    tenantId,
    ...(where === undefined ? {} : { where }),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'name' }, type: 'text' }, direction: 'asc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
    ],
  });
  return rows.map(rowToSegment);
}
