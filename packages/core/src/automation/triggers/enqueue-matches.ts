import type { CrmContext } from '../../records/context';
import type { StorageWriter } from '../../storage/adapter';
import { enqueueJobs } from '../jobs/enqueue-jobs';
import type { JobInput } from '../jobs/job';
import type { JobsOptions } from '../jobs/jobs-options';
import type { TriggerMatch } from './trigger-match';
import { idempotencyKey } from './trigger-match';

/**
 * Puts one job per admitted match on the job queue, inside the caller's transaction, and returns the
 * idempotency keys of the jobs it added: a match whose key (see `idempotencyKey`) is already queued adds
 * nothing.
 */
export type EnqueueMatches = (
  tx: StorageWriter,
  context: CrmContext,
  matches: readonly TriggerMatch[],
  at: string,
) => Promise<readonly string[]>;

/** The job a match becomes: the rule, the record, what started it, its key and the event's chain depth. */
export function jobInput(match: TriggerMatch): JobInput {
  const type = typeof match.payload.type === 'string' ? match.payload.type : match.rule.trigger.kind;
  return {
    ruleId: match.rule.id,
    entity: match.entity,
    recordId: match.recordId,
    event: { id: match.source, type, payload: match.payload },
    idempotencyKey: idempotencyKey(match),
    eventChainDepth: match.chainDepth,
  };
}

/**
 * Enqueues matches through the job queue (`enqueueJobs`), with the queue's options (the chain depth
 * limit). The keys of the jobs stored, pending or stopped at the chain limit; none on a replay.
 *
 * @example
 * ```ts
 * const enqueue = enqueueThroughJobs({ maxChainDepth: 3 });
 * await enqueue(tx, context, matches, now.toISOString());
 * ```
 */
export function enqueueThroughJobs(options: JobsOptions = {}): EnqueueMatches {
  return async (tx, context, matches, at) => {
    const result = await enqueueJobs(tx, context, matches.map(jobInput), { ...options, at });
    return [...result.queued, ...result.stopped].map((job) => job.idempotencyKey);
  };
}
