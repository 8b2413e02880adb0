import type { EntityName } from '../../entities/entity-name';
import type { AutomationEventRef } from '../actions/execute-action';
import type { RuleAction } from '../rule';

/**
 * Where a job is: `pending` (waits for `runAt`), `running` (a worker holds it until `claimedUntil`),
 * `done`, or `dead` (failed `maxAttempts` times, or stopped before it ran: see `stopReason`).
 */
export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/** Why a job is dead: its actions kept failing, or a chain of rules reached the configured depth. */
export type JobStopReason = 'failed' | 'chainDepth';

/** One run of one rule for one record, as the queue stores it. */
export interface Job {
  readonly id: string;
  readonly version: number;
  readonly ruleId: string;
  readonly entity: EntityName | null;
  readonly recordId: string | null;
  /** The event that started the rule. */
  readonly event: AutomationEventRef;
  /** The position in the rule's action list to run next (after `pendingActions`). */
  readonly step: number;
  /** Actions a branch chose, run before the rule's action at `step`; empty when none. */
  readonly pendingActions: readonly RuleAction[];
  /** How many actions this job has completed: it numbers each action's idempotency key. */
  readonly actionsDone: number;
  readonly status: JobStatus;
  /** When the job is due (ISO instant): first run, a retry after backoff, or the end of a wait. */
  readonly runAt: string;
  /** Claims since the job was last queued: a run that crashed its worker counts too. */
  readonly attempts: number;
  readonly lastError: string | null;
  readonly stopReason: JobStopReason | null;
  /** Unique per tenant: enqueueing the same key again adds nothing. */
  readonly idempotencyKey: string;
  /** How many automation runs led to this one: 1 for a job a person's own write started. */
  readonly chainDepth: number;
  readonly claimedBy: string | null;
  readonly claimedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What `enqueueJobs` takes for one job. */
export interface JobInput {
  readonly ruleId: string;
  readonly entity: EntityName | null;
  readonly recordId: string | null;
  readonly event: AutomationEventRef;
  /** Unique per tenant; a key already queued (in any status) makes this input a no-op. */
  readonly idempotencyKey: string;
  /**
   * The chain depth of the event that started the rule: 0 for a person's own write, the depth an
   * automation's write carried otherwise (`TriggerMatch.chainDepth`). The job runs one deeper.
   */
  readonly eventChainDepth: number;
  /** When the job is due; now when absent. */
  readonly runAt?: string;
}
