import * as z from 'zod';
import { optionalLongText, optionalRef, requiredText, storableString } from '../entities/values';

/**
 * What starts a cadence: a deal whose status becomes `won`, or an order whose status becomes `fulfilled`.
 */
export const followUpTriggers = ['dealWon', 'orderFulfilled'] as const;

/** One of {@link followUpTriggers}. */
export type FollowUpTrigger = (typeof followUpTriggers)[number];

/** The longest offset a step may have: ten years. */
export const maxOffsetDays = 3_650;

const step = z.strictObject({
  offsetDays: z.number().int().min(0).max(maxOffsetDays),
  title: requiredText(500),
  kind: storableString().trim().min(1).max(50).default('follow-up'),
  notes: optionalLongText(),
});

/**
 * The schema of a cadence as `followUps.define` takes it. `orderTypes` belongs to `orderFulfilled`
 * cadences only: null or absent counts every order type.
 */
export const cadenceInputSchema = z
  .strictObject({
    name: requiredText(200),
    trigger: z.enum(followUpTriggers),
    orderTypes: z
      .array(storableString().trim().min(1).max(50))
      .min(1, 'List at least one order type, or leave it out to count every type')
      .max(50)
      .nullish()
      .transform((types) => (types === null || types === undefined ? null : [...new Set(types)])),
    steps: z.array(step).min(1, 'A cadence has at least one step').max(20),
    fallbackAssigneeId: optionalRef(),
    active: z.boolean().default(true),
  })
  .superRefine((cadence, ctx) => {
    if (cadence.trigger !== 'orderFulfilled' && cadence.orderTypes !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['orderTypes'],
        message: 'Only an orderFulfilled cadence counts order types',
      });
    }
  });

/**
 * What `followUps.define` takes.
 *
 * @example
 * ```ts
 * const input: FollowUpCadenceInput = {
 *   name: 'After a sale',
 *   trigger: 'dealWon',
 *   steps: [
 *     { offsetDays: 7, title: 'Call: how is it going?', kind: 'call' },
 *     { offsetDays: 30, title: 'Check-in', kind: 'check-in' },
 *   ],
 * };
 * ```
 */
export type FollowUpCadenceInput = z.input<typeof cadenceInputSchema>;

/** The changes `followUps.update` takes: any subset of the input. */
export type FollowUpCadenceChanges = Partial<FollowUpCadenceInput>;

/** A checked cadence, before it is stored. */
export type CheckedCadence = z.output<typeof cadenceInputSchema>;

/** One step of a cadence: a task due `offsetDays` after the trigger. */
export type FollowUpStep = CheckedCadence['steps'][number];

/**
 * A stored cadence of follow-up tasks.
 *
 * @example
 * ```ts
 * const cadence: FollowUpCadence = await crm.followUps.get(id);
 * cadence.steps.map((step) => `${step.kind} after ${step.offsetDays} days`);
 * ```
 */
export interface FollowUpCadence extends CheckedCadence {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
