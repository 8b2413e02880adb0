import * as z from 'zod';
import type {
  Activity,
  Company,
  CompanyInput,
  Order,
  OrderInput,
  Person,
  PersonInput,
} from '../entities/types';
import { instant, optionalLongText, optionalRef, optionalText } from '../entities/values';
import type { LeadChannel } from './lead-channel';
import { leadChannelSchema } from './lead-channel';

/**
 * What `leads.capture` takes: the channel, the person as the channel gave them, and optionally their
 * company, their message and (from a shop) their order.
 *
 * @example
 * ```ts
 * const input: LeadCaptureInput = {
 *   channel: 'web_form',
 *   person: { firstName: 'Ann', lastName: 'Lee', emails: [{ address: 'Ann@Example.com' }] },
 *   company: { name: 'Example Ltd', domain: 'https://www.example.com' },
 *   message: { subject: 'Pricing request', body: 'Do you offer volume discounts?' },
 * };
 * ```
 */
export interface LeadCaptureInput {
  readonly channel: LeadChannel;
  /** The person; a new lead gets `lifecycleStage: 'lead'` and the channel as `source`. */
  readonly person: Omit<PersonInput, 'lifecycleStage' | 'source'>;
  /** Their company: matched by domain, then by name, or created. */
  readonly company?: CompanyInput;
  /** What they wrote: the capture activity's subject and body. */
  readonly message?: {
    readonly subject?: string | null;
    readonly body?: string | null;
    /** When it arrived; the CRM clock's now when left out. */
    readonly occurredAt?: string | Date;
  };
  /** An e-commerce order: created for the person. */
  readonly order?: Omit<OrderInput, 'personId' | 'companyId'>;
  /** The member who owns a new lead, and the capture activity. */
  readonly ownerId?: string | null;
}

/** How a captured person or company was found: by which stored key it matched, or created. */
export type PersonMatch = 'email' | 'phone' | 'created';
/** How a captured company was found: by domain, by name, or created. */
export type CompanyMatch = 'domain' | 'name' | 'created';

/**
 * What a capture did: which records it matched and which it created, the fields it filled on a matched
 * person, the activity on the person's timeline and the order, if any.
 *
 * @example
 * ```ts
 * const { person, personMatch, company, companyMatch, activity } = await crm.leads.capture(input);
 * if (personMatch !== 'created') console.log(`${person.fullName} was already known (by ${personMatch})`);
 * ```
 */
export interface LeadCaptureResult {
  readonly person: Person;
  readonly personMatch: PersonMatch;
  /** Empty fields of a matched person that the capture filled (a matched person's values are kept). */
  readonly filled: readonly string[];
  readonly company: Company | null;
  readonly companyMatch: CompanyMatch | null;
  /** The activity recording the capture on the person's timeline. */
  readonly activity: Activity;
  readonly order: Order | null;
}

const objectValue = (what: string) =>
  z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    `Expected ${what}`,
  );

/** The shape of a capture; the person, company and order are checked by their entities' write paths. */
export const captureInputSchema = z.strictObject({
  channel: leadChannelSchema,
  person: objectValue('the person'),
  company: objectValue('the company').optional(),
  message: z
    .strictObject({
      subject: optionalText(500),
      body: optionalLongText(),
      occurredAt: instant().optional(),
    })
    .optional(),
  order: objectValue('the order').optional(),
  ownerId: optionalRef(),
});

/** A capture after its shape is checked. */
export type CheckedCapture = z.output<typeof captureInputSchema>;
