import type { ColumnDef, TableDef } from '../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** Each tenant's matching rules: one row (id `duplicate-rules`) once the tenant configures them. */
export const duplicateRulesTable: TableDef = {
  name: 'duplicate_rules',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('rules', 'json'),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/**
 * The match keys of every live person and company (`email:ann@a.com`, `phone:+4930…`, `domain:acme.com`,
 * `name:lee|a`), kept by the write path in the same transaction as the record. Its primary key serves the
 * lookup "which records have one of these keys"; the record index serves replacing a record's keys.
 */
export const duplicateKeysTable: TableDef = {
  name: 'duplicate_keys',
  columns: [
    col('tenant_id', 'text'),
    col('entity', 'text'),
    col('match_key', 'text'),
    col('record_id', 'text'),
  ],
  primaryKey: ['tenant_id', 'entity', 'match_key', 'record_id'],
  indexes: [{ name: 'duplicate_keys_record_idx', columns: ['tenant_id', 'record_id'], unique: false }],
  foreignKeys: [],
};

/**
 * One row per merge: who won and lost, the survivorship asked for, and everything undo needs (every
 * changed record as it was before and the version the merge left it at; the static segment rows moved).
 */
export const duplicateMergesTable: TableDef = {
  name: 'duplicate_merges',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('entity', 'text'),
    col('winner_id', 'text'),
    col('loser_ids', 'json'),
    col('survivorship', 'json'),
    col('losers', 'text'),
    col('records', 'json'),
    col('members', 'json'),
    col('status', 'text'),
    col('merged_at', 'timestamp'),
    col('merged_by', 'text'),
    col('undone_at', 'timestamp', true),
    col('undone_by', 'text', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'duplicate_merges_winner_idx', columns: ['tenant_id', 'winner_id'], unique: false }],
  foreignKeys: [],
};
