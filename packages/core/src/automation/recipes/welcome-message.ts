import type { RuleCondition, RuleInput } from '../rule';

/** Options of {@link welcomeMessage}. */
export interface WelcomeMessageOptions {
  readonly channel?: string;
  readonly subject?: string;
  readonly body?: string;
  /** Who is welcomed; by default people created as customers. */
  readonly condition?: RuleCondition;
  readonly name?: string;
}

/**
 * A rule that welcomes a new customer: when a person is created as a customer, send a message.
 *
 * @example
 * ```ts
 * await acme.automation.createRule(welcomeMessage({ channel: 'email', subject: 'Welcome to Acme' }));
 * ```
 */
export function welcomeMessage(options: WelcomeMessageOptions = {}): RuleInput {
  return {
    name: options.name ?? 'Welcome message',
    trigger: { kind: 'recordCreated', entity: 'person' },
    condition: options.condition ?? { field: 'lifecycleStage', op: 'eq', value: 'customer' },
    actions: [
      {
        kind: 'sendMessage',
        channel: options.channel ?? 'email',
        subject: options.subject ?? 'Welcome, {{person.firstName}}!',
        body:
          options.body ??
          'Hi {{person.firstName}}, thank you for joining us. Reply to this message whenever you need us.',
      },
    ],
  };
}
