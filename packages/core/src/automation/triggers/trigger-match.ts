import type { EntityName } from '../../entities/entity-name';
import type { Changes } from '../../events/crm-events';
import type { Rule } from '../rule';

/**
 * One rule started for one record (or for no record: a schedule, an inbound event with no record), as
 * the trigger consumer hands it to the job queue.
 */
export interface TriggerMatch {
  readonly rule: Rule;
  readonly entity: EntityName | null;
  readonly recordId: string | null;
  /**
   * What started it, unique per start: the outbox event id, the time slot (a local date, a schedule's
   * instant, an inactivity window), or the id the caller of `start`/`receive` gave or got. The job's
   * idempotency key is `<source>:<rule id>:<record id>`, so reading the same start again enqueues nothing.
   */
  readonly source: string;
  /** The change that started it (record triggers), for change operators and the job. */
  readonly changes: Changes | null;
  /** How many automation runs led to it: the depth of the event, so the job runs at one more. */
  readonly chainDepth: number;
  /** The trigger's data for the job: the event, the slot, the inbound payload. */
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * The idempotency key of a match's job.
 *
 * @example
 * ```ts
 * idempotencyKey(match); // 'trigger:0190f4...:rule-1:person-1'
 * ```
 */
export function idempotencyKey(match: TriggerMatch): string {
  return `trigger:${match.source}:${match.rule.id}:${match.recordId ?? '-'}`;
}
