import { RapportError } from '../../errors/rapport-error';
import { uuidv7 } from '../../ids/uuidv7';
import type { StorageWriter } from '../../storage/adapter';
import type { Job, JobInput } from './job';
import { jobsTableName, jobToRow } from './job-table';
import type { JobsOptions } from './jobs-options';
import { resolveJobsOptions } from './jobs-options';

/** What `enqueueJobs` did. */
export interface EnqueueResult {
  /** The new jobs, pending. */
  readonly queued: readonly Job[];
  /** The jobs stored dead at once because their chain went past `maxChainDepth`. */
  readonly stopped: readonly Job[];
  /** How many inputs were skipped: their idempotency key was already queued (or given twice). */
  readonly skipped: number;
}

/** Keys are looked up a chunk at a time, so a large batch never binds thousands of parameters. */
const lookupChunk = 500;

async function existingKeys(
  tx: StorageWriter,
  tenantId: string,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += lookupChunk) {
    const rows = await tx.findMany({
      table: jobsTableName,
      tenantId,
      where: {
        kind: 'in',
        field: { operand: { kind: 'column', column: 'idempotency_key' }, type: 'text' },
        values: keys.slice(start, start + lookupChunk),
        negate: false,
        caseInsensitive: false,
      },
    });
    for (const row of rows) found.add(row.idempotency_key as string);
  }
  return found;
}

/** A bad input is the caller's mistake (a trigger consumer's): refused before anything is written. */
function checkInput(input: JobInput, index: number): void {
  const problem =
    typeof input?.ruleId !== 'string' || input.ruleId === ''
      ? 'ruleId must be a non-empty string'
      : typeof input.idempotencyKey !== 'string' || input.idempotencyKey === ''
        ? 'idempotencyKey must be a non-empty string'
        : !Number.isSafeInteger(input.eventChainDepth) || input.eventChainDepth < 0
          ? 'eventChainDepth must be a non-negative integer'
          : undefined;
  if (problem !== undefined)
    throw new RapportError('MISUSE', `enqueueJobs: job ${index}: ${problem}`, { details: { index } });
}

function newJob(input: JobInput, at: string, maxChainDepth: number): Job {
  const chainDepth = input.eventChainDepth + 1;
  const isTooDeep = chainDepth > maxChainDepth;
  return {
    id: uuidv7(),
    version: 1,
    ruleId: input.ruleId,
    entity: input.entity,
    recordId: input.recordId,
    event: input.event,
    step: 0,
    pendingActions: [],
    actionsDone: 0,
    status: isTooDeep ? 'dead' : 'pending',
    runAt: input.runAt ?? at,
    attempts: 0,
    lastError: isTooDeep
      ? `Stopped: this rule would run at chain depth ${chainDepth}, past the limit of ${maxChainDepth} rules triggering each other`
      : null,
    stopReason: isTooDeep ? 'chainDepth' : null,
    idempotencyKey: input.idempotencyKey,
    chainDepth,
    claimedBy: null,
    claimedUntil: null,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Queues jobs inside the caller's transaction, so they commit or roll back with the change that caused
 * them. An input whose idempotency key the tenant already has (in any status, also dead or done) is
 * skipped, not an error: a replayed trigger queues nothing. A job whose chain would go past
 * `maxChainDepth` is stored dead with the reason, so the cut-off is visible in `listDead()`.
 *
 * Two concurrent transactions queuing the same new key: one commits, the other fails with DUPLICATE and
 * rolls back (the unique index decides); its trigger is read again and then skipped.
 *
 * @example
 * ```ts
 * await runtime.storage.transaction((tx) =>
 *   enqueueJobs(tx, context, [{
 *     ruleId: rule.id, entity: 'person', recordId: person.id, event: { id: eventId, type: 'person.created' },
 *     idempotencyKey: `trigger:${eventId}:${rule.id}:${person.id}`, eventChainDepth: 0,
 *   }], { at: now.toISOString() }),
 * );
 * ```
 */
export async function enqueueJobs(
  tx: StorageWriter,
  context: { readonly tenantId: string },
  inputs: readonly JobInput[],
  options: JobsOptions & { readonly at: string },
): Promise<EnqueueResult> {
  const { maxChainDepth } = resolveJobsOptions({ maxChainDepth: options.maxChainDepth });
  inputs.forEach(checkInput);
  const keys = [...new Set(inputs.map((input) => input.idempotencyKey))];
  const seen = await existingKeys(tx, context.tenantId, keys);
  const jobs: Job[] = [];
  for (const input of inputs) {
    if (seen.has(input.idempotencyKey)) continue;
    seen.add(input.idempotencyKey);
    jobs.push(newJob(input, options.at, maxChainDepth));
  }
  if (jobs.length > 0)
    await tx.insert({ table: jobsTableName, rows: jobs.map((job) => jobToRow(context.tenantId, job)) });
  return {
    queued: jobs.filter((job) => job.status === 'pending'),
    stopped: jobs.filter((job) => job.status === 'dead'),
    skipped: inputs.length - jobs.length,
  };
}
