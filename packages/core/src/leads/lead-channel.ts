import { storableString } from '../entities/values';

/** The channels Rapport names; a host may name its own (`'webinar'`, `'partner_referral'`). */
export const leadChannels = ['web_form', 'social', 'ecommerce', 'email'] as const;

/**
 * Where a lead came from: one of {@link leadChannels} or a channel the host names (lower-case letters,
 * digits, `_` and `-`). A new lead's `source` holds it.
 *
 * @example
 * ```ts
 * const channel: LeadChannel = 'web_form';
 * const own: LeadChannel = 'partner_referral';
 * ```
 */
export type LeadChannel = (typeof leadChannels)[number] | (string & {});

/** The schema of a channel name: what `person.source` can hold, in a form a filter can match exactly. */
export const leadChannelSchema = storableString()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'A channel is a name of lower-case letters, digits, _ and -');
