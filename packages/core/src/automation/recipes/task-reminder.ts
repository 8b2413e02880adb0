import type { RuleInput } from '../rule';

/** Options of {@link taskReminder}. */
export interface TaskReminderOptions {
  readonly channel?: string;
  /** Days before the due day; 0 reminds on the due day itself (the default). */
  readonly daysBefore?: number;
  /** Local time in the tenant's time zone (`HH:mm`); 08:00 by default. */
  readonly localTime?: string;
  readonly body?: string;
  readonly name?: string;
}

/**
 * A rule that reminds the assignee of an open task on its due day (or days before): a message whose
 * `owner` is the assignee, for the host's sender to deliver to staff.
 *
 * @example
 * ```ts
 * await acme.automation.createRule(taskReminder({ channel: 'chat', daysBefore: 1 }));
 * ```
 */
export function taskReminder(options: TaskReminderOptions = {}): RuleInput {
  return {
    name: options.name ?? 'Task reminder',
    trigger: {
      kind: 'date',
      entity: 'task',
      field: 'dueAt',
      offsetDays: -(options.daysBefore ?? 0),
      localTime: options.localTime ?? '08:00',
    },
    condition: { field: 'status', op: 'eq', value: 'open' },
    actions: [
      {
        kind: 'sendMessage',
        channel: options.channel ?? 'email',
        subject: 'Reminder: {{task.title}}',
        body: options.body ?? 'Hi {{owner.name}}, "{{task.title}}" is due {{task.dueAt}}.',
      },
    ],
  };
}
