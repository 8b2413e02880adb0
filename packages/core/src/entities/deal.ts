import * as z from 'zod';
import { defaultCurrency } from './default-currency';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import {
  currency,
  idSet,
  minorUnits,
  optionalDate,
  optionalInstant,
  optionalRef,
  optionalText,
  requiredText,
  textSet,
} from './values';

/** Where a deal stands. */
export const dealStatuses = ['open', 'won', 'lost'] as const;

/**
 * The fields a deal's pipeline stage decides: they change together, by a move the stage rules allow (or
 * an audited bypass of them).
 */
export const dealStageFields = [
  'pipelineId',
  'stageId',
  'status',
  'probability',
  'closedAt',
  'lostReason',
] as const;

/**
 * A deal (an opportunity): an amount in minor units and a currency, in a pipeline stage. Stage rules and
 * transitions are enforced on every write by the pipelines module; here a deal only states where it is.
 */
export const dealEntity = defineEntity({
  name: 'deal',
  collection: 'deals',
  table: 'deals',
  extensible: true,
  fields: {
    name: field.text({ nullable: false }),
    amount: field.integer({ nullable: false }),
    currency: field.text({ nullable: false }),
    pipelineId: field.text({ references: 'pipeline' }),
    stageId: field.text(),
    probability: field.real(),
    expectedCloseDate: field.date(),
    status: field.text({ nullable: false }),
    lostReason: field.text(),
    closedAt: field.timestamp(),
    ownerId: field.text({ references: 'member' }),
    companyId: field.text({ references: 'company' }),
    personIds: field.textList({ references: 'person' }),
  },
  input: {
    name: requiredText(300),
    amount: minorUnits().default(0),
    currency: currency(),
    pipelineId: optionalRef(),
    stageId: optionalText(100),
    probability: z
      .number()
      .min(0)
      .max(1)
      .nullish()
      .transform((value) => value ?? null),
    expectedCloseDate: optionalDate(),
    status: z.enum(dealStatuses).default('open'),
    lostReason: optionalText(500),
    closedAt: optionalInstant(),
    ownerId: optionalRef(),
    companyId: optionalRef(),
    personIds: idSet(),
    externalId: optionalText(255),
    tags: textSet(),
  },
  indexes: [
    ['pipelineId', 'stageId'],
    ['ownerId'],
    ['companyId'],
    ['status'],
    ['expectedCloseDate'],
    ['updatedAt'],
  ],
  includes: {
    company: { field: 'companyId', entity: 'company' },
    people: { field: 'personIds', entity: 'person' },
    owner: { field: 'ownerId', entity: 'member' },
    pipeline: { field: 'pipelineId', entity: 'pipeline' },
  },
  defaults: defaultCurrency,
  refine(values, ctx) {
    if (values.status === 'lost' && !values.lostReason) {
      ctx.addIssue({ code: 'custom', path: ['lostReason'], message: 'A lost deal needs a lost reason' });
    }
    if (values.stageId && !values.pipelineId) {
      ctx.addIssue({ code: 'custom', path: ['pipelineId'], message: 'A stage needs its pipeline' });
    }
  },
});
