import type { RuleInput } from '../rule';
import type { RecipeConsent } from './marketing-consent';
import { consentOf, withConsent } from './marketing-consent';

/** Options of {@link reengageInactive}. */
export interface ReengageInactiveOptions {
  /** Days without any activity; 90 by default. */
  readonly days?: number;
  readonly channel?: string;
  /**
   * The person's consent the message needs, checked when they enroll and again when it is sent: the
   * channel's own for `email` (the default) and `sms`; `false` to send without one.
   */
  readonly consent?: RecipeConsent;
  readonly subject?: string;
  readonly body?: string;
  /** A tag marking who was sent the re-engagement; `false` for none. */
  readonly tag?: string | false;
  readonly name?: string;
}

/**
 * A rule that reaches out to customers with no activity for 90 days (or `days`): a message, and a tag
 * so lists and segments can tell who was contacted.
 *
 * @example
 * ```ts
 * await acme.automation.createRule(reengageInactive({ days: 120, channel: 'sms' }));
 * ```
 */
export function reengageInactive(options: ReengageInactiveOptions = {}): RuleInput {
  const tag = options.tag ?? 're-engaged';
  const consent = consentOf(options);
  return {
    name: options.name ?? 'Re-engage inactive customers',
    trigger: { kind: 'inactivity', entity: 'person', days: options.days ?? 90 },
    condition: withConsent({ field: 'lifecycleStage', op: 'eq', value: 'customer' }, consent),
    actions: [
      {
        kind: 'sendMessage',
        channel: options.channel ?? 'email',
        ...(consent === false ? {} : { consent }),
        subject: options.subject ?? 'We miss you, {{person.firstName}}',
        body:
          options.body ??
          'Hi {{person.firstName}}, it has been a while. Is there anything we can do for you?',
      },
      ...(tag === false ? [] : [{ kind: 'addTags' as const, tags: [tag] }]),
    ],
  };
}
