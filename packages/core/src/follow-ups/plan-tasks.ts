import type { FollowUpCadence } from './cadence';
import { followUpDueAt } from './due-at';
import type { FollowUpTransition } from './transitions';

/** The tag every follow-up task carries, beside its step's kind. */
export const followUpTag = 'follow-up';

/** What the tasks of one transition are made from. */
export interface TaskPlanArgs {
  readonly transition: FollowUpTransition;
  readonly cadence: FollowUpCadence;
  /** The member the tasks go to, or null to leave them unassigned. */
  readonly assigneeId: string | null;
  /** The instant of the write that made the transition (the CRM clock's). */
  readonly at: string;
  readonly timeZone: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The records a task links to: a deal, its company and first person; an order's person and company. */
function links(transition: FollowUpTransition) {
  const { record } = transition;
  if (transition.trigger === 'dealWon') {
    const people = Array.isArray(record.personIds) ? record.personIds : [];
    return { dealId: text(record.id), personId: text(people[0]), companyId: text(record.companyId) };
  }
  return { dealId: null, personId: text(record.personId), companyId: text(record.companyId) };
}

/**
 * The task inputs a cadence makes for one transition: one per step, in step order, due `offsetDays` after
 * the transition in the tenant's calendar, tagged `follow-up` and with the step's kind.
 *
 * @example
 * ```ts
 * planFollowUpTasks({ transition, cadence, assigneeId: 'rep-1', at: '2025-01-15T09:30:00.000Z', timeZone: 'UTC' });
 * // [{ title: 'Call', dueAt: '2025-01-22T09:30:00.000Z', assigneeId: 'rep-1', dealId, ..., tags: ['follow-up', 'call'] }]
 * ```
 */
export function planFollowUpTasks(args: TaskPlanArgs): Record<string, unknown>[] {
  const { transition, cadence, assigneeId, at, timeZone } = args;
  const linked = links(transition);
  return cadence.steps.map((step) => ({
    title: step.title,
    notes: step.notes,
    dueAt: followUpDueAt(at, step.offsetDays, timeZone),
    assigneeId,
    status: 'open',
    ...linked,
    tags: [followUpTag, step.kind],
  }));
}

/** Whether a cadence follows up on a transition: same trigger, and for orders a counting order type. */
export function cadenceApplies(cadence: FollowUpCadence, transition: FollowUpTransition): boolean {
  if (!cadence.active || cadence.trigger !== transition.trigger) return false;
  if (cadence.orderTypes === null) return true;
  return cadence.orderTypes.includes(transition.record.type as string);
}
