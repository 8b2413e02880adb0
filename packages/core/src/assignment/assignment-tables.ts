import type { ColumnDef, TableDef } from '../storage/schema';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** A tenant's assignment rules: one row per rule, its condition and settings as JSON. */
export const assignmentRulesTable: TableDef = {
  name: 'assignment_rules',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('name', 'text'),
    col('entity', 'text'),
    col('priority', 'integer'),
    col('condition', 'json', true),
    col('strategy', 'text'),
    col('weights', 'json', true),
    col('pool', 'json'),
    col('match', 'json'),
    col('capacity', 'json', true),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
    col('created_by', 'text', true),
    col('updated_by', 'text', true),
    col('archived_at', 'timestamp', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'assignment_rules_entity_idx', columns: ['tenant_id', 'entity'], unique: false }],
  foreignKeys: [],
};

/**
 * One row per tenant (id `assignment`): every assignment writes it first, which makes concurrent
 * assignments of a tenant take their turns one after the other (a row lock on Postgres, the single writer
 * elsewhere), and counts them in `sequence`.
 */
export const assignmentStateTable: TableDef = {
  name: 'assignment_state',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('sequence', 'integer'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [],
  foreignKeys: [],
};

/**
 * Rotation state of each rule and member (id `<ruleId>:<memberId>`): the assignment sequence number of
 * the member's last record from the rule (round robin), the member's running credit (weighted), and how
 * many records the rule gave the member.
 */
export const assignmentTurnsTable: TableDef = {
  name: 'assignment_turns',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('rule_id', 'text'),
    col('member_id', 'text'),
    col('last_sequence', 'integer', true),
    col('credit', 'integer'),
    col('assigned', 'integer'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'assignment_turns_rule_idx', columns: ['tenant_id', 'rule_id'], unique: false }],
  foreignKeys: [
    {
      name: 'assignment_turns_rule_id_fk',
      columns: ['tenant_id', 'rule_id'],
      references: { table: 'assignment_rules', columns: ['tenant_id', 'id'] },
    },
  ],
};

/**
 * The decision log: one row per assignment decided, with the rule that assigned, the member, and the
 * explanation of every rule and member considered. Capacity counts a member's rows of the current period.
 */
export const assignmentDecisionsTable: TableDef = {
  name: 'assignment_decisions',
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('sequence', 'integer'),
    col('at', 'timestamp'),
    col('entity', 'text'),
    col('record_id', 'text'),
    col('outcome', 'text'),
    col('rule_id', 'text', true),
    col('member_id', 'text', true),
    col('previous_owner_id', 'text', true),
    col('reason', 'text'),
    col('explanation', 'json'),
    col('actor_id', 'text'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'assignment_decisions_record_idx', columns: ['tenant_id', 'record_id'], unique: false },
    {
      name: 'assignment_decisions_member_idx',
      columns: ['tenant_id', 'member_id', 'entity', 'at'],
      unique: false,
    },
    { name: 'assignment_decisions_rule_idx', columns: ['tenant_id', 'rule_id'], unique: false },
  ],
  foreignKeys: [],
};
