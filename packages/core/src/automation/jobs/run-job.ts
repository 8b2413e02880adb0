import { RapportError } from '../../errors/rapport-error';
import type { CrmContext } from '../../records/context';
import type { CrmRuntime } from '../../records/runtime';
import type { Row } from '../../storage/schema';
import type { ActionOutcome, ExecuteAction } from '../actions/execute-action';
import type { Rule } from '../rule';
import { backoffDelay } from './backoff';
import type { Job, JobStatus } from './job';
import { jobsTableName } from './job-table';
import type { ResolvedJobsOptions } from './jobs-options';
import type { JobPosition } from './next-action';
import { continueWith, nextAction } from './next-action';

/** How one run of a claimed job ended. */
export type JobRunResult =
  /** Every action ran. */
  | 'done'
  /** A wait action: the job is pending again until the wait ends. */
  | 'waiting'
  /** An action failed: the job is pending again after its backoff. */
  | 'retrying'
  /** An action failed on the last attempt, or the rule is gone: the job is dead with the error. */
  | 'dead'
  /** The lease ended and another worker claimed the job: this worker stopped touching it. */
  | 'lost';

/** Arguments of {@link runJob}. */
export interface RunJobArgs {
  readonly runtime: CrmRuntime;
  readonly tenantId: string;
  /** A job this worker claimed (status running, this worker's version). */
  readonly job: Job;
  readonly now: Date;
  readonly options: ResolvedJobsOptions;
  readonly execute: ExecuteAction;
  readonly loadRule: (ruleId: string) => Promise<Rule | undefined>;
}

/** The actor every automation write is made as; the audit reason names the rule. */
export const automationActor = { id: 'automation', kind: 'system' } as const;

/**
 * Runs a claimed job's actions from where it stands until it ends, waits or fails, and records its
 * progress after every action, so a retry resumes at the action that failed and never repeats one that
 * completed. Each action's idempotency key is `<job key>:<n>` for the job's n-th action, the same on every
 * retry, so an action that completed but whose progress was not recorded (a crash in between) is skipped by
 * the action itself (see `executeAction`). Progress is written only while the job still has the version
 * this worker's claim gave it: a worker whose lease ran out and whose job another worker took stops there.
 *
 * @example
 * ```ts
 * for (const job of await claimDueJobs(storage, claimArgs)) await runJob({ runtime, tenantId, job, now, options, execute });
 * ```
 */
export async function runJob(args: RunJobArgs): Promise<JobRunResult> {
  const { runtime, tenantId, now } = args;
  let job = args.job;
  const rule = await args.loadRule(job.ruleId);
  if (rule === undefined || rule.archivedAt !== null) {
    const error = `The rule ${job.ruleId} ${rule === undefined ? 'no longer exists' : 'is archived'}`;
    return (await save(args, job, dead(error))) === undefined ? 'lost' : 'dead';
  }
  const context: CrmContext = { tenantId, actor: automationActor, chainDepth: job.chainDepth };
  for (;;) {
    const next = nextAction(job, rule.actions);
    if (next === undefined) return (await save(args, job, finished('done'))) === undefined ? 'lost' : 'done';
    let outcome: ActionOutcome;
    try {
      outcome = await args.execute({
        runtime,
        context,
        rule,
        action: next.action,
        record: recordOf(job, rule),
        event: job.event,
        idempotencyKey: `${job.idempotencyKey}:${job.actionsDone}`,
        at: now,
      });
    } catch (error) {
      return failed(args, job, error);
    }
    const after: JobPosition =
      outcome.kind === 'continue' ? continueWith(next.after, outcome.actions) : next.after;
    const progress: Row = {
      step: after.step,
      pending_actions: after.pendingActions,
      actions_done: job.actionsDone + 1,
    };
    if (outcome.kind === 'wait') {
      // A wait is progress, not a failure: the attempts start over when the job wakes.
      const woken = { ...progress, ...finished('pending'), run_at: outcome.until, attempts: 0 };
      return (await save(args, job, woken)) === undefined ? 'lost' : 'waiting';
    }
    const saved = await save(args, job, progress);
    if (saved === undefined) return 'lost';
    job = saved;
  }
}

function recordOf(job: Job, rule: Rule) {
  if (job.entity === null || job.recordId === null)
    throw new RapportError(
      'MISUSE',
      `The rule "${rule.name}" ran without a record, and its actions need one`,
    );
  return { entity: job.entity, id: job.recordId };
}

/** The columns of a job that leaves the worker's hands. */
function finished(status: JobStatus): Row {
  return { status, claimed_by: null, claimed_until: null };
}

function dead(error: string): Row {
  return { ...finished('dead'), last_error: error, stop_reason: 'failed' };
}

function messageOf(error: unknown): string {
  if (error instanceof Error)
    return isRapportErrorLike(error) ? `${error.code}: ${error.message}` : error.message;
  return String(error);
}

function isRapportErrorLike(error: Error): error is Error & { code: string } {
  return typeof (error as { code?: unknown }).code === 'string';
}

/** A failed action: retry after the backoff, or dead after the last attempt. */
async function failed(args: RunJobArgs, job: Job, error: unknown): Promise<JobRunResult> {
  const message = messageOf(error);
  if (job.attempts >= args.options.maxAttempts)
    return (await save(args, job, dead(message))) === undefined ? 'lost' : 'dead';
  const runAt = new Date(args.now.getTime() + backoffDelay(job.attempts, args.options)).toISOString();
  const retry = { ...finished('pending'), run_at: runAt, last_error: message };
  return (await save(args, job, retry)) === undefined ? 'lost' : 'retrying';
}

/**
 * Writes `values` to the job if it still has the version this worker last gave it; returns the job as
 * written, or undefined when another worker has claimed it since.
 */
async function save(args: RunJobArgs, job: Job, values: Row): Promise<Job | undefined> {
  const at = args.now.toISOString();
  const changed = await args.runtime.storage.transaction((tx) =>
    tx.update({
      table: jobsTableName,
      tenantId: args.tenantId,
      id: job.id,
      expectedVersion: job.version,
      values: { ...values, version: job.version + 1, updated_at: at },
    }),
  );
  if (changed === 0) return undefined;
  return {
    ...job,
    version: job.version + 1,
    updatedAt: at,
    step: (values.step as number | undefined) ?? job.step,
    pendingActions: (values.pending_actions as Job['pendingActions'] | undefined) ?? job.pendingActions,
    actionsDone: (values.actions_done as number | undefined) ?? job.actionsDone,
  };
}
