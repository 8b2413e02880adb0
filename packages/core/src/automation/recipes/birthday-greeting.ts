import type { RuleAction, RuleInput } from '../rule';
import type { RecipeConsent } from './marketing-consent';
import { consentOf, withConsent } from './marketing-consent';

/** Options of {@link birthdayGreeting}. */
export interface BirthdayGreetingOptions {
  readonly channel?: string;
  /**
   * The person's consent the message needs, checked when they enroll and again when it is sent: the
   * channel's own for `email` (the default) and `sms`; `false` to send without one.
   */
  readonly consent?: RecipeConsent;
  /** Local time in the tenant's time zone (`HH:mm`); 09:00 by default. */
  readonly localTime?: string;
  readonly subject?: string;
  /** The greeting; `{{coupon.code}}` names the coupon issued just before it. */
  readonly body?: string;
  /** The coupon: 10% off, valid 30 days by default; `false` sends the greeting alone. */
  readonly coupon?:
    | { readonly percentOff?: number; readonly amountOff?: number; readonly validDays?: number }
    | false;
  readonly name?: string;
}

/**
 * A rule that greets every customer on their birthday, every year, with a personal coupon.
 *
 * @example
 * ```ts
 * await acme.automation.createRule(birthdayGreeting({ coupon: { percentOff: 15, validDays: 14 } }));
 * ```
 */
export function birthdayGreeting(options: BirthdayGreetingOptions = {}): RuleInput {
  const consent = consentOf(options);
  const coupon = options.coupon === false ? null : (options.coupon ?? {});
  const percentOff = coupon?.amountOff === undefined ? (coupon?.percentOff ?? 10) : coupon.percentOff;
  const couponActions: RuleAction[] =
    coupon === null
      ? []
      : [
          {
            kind: 'issueCoupon',
            ...(percentOff === undefined ? {} : { percentOff }),
            ...(coupon.amountOff === undefined ? {} : { amountOff: coupon.amountOff }),
            validDays: coupon.validDays ?? 30,
          },
        ];
  const defaultBody =
    coupon === null
      ? 'Happy birthday, {{person.firstName}}!'
      : 'Happy birthday, {{person.firstName}}! Here is a present: use the code {{coupon.code}}.';
  return {
    name: options.name ?? 'Birthday greeting',
    trigger: {
      kind: 'date',
      entity: 'person',
      field: 'birthday',
      recurring: true,
      localTime: options.localTime ?? '09:00',
    },
    condition: withConsent({ field: 'lifecycleStage', op: 'eq', value: 'customer' }, consent),
    actions: [
      ...couponActions,
      {
        kind: 'sendMessage',
        channel: options.channel ?? 'email',
        ...(consent === false ? {} : { consent }),
        subject: options.subject ?? 'Happy birthday, {{person.firstName}}!',
        body: options.body ?? defaultBody,
      },
    ],
    // A birthday comes back every year: the same person is greeted again.
    reenroll: true,
  };
}
