import type { ResolvedJobsOptions } from './jobs-options';

/**
 * The delay before retrying a job that failed its `attempts`-th claim: `backoffMs` doubled for each
 * attempt after the first, at most `maxBackoffMs`.
 *
 * @example
 * ```ts
 * backoffDelay(3, { backoffMs: 1000, maxBackoffMs: 60_000 }); // 4000
 * ```
 */
export function backoffDelay(
  attempts: number,
  options: Pick<ResolvedJobsOptions, 'backoffMs' | 'maxBackoffMs'>,
): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 31 already exceeds any sensible maximum; capping the exponent keeps the number finite.
  return Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.min(exponent, 31));
}
