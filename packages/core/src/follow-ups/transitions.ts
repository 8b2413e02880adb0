import type { WrittenRecord } from '../records/write-hooks';
import type { FollowUpTrigger } from './cadence';

/** A record that a write moved into a state a cadence follows up on. */
export interface FollowUpTransition {
  readonly trigger: FollowUpTrigger;
  /** The deal or order after the write. */
  readonly record: Readonly<Record<string, unknown>>;
}

/** The status each trigger follows, by the entity whose status it reads. */
const triggerOf = {
  deal: { trigger: 'dealWon', status: 'won' },
  order: { trigger: 'orderFulfilled', status: 'fulfilled' },
} as const;

/**
 * The writes that moved a deal into `won` or an order into `fulfilled`: a create in that status, or an
 * update from another status. Saving a won deal again is no transition; reopening it and winning it again
 * is a new one.
 *
 * @example
 * ```ts
 * followUpTransitions([{ entity: 'deal', action: 'updated', before: { status: 'open' }, after: deal }]);
 * // [{ trigger: 'dealWon', record: deal }]
 * ```
 */
export function followUpTransitions(writes: readonly WrittenRecord[]): FollowUpTransition[] {
  const transitions: FollowUpTransition[] = [];
  for (const write of writes) {
    if (write.entity !== 'deal' && write.entity !== 'order') continue;
    if (write.action !== 'created' && write.action !== 'updated') continue;
    const { trigger, status } = triggerOf[write.entity];
    if (write.after?.status !== status || write.before?.status === status) continue;
    transitions.push({ trigger, record: write.after });
  }
  return transitions;
}
