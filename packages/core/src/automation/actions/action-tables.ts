import type { ColumnDef, TableDef } from '../../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** The name of the table of coupons automation issued. */
export const couponsTableName = 'coupons';

/** The name of the table of outside effects (messages, coupons, webhooks) recorded by idempotency key. */
export const effectsTableName = 'automation_effects';

/**
 * Coupons: one row per coupon, its code unique per tenant, so two rules can never hand out one code.
 */
export const couponsTable: TableDef = {
  name: couponsTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('code', 'text'),
    col('rule_id', 'text'),
    col('entity', 'text'),
    col('record_id', 'text'),
    col('percent_off', 'real', true),
    col('amount_off', 'integer', true),
    col('valid_until', 'timestamp'),
    col('created_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'coupons_code_unique', columns: ['tenant_id', 'code'], unique: true },
    { name: 'coupons_record_idx', columns: ['tenant_id', 'entity', 'record_id'], unique: false },
  ],
  foreignKeys: [],
};

/**
 * Outside effects of actions, keyed by the job's idempotency key (the row's id): a message sent, a coupon
 * issued, a webhook called. The row is written and committed before the host is called, so a retried job
 * finds it and does not call the host again.
 */
export const effectsTable: TableDef = {
  name: effectsTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('kind', 'text'),
    col('rule_id', 'text'),
    col('entity', 'text'),
    col('record_id', 'text'),
    // `pending` while the host is being called, `done` once it returned.
    col('status', 'text'),
    col('detail', 'json', true),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'automation_effects_record_idx', columns: ['tenant_id', 'entity', 'record_id'], unique: false },
  ],
  foreignKeys: [],
};
