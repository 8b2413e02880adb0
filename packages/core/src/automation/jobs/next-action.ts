import type { RuleAction } from '../rule';

/** Where a job stands in its actions: the rule's list at `step`, after the branch actions still pending. */
export interface JobPosition {
  readonly step: number;
  readonly pendingActions: readonly RuleAction[];
}

/** The action to run next and the position after it, or undefined when every action has run. */
export function nextAction(
  position: JobPosition,
  actions: readonly RuleAction[],
): { readonly action: RuleAction; readonly after: JobPosition } | undefined {
  const [pending, ...rest] = position.pendingActions;
  if (pending !== undefined) return { action: pending, after: { step: position.step, pendingActions: rest } };
  const action = actions[position.step];
  if (action === undefined) return undefined;
  return { action, after: { step: position.step + 1, pendingActions: [] } };
}

/**
 * The position once a branch chose `actions`: they run before anything still pending, so a branch inside a
 * branch runs in place, as written.
 *
 * @example
 * ```ts
 * continueWith({ step: 2, pendingActions: [c] }, [a, b]); // { step: 2, pendingActions: [a, b, c] }
 * ```
 */
export function continueWith(after: JobPosition, actions: readonly RuleAction[]): JobPosition {
  return { step: after.step, pendingActions: [...actions, ...after.pendingActions] };
}
