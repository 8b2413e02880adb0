import type { RuleCondition } from '../rule';

/** The consent a marketing recipe asks of a person: one of their consents, or `false` for none. */
export type RecipeConsent = 'email' | 'sms' | 'phone' | false;

/**
 * The consent a marketing message over `channel` needs unless the recipe's options say otherwise: the
 * channel's own consent for `email` (the default channel) and `sms`, none for a channel of the host's.
 *
 * @example
 * ```ts
 * consentOf({}); // 'email'
 * consentOf({ channel: 'chat' }); // false
 * ```
 */
export function consentOf(options: {
  readonly channel?: string;
  readonly consent?: RecipeConsent;
}): RecipeConsent {
  if (options.consent !== undefined) return options.consent;
  const channel = options.channel ?? 'email';
  return channel === 'email' || channel === 'sms' ? channel : false;
}

/**
 * A recipe's condition with the consent added: only people who gave it enroll, so nothing else the
 * rule does (a coupon, a tag) happens to those the message may not reach.
 *
 * @example
 * ```ts
 * withConsent({ field: 'lifecycleStage', op: 'eq', value: 'customer' }, 'email');
 * ```
 */
export function withConsent(condition: RuleCondition, consent: RecipeConsent): RuleCondition {
  if (consent === false) return condition;
  return { all: [condition, { field: `consent.${consent}`, op: 'eq', value: true }] };
}
