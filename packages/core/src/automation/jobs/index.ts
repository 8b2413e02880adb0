/** The automation job queue: durable jobs, claims without overlap, retries, dead letters, loop protection. */

export type { ClaimDueJobsArgs } from './claim-jobs';
export { claimDueJobs } from './claim-jobs';
export { listDeadJobs, retryDeadJob } from './dead-jobs';
export type { EnqueueResult } from './enqueue-jobs';
export { enqueueJobs } from './enqueue-jobs';
export type { Job, JobInput, JobStatus, JobStopReason } from './job';
export { automationJobsMigration, jobsTable, jobsTableName } from './job-table';
export type { AutomationJobsSeams } from './jobs-api';
export { AutomationJobsApi } from './jobs-api';
export type { JobsOptions, ResolvedJobsOptions } from './jobs-options';
export { resolveJobsOptions } from './jobs-options';
export { loadJobRule } from './load-job-rule';
export type { JobRunner, RunDueArgs, RunDueResult } from './run-due';
export { runDue } from './run-due';
export type { JobRunResult, RunJobArgs } from './run-job';
export { automationActor, runJob } from './run-job';
export type { StartWorkerOptions, Worker } from './start-worker';
export { startWorker } from './start-worker';
