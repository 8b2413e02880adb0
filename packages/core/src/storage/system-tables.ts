import type { TableDef } from './schema';

const col = (name: string, type: TableDef['columns'][number]['type'], nullable = false) => ({
  name,
  type,
  nullable,
});

/** Per-tenant settings: one row per tenant, id `settings`. */
export const settingsTable: TableDef = {
  name: 'settings',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('time_zone', 'text'),
    col('default_currency', 'text'),
    col('default_country', 'text', true),
    col('fiscal_year_start_month', 'integer'),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/** Custom field definitions, per tenant and entity. */
export const customFieldsTable: TableDef = {
  name: 'custom_fields',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('entity', 'text'),
    col('key', 'text'),
    col('label', 'text'),
    col('description', 'text', true),
    col('type', 'text'),
    col('required', 'boolean'),
    col('is_unique', 'boolean'),
    col('default_value', 'json', true),
    col('bounds', 'json'),
    col('pattern', 'text', true),
    col('options', 'json'),
    col('relation_entity', 'text', true),
    col('scale', 'integer', true),
    col('position', 'integer'),
    col('archived_at', 'timestamp', true),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'custom_fields_entity_key_unique', columns: ['tenant_id', 'entity', 'key'], unique: true },
  ],
  foreignKeys: [],
};

/**
 * Values of unique custom fields. Its primary key makes the database refuse a second record with the same
 * value, so uniqueness holds under concurrent writers without a lock.
 */
export const uniqueValuesTable: TableDef = {
  name: 'unique_values',
  columns: [
    col('tenant_id', 'text'),
    col('entity', 'text'),
    col('field', 'text'),
    col('value', 'text'),
    col('record_id', 'text'),
  ],
  primaryKey: ['tenant_id', 'entity', 'field', 'value'],
  indexes: [{ name: 'unique_values_record_idx', columns: ['tenant_id', 'record_id'], unique: false }],
  foreignKeys: [],
};

/** The audit trail: who changed what, when, with the values before and after. Append-only. */
export const auditLogTable: TableDef = {
  name: 'audit_log',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('at', 'timestamp'),
    col('actor_id', 'text'),
    col('actor_kind', 'text'),
    col('entity', 'text'),
    col('record_id', 'text'),
    col('action', 'text'),
    col('record_version', 'integer'),
    col('changes', 'json'),
    col('reason', 'text', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'audit_log_record_idx', columns: ['tenant_id', 'record_id'], unique: false }],
  foreignKeys: [],
};

/**
 * The outbox: one event per change, written in the same transaction as the change, so consumers (rules,
 * webhooks) never miss an event on a crash.
 */
export const outboxTable: TableDef = {
  name: 'outbox',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('at', 'timestamp'),
    col('type', 'text'),
    col('entity', 'text'),
    col('record_id', 'text'),
    col('actor_id', 'text'),
    col('payload', 'json'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};
