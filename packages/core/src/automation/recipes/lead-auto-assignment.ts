import type { RuleAction, RuleInput } from '../rule';

/** Options of {@link leadAutoAssignment}. */
export interface LeadAutoAssignmentOptions {
  /** A first task for the new owner (a title template); `false` for none. */
  readonly followUpTask?: string | false;
  /** Days until the task is due; 1 by default. */
  readonly dueInDays?: number;
  readonly name?: string;
}

/**
 * A rule that gives every new lead without an owner one through the tenant's assignment rules (round
 * robin, weighted, territory and skills, capacity), then a first task for that owner.
 *
 * @example
 * ```ts
 * await acme.automation.createRule(leadAutoAssignment({ followUpTask: 'Call {{person.fullName}}' }));
 * ```
 */
export function leadAutoAssignment(options: LeadAutoAssignmentOptions = {}): RuleInput {
  const title = options.followUpTask ?? 'Contact new lead {{person.fullName}}';
  const task: RuleAction[] =
    title === false
      ? []
      : [{ kind: 'createTask', title, dueInDays: options.dueInDays ?? 1, assignTo: 'owner' }];
  return {
    name: options.name ?? 'Lead auto-assignment',
    trigger: { kind: 'recordCreated', entity: 'person' },
    condition: {
      all: [
        { field: 'lifecycleStage', op: 'eq', value: 'lead' },
        { field: 'ownerId', op: 'isEmpty' },
      ],
    },
    actions: [{ kind: 'assign' }, ...task],
  };
}
