import * as z from 'zod';
import { currency, idRef, requiredText, storableString } from '../entities/values';
import {
  assignableEntities,
  assignmentStrategies,
  capacityPeriods,
  matchAttributes,
} from './assignment-rule';

// The longest a weights window may be: ten years of won deals.
const maxWindowDays = 3_660;

const weights = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('member') }),
  z.strictObject({
    by: z.literal('wonAmount'),
    days: z.number().int().min(1).max(maxWindowDays),
    currency: currency().optional(),
  }),
  z.strictObject({ by: z.literal('wonCount'), days: z.number().int().min(1).max(maxWindowDays) }),
]);

const pool = z
  .strictObject({
    memberIds: z
      .array(idRef())
      .min(1)
      .max(1_000)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'A member is named twice' })
      .optional(),
    team: requiredText(100).optional(),
  })
  .refine((value) => value.memberIds === undefined || value.team === undefined, {
    message: 'Name members or a team, not both',
  });

const criterion = z.strictObject({
  attribute: z.enum(matchAttributes),
  field: storableString().trim().min(1).max(200).optional(),
});

const capacity = z.strictObject({
  period: z.enum(capacityPeriods),
  limit: z.number().int().min(0).max(1_000_000).nullish(),
});

/** A rule's condition: any JSON here, checked in full by the filter resolver when the rule is saved. */
const condition = z.unknown().transform((value) => (value === undefined ? null : value));

/** The fields of a rule both create and update take (update: each optional). */
const ruleFields = {
  name: requiredText(200),
  priority: z.number().int().min(-1_000_000).max(1_000_000),
  condition,
  strategy: z.enum(assignmentStrategies),
  weights: weights.nullable(),
  pool,
  match: z.array(criterion).max(10),
  capacity: capacity.nullable(),
};

/** The shape of `createRule`'s input; the condition and the pool's members are checked against storage. */
export const ruleInputSchema = z.strictObject({
  ...ruleFields,
  entity: z.enum(assignableEntities),
  priority: ruleFields.priority.default(0),
  condition: ruleFields.condition.optional(),
  weights: ruleFields.weights.optional(),
  pool: ruleFields.pool.default({}),
  match: ruleFields.match.default([]),
  capacity: ruleFields.capacity.optional(),
});

/** The shape of `updateRule`'s changes. */
export const ruleChangesSchema = z.strictObject({
  name: ruleFields.name.optional(),
  priority: ruleFields.priority.optional(),
  condition: z.unknown().optional(),
  strategy: ruleFields.strategy.optional(),
  weights: ruleFields.weights.optional(),
  pool: ruleFields.pool.optional(),
  match: ruleFields.match.optional(),
  capacity: ruleFields.capacity.optional(),
});
