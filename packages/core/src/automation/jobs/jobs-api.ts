import type { CrmContext } from '../../records/context';
import type { CrmRuntime } from '../../records/runtime';
import type { ExecuteAction } from '../actions/execute-action';
import { executeAction } from '../actions/execute-action';
import type { Rule } from '../rule';
import { listDeadJobs, retryDeadJob } from './dead-jobs';
import type { Job } from './job';
import { jobsTableName, rowToJob } from './job-table';
import type { JobsOptions } from './jobs-options';
import { resolveJobsOptions } from './jobs-options';
import { loadJobRule } from './load-job-rule';
import type { JobRunner, RunDueArgs, RunDueResult } from './run-due';
import { runDue } from './run-due';
import type { StartWorkerOptions, Worker } from './start-worker';
import { startWorker } from './start-worker';

/** Seams of {@link AutomationJobsApi}, for hosts that run actions differently and for tests. */
export interface AutomationJobsSeams {
  readonly execute?: ExecuteAction;
  readonly loadRule?: (ruleId: string) => Promise<Rule | undefined>;
}

/**
 * The job queue of one tenant: run due jobs, run a worker, see and retry dead jobs. Jobs run as the
 * system actor `automation`, whatever the session's actor; their writes name the rule in the audit log.
 *
 * @example
 * ```ts
 * const jobs = new AutomationJobsApi(runtime, context, { maxAttempts: 3 });
 * await jobs.runDue({ now: new Date(), limit: 20 });
 * const dead = await jobs.listDead();
 * if (dead[0] !== undefined) await jobs.retry(dead[0].id);
 * ```
 */
export class AutomationJobsApi {
  readonly #runner: JobRunner;

  constructor(
    runtime: CrmRuntime,
    context: CrmContext,
    options: JobsOptions = {},
    seams: AutomationJobsSeams = {},
  ) {
    this.#runner = {
      runtime,
      tenantId: context.tenantId,
      options: resolveJobsOptions(options),
      execute: seams.execute ?? executeAction,
      loadRule: seams.loadRule ?? ((ruleId) => loadJobRule(runtime.storage, context.tenantId, ruleId)),
    };
  }

  /** Claims and runs the due jobs: see `runDue`. */
  runDue(args: RunDueArgs = {}): Promise<RunDueResult> {
    return runDue(this.#runner, args);
  }

  /** Starts a worker that runs due jobs every `intervalMs`; `stop()` ends it. */
  startWorker(options: StartWorkerOptions): Worker {
    return startWorker(this.#runner, options);
  }

  /** Dead jobs with their errors, most recent first. */
  listDead(options: { readonly limit?: number } = {}): Promise<Job[]> {
    return listDeadJobs(this.#runner.runtime, this.#runner.tenantId, options.limit);
  }

  /** Queues a dead job again, due now; it resumes at the action that failed. */
  retry(jobId: string): Promise<Job> {
    return retryDeadJob(this.#runner.runtime, this.#runner.tenantId, jobId);
  }

  /** One job by id, or undefined. */
  async get(jobId: string): Promise<Job | undefined> {
    const row = await this.#runner.runtime.storage.findById({
      table: jobsTableName,
      tenantId: this.#runner.tenantId,
      id: jobId,
    });
    return row === undefined ? undefined : rowToJob(row);
  }
}
