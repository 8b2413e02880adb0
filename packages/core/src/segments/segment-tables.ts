import type { ColumnDef, TableDef } from '../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** Saved segments: one row per segment, its filter as JSON. */
export const segmentsTable: TableDef = {
  name: 'segments',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('entity', 'text'),
    col('kind', 'text'),
    col('name', 'text'),
    col('description', 'text', true),
    col('filter', 'json', true),
    col('refreshed_at', 'timestamp', true),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
    col('created_by', 'text', true),
    col('updated_by', 'text', true),
    col('archived_at', 'timestamp', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  // Also serves the write path's read of a tenant's segments of one entity.
  indexes: [{ name: 'segments_entity_name_unique', columns: ['tenant_id', 'entity', 'name'], unique: true }],
  foreignKeys: [],
};

/**
 * The members of static and snapshot segments. Its primary key serves "is this record in segment X" (the
 * condition `{ segment: id }` compiles to), the record index "which lists is this record in".
 */
export const segmentMembersTable: TableDef = {
  name: 'segment_members',
  columns: [
    col('tenant_id', 'text'),
    col('segment_id', 'text'),
    col('record_id', 'text'),
    col('added_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'segment_id', 'record_id'],
  indexes: [{ name: 'segment_members_record_idx', columns: ['tenant_id', 'record_id'], unique: false }],
  foreignKeys: [
    {
      name: 'segment_members_segment_id_fk',
      columns: ['tenant_id', 'segment_id'],
      references: { table: 'segments', columns: ['tenant_id', 'id'] },
    },
  ],
};

/**
 * One row per tenant (id `segments`) whose `version` grows with every change of the tenant's segments, in
 * the same transaction: the write path reads this one row to know whether the segments it compiled are
 * still current, instead of reading every segment on every write.
 */
export const segmentRevisionsTable: TableDef = {
  name: 'segment_revisions',
  columns: [col('tenant_id', 'text'), col('id', 'text'), col('version', 'integer')],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};
