import { RapportError } from '../../errors/rapport-error';
import type { CrmRuntime } from '../../records/runtime';
import type { Job } from './job';
import { jobsTableName, rowToJob } from './job-table';

/**
 * The tenant's dead jobs, most recently updated first: jobs whose actions failed `maxAttempts` times and
 * jobs stopped by the chain depth limit, each with its error in `lastError`.
 *
 * @example
 * ```ts
 * for (const job of await listDeadJobs(runtime, tenantId)) console.log(job.ruleId, job.lastError);
 * ```
 */
export async function listDeadJobs(runtime: CrmRuntime, tenantId: string, limit = 100): Promise<Job[]> {
  const rows = await runtime.storage.findMany({
    table: jobsTableName,
    tenantId,
    where: {
      kind: 'compare',
      field: { operand: { kind: 'column', column: 'status' }, type: 'text' },
      op: 'eq',
      value: 'dead',
      caseInsensitive: false,
    },
    orderBy: [
      { field: { operand: { kind: 'column', column: 'updated_at' }, type: 'timestamp' }, direction: 'desc' },
      { field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'desc' },
    ],
    limit,
  });
  return rows.map(rowToJob);
}

/**
 * Puts a dead job back in the queue, due now, with its attempts starting over; it resumes at the action
 * that failed (actions that completed do not run again). NOT_FOUND for an unknown job; INVALID_TRANSITION
 * for a job that is not dead.
 *
 * @example
 * ```ts
 * const job = await retryDeadJob(runtime, tenantId, jobId); // job.status === 'pending'
 * ```
 */
export async function retryDeadJob(runtime: CrmRuntime, tenantId: string, jobId: string): Promise<Job> {
  const at = runtime.now().toISOString();
  return runtime.storage.transaction(async (tx) => {
    const row = await tx.findById({ table: jobsTableName, tenantId, id: jobId });
    if (row === undefined)
      throw new RapportError('NOT_FOUND', `No automation job ${jobId}`, { details: { jobId } });
    const job = rowToJob(row);
    if (job.status !== 'dead')
      throw new RapportError(
        'INVALID_TRANSITION',
        `Only a dead job can be retried; this one is ${job.status}`,
        {
          details: { jobId, status: job.status },
        },
      );
    const values = {
      status: 'pending',
      run_at: at,
      attempts: 0,
      stop_reason: null,
      claimed_by: null,
      claimed_until: null,
      version: job.version + 1,
      updated_at: at,
    };
    // The row was read in this transaction; its version guards against a concurrent retry.
    const changed = await tx.update({
      table: jobsTableName,
      tenantId,
      id: jobId,
      expectedVersion: job.version,
      values,
    });
    if (changed === 0)
      throw new RapportError('VERSION_CONFLICT', `The automation job ${jobId} changed meanwhile`, {
        details: { jobId },
      });
    return rowToJob({ ...row, ...values });
  });
}
