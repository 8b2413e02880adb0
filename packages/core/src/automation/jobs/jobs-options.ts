import { RapportError } from '../../errors/rapport-error';

/** How the job queue retries, leases and cuts off chains. Every field has a default. */
export interface JobsOptions {
  /** Claims of a job before it goes dead (default 5). */
  readonly maxAttempts?: number;
  /** The delay before the first retry, doubled for each further one (default 30 seconds). */
  readonly backoffMs?: number;
  /** The longest delay between retries (default 1 hour). */
  readonly maxBackoffMs?: number;
  /**
   * How long a claim holds a job (default 5 minutes): a worker that crashed mid-job leaves it to be
   * claimed again once the lease ends. Make it longer than the slowest job.
   */
  readonly leaseMs?: number;
  /**
   * The deepest chain of rules triggering each other (default 5): a job that would run deeper is stored
   * dead with `stopReason: 'chainDepth'` instead of running.
   */
  readonly maxChainDepth?: number;
}

/** The options with every default filled in. */
export type ResolvedJobsOptions = Required<JobsOptions>;

const defaults: ResolvedJobsOptions = {
  maxAttempts: 5,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  leaseMs: 300_000,
  maxChainDepth: 5,
};

/**
 * Fills in defaults and refuses values that cannot work with MISUSE (a developer's mistake).
 *
 * @example
 * ```ts
 * resolveJobsOptions({ maxAttempts: 3 }).backoffMs; // 30000
 * ```
 */
export function resolveJobsOptions(options: JobsOptions = {}): ResolvedJobsOptions {
  // An option given as undefined keeps its default, as one left out does.
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  const resolved: ResolvedJobsOptions = { ...defaults, ...Object.fromEntries(given) };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < (name === 'backoffMs' || name === 'maxBackoffMs' ? 0 : 1))
      throw new RapportError(
        'MISUSE',
        `automation jobs option ${name} must be a positive integer, not ${value}`,
      );
  }
  return resolved;
}
