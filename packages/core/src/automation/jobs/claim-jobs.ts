import type { StorageAdapter } from '../../storage/adapter';
import type { Condition, FieldRef } from '../../storage/condition';
import type { Job } from './job';
import { jobsTableName, rowToJob } from './job-table';

const column = (name: string, type: FieldRef['type']): FieldRef => ({
  operand: { kind: 'column', column: name },
  type,
});
const status = column('status', 'text');

/**
 * The jobs a worker may claim at `now`: pending and due, or running under a lease that has ended (its
 * worker crashed or hung).
 */
export function claimableAt(now: string): Condition {
  const is = (value: string): Condition => ({
    kind: 'compare',
    field: status,
    op: 'eq',
    value,
    caseInsensitive: false,
  });
  const atOrBefore = (name: string): Condition => ({
    kind: 'compare',
    field: column(name, 'timestamp'),
    op: 'lte',
    value: now,
    caseInsensitive: false,
  });
  return {
    kind: 'or',
    conditions: [
      { kind: 'and', conditions: [is('pending'), atOrBefore('run_at')] },
      { kind: 'and', conditions: [is('running'), atOrBefore('claimed_until')] },
    ],
  };
}

/** Arguments of {@link claimDueJobs}. */
export interface ClaimDueJobsArgs {
  readonly tenantId: string;
  readonly now: Date;
  readonly limit: number;
  /** Who claims: stored in `claimed_by`, and checked when the worker records progress. */
  readonly workerId: string;
  readonly leaseMs: number;
}

/**
 * Claims at most `limit` due jobs, oldest due first, for one worker: marks them running under a lease
 * of `leaseMs` and counts the attempt. Concurrent workers never claim the same job (the adapter's `claim`).
 *
 * @example
 * ```ts
 * const jobs = await claimDueJobs(storage, { tenantId, now, limit: 10, workerId, leaseMs: 300_000 });
 * ```
 */
export async function claimDueJobs(storage: StorageAdapter, args: ClaimDueJobsArgs): Promise<Job[]> {
  const now = args.now.toISOString();
  const rows = await storage.claim({
    table: jobsTableName,
    tenantId: args.tenantId,
    where: claimableAt(now),
    orderBy: [
      { field: column('run_at', 'timestamp'), direction: 'asc' },
      { field: column('id', 'text'), direction: 'asc' },
    ],
    limit: args.limit,
    set: {
      status: 'running',
      claimed_by: args.workerId,
      claimed_until: new Date(args.now.getTime() + args.leaseMs).toISOString(),
      updated_at: now,
    },
    // The version fences a worker whose lease ran out: its later progress writes find another version.
    increment: ['version', 'attempts'],
  });
  return rows.map(rowToJob);
}
