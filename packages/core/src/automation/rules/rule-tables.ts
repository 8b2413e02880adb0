import type { StorageReader } from '../../storage/adapter';
import type { Condition } from '../../storage/condition';
import type { ColumnDef, Migration, Row, TableDef } from '../../storage/schema';
import type { Rule } from '../rule';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** The name of the table of automation rules. */
export const rulesTableName = 'automation_rules';

/** The name of the table of enrollments: one row per rule and record that ever met the rule. */
export const enrollmentsTableName = 'automation_enrollments';

/**
 * Automation rules: one row per rule, its trigger, condition and actions as JSON. `trigger_kind` and
 * `entity` are columns of their own so the rules an event can meet are found without reading them all.
 */
export const rulesTable: TableDef = {
  name: rulesTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('name', 'text'),
    col('trigger_kind', 'text'),
    col('entity', 'text', true),
    col('trigger', 'json'),
    col('condition', 'json', true),
    col('actions', 'json'),
    col('reenroll', 'boolean'),
    col('active', 'boolean'),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
    col('archived_at', 'timestamp', true),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'automation_rules_name_unique', columns: ['tenant_id', 'name'], unique: true },
    { name: 'automation_rules_trigger_idx', columns: ['tenant_id', 'trigger_kind', 'entity'], unique: false },
  ],
  foreignKeys: [],
};

/**
 * Enrollment state: whether a record matched a rule when it was last looked at, so that a record enrolls
 * again only when it newly matches. The id is `<ruleId>:<recordId>`, so of two workers enrolling the same
 * record at once the database lets one insert win.
 */
export const enrollmentsTable: TableDef = {
  name: enrollmentsTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('rule_id', 'text'),
    col('record_id', 'text'),
    col('matching', 'boolean'),
    col('enrollments', 'integer'),
    col('enrolled_at', 'timestamp', true),
    col('checked_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [{ name: 'automation_enrollments_rule_idx', columns: ['tenant_id', 'rule_id'], unique: false }],
  foreignKeys: [
    {
      name: 'automation_enrollments_rule_fk',
      columns: ['tenant_id', 'rule_id'],
      references: { table: rulesTableName, columns: ['tenant_id', 'id'] },
    },
  ],
};

/** Migration 11: automation rules and their enrollment state. */
export const automationRulesMigration: Migration = {
  version: 11,
  name: 'automation rules',
  steps: [
    { kind: 'createTable', table: rulesTable },
    { kind: 'createTable', table: enrollmentsTable },
  ],
};

const notArchived: Condition = {
  kind: 'null',
  field: { operand: { kind: 'column', column: 'archived_at' }, type: 'timestamp' },
  negate: false,
};

/** A rule as stored, with the entity of its records (a segment trigger's is the segment's). */
export function ruleToRow(tenantId: string, rule: Rule, entity: string | null): Row {
  return {
    tenant_id: tenantId,
    id: rule.id,
    version: rule.version,
    name: rule.name,
    trigger_kind: rule.trigger.kind,
    entity,
    trigger: rule.trigger,
    condition: rule.condition,
    actions: rule.actions,
    reenroll: rule.reenroll,
    active: rule.active,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
    archived_at: rule.archivedAt,
  };
}

/** A stored row as a rule. */
export function rowToRule(row: Row): Rule {
  return {
    id: row.id as string,
    version: row.version as number,
    name: row.name as string,
    trigger: row.trigger as Rule['trigger'],
    condition: (row.condition ?? null) as Rule['condition'],
    actions: row.actions as Rule['actions'],
    reenroll: row.reenroll as boolean,
    active: row.active as boolean,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    archivedAt: (row.archived_at ?? null) as string | null,
  };
}

/**
 * The rules of a tenant, by name; archived ones only when asked.
 *
 * @example
 * ```ts
 * const live = await loadRules(tx, tenantId);
 * ```
 */
export async function loadRules(
  reader: StorageReader,
  tenantId: string,
  options: { readonly includeArchived?: boolean } = {},
): Promise<Rule[]> {
  const rows = await reader.findMany({
    table: rulesTableName,
    tenantId,
    ...(options.includeArchived ? {} : { where: notArchived }),
    orderBy: [
      { field: { operand: { kind: 'column', column: 'name' }, type: 'text' }, direction: 'asc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' },
    ],
  });
  return rows.map(rowToRule);
}
