import { RapportError } from '../../errors/rapport-error';
import { uuidv7 } from '../../ids/uuidv7';
import type { CrmRuntime } from '../../records/runtime';
import type { ExecuteAction } from '../actions/execute-action';
import type { Rule } from '../rule';
import { claimDueJobs } from './claim-jobs';
import type { ResolvedJobsOptions } from './jobs-options';
import type { JobRunResult } from './run-job';
import { runJob } from './run-job';

/** Arguments of `runDue`. */
export interface RunDueArgs {
  /** The instant to run at; the CRM clock when absent. */
  readonly now?: Date;
  /** At most this many jobs are claimed (default 50). */
  readonly limit?: number;
  /** Who claims; a new id per call when absent. Give each worker its own. */
  readonly workerId?: string;
}

/** What one `runDue` did: the jobs it claimed and how each run ended. */
export interface RunDueResult {
  readonly claimed: number;
  readonly results: readonly { readonly jobId: string; readonly result: JobRunResult }[];
}

/** What runs jobs: the runtime, the tenant, the resolved options, the action executor and the rule loader. */
export interface JobRunner {
  readonly runtime: CrmRuntime;
  readonly tenantId: string;
  readonly options: ResolvedJobsOptions;
  readonly execute: ExecuteAction;
  /** The rule a job runs, as stored now (`loadJobRule` over the rules table). */
  readonly loadRule: (ruleId: string) => Promise<Rule | undefined>;
}

const defaultLimit = 50;

/**
 * Claims the tenant's due jobs (at most `limit`) and runs them one after another. Safe to call from many
 * workers at once: a job is claimed by one of them only. Call it outside any transaction.
 *
 * @example
 * ```ts
 * const { results } = await runDue(runner, { now: new Date('2026-03-01T09:00:00Z'), limit: 10 });
 * ```
 */
export async function runDue(runner: JobRunner, args: RunDueArgs = {}): Promise<RunDueResult> {
  const now = args.now ?? runner.runtime.now();
  const limit = args.limit ?? defaultLimit;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new RapportError('MISUSE', 'runDue({ now }) takes a valid Date');
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new RapportError('MISUSE', `runDue({ limit }) takes a positive integer, not ${String(limit)}`);
  const jobs = await claimDueJobs(runner.runtime.storage, {
    tenantId: runner.tenantId,
    now,
    limit,
    workerId: args.workerId ?? `worker-${uuidv7()}`,
    leaseMs: runner.options.leaseMs,
  });
  const results: { jobId: string; result: JobRunResult }[] = [];
  for (const job of jobs) {
    results.push({ jobId: job.id, result: await runJob({ ...runner, job, now }) });
  }
  return { claimed: jobs.length, results };
}
