import type { EntityName } from '../../entities/entity-name';
import type { ColumnDef, Migration, Row, TableDef } from '../../storage/schema';
import type { AutomationEventRef } from '../actions/execute-action';
import type { RuleAction } from '../rule';
import type { Job, JobStatus, JobStopReason } from './job';

const col = (name: string, type: ColumnDef['type'], nullable = false): ColumnDef => ({
  name,
  type,
  nullable,
});

/** The name of the job table. */
export const jobsTableName = 'automation_jobs';

/**
 * The durable job queue: one row per run of a rule for a record. `(tenant_id, status, run_at)` serves the
 * claim of due jobs; the idempotency key is unique per tenant, so a replayed trigger queues nothing.
 */
export const jobsTable: TableDef = {
  name: jobsTableName,
  columns: [
    col('tenant_id', 'text'),
    col('id', 'text'),
    col('version', 'integer'),
    col('rule_id', 'text'),
    col('entity', 'text', true),
    col('record_id', 'text', true),
    col('event', 'json'),
    col('step', 'integer'),
    col('pending_actions', 'json'),
    col('actions_done', 'integer'),
    col('status', 'text'),
    col('run_at', 'timestamp'),
    col('attempts', 'integer'),
    col('last_error', 'text', true),
    col('stop_reason', 'text', true),
    col('idempotency_key', 'text'),
    col('chain_depth', 'integer'),
    col('claimed_by', 'text', true),
    col('claimed_until', 'timestamp', true),
    col('created_at', 'timestamp'),
    col('updated_at', 'timestamp'),
  ],
  primaryKey: ['tenant_id', 'id'],
  indexes: [
    { name: 'automation_jobs_key_unique', columns: ['tenant_id', 'idempotency_key'], unique: true },
    { name: 'automation_jobs_due_idx', columns: ['tenant_id', 'status', 'run_at'], unique: false },
    { name: 'automation_jobs_rule_idx', columns: ['tenant_id', 'rule_id'], unique: false },
  ],
  foreignKeys: [],
};

/** Migration 12: the automation job queue. */
export const automationJobsMigration: Migration = {
  version: 12,
  name: 'automation jobs',
  steps: [{ kind: 'createTable', table: jobsTable }],
};

/** A job as stored. */
export function jobToRow(tenantId: string, job: Job): Row {
  return {
    tenant_id: tenantId,
    id: job.id,
    version: job.version,
    rule_id: job.ruleId,
    entity: job.entity,
    record_id: job.recordId,
    event: job.event,
    step: job.step,
    pending_actions: job.pendingActions,
    actions_done: job.actionsDone,
    status: job.status,
    run_at: job.runAt,
    attempts: job.attempts,
    last_error: job.lastError,
    stop_reason: job.stopReason,
    idempotency_key: job.idempotencyKey,
    chain_depth: job.chainDepth,
    claimed_by: job.claimedBy,
    claimed_until: job.claimedUntil,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}

/** A stored row as a job. */
export function rowToJob(row: Row): Job {
  return {
    id: row.id as string,
    version: row.version as number,
    ruleId: row.rule_id as string,
    entity: row.entity as EntityName | null,
    recordId: row.record_id as string | null,
    event: row.event as AutomationEventRef,
    step: row.step as number,
    pendingActions: row.pending_actions as RuleAction[],
    actionsDone: row.actions_done as number,
    status: row.status as JobStatus,
    runAt: row.run_at as string,
    attempts: row.attempts as number,
    lastError: row.last_error as string | null,
    stopReason: row.stop_reason as JobStopReason | null,
    idempotencyKey: row.idempotency_key as string,
    chainDepth: row.chain_depth as number,
    claimedBy: row.claimed_by as string | null,
    claimedUntil: row.claimed_until as string | null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}
