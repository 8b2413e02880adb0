import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { instantDefault } from './instant-default';
import { idSet, instant, optionalLongText, optionalRef, optionalText, textSet } from './values';

/** The kinds of interaction the history records. */
export const activityTypes = ['call', 'email', 'meeting', 'note', 'feedback', 'complaint'] as const;

/** An interaction with a customer: a call, email, meeting, note, feedback or complaint. */
export const activityEntity = defineEntity({
  name: 'activity',
  collection: 'activities',
  table: 'activities',
  extensible: true,
  fields: {
    type: field.text({ nullable: false }),
    subject: field.text(),
    body: field.text(),
    occurredAt: field.timestamp({ nullable: false }),
    durationMinutes: field.integer(),
    outcome: field.text(),
    direction: field.text(),
    personIds: field.textList({ references: 'person' }),
    companyId: field.text({ references: 'company' }),
    dealId: field.text({ references: 'deal' }),
    ownerId: field.text({ references: 'member' }),
  },
  input: {
    type: z.enum(activityTypes),
    subject: optionalText(500),
    body: optionalLongText(),
    // The write path fills a missing time from the CRM clock first (see `defaults`); the zod default only
    // keeps the field optional in the input type.
    occurredAt: instant().default(() => new Date().toISOString()),
    durationMinutes: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .nullish()
      .transform((value) => value ?? null),
    outcome: optionalText(200),
    direction: z
      .enum(['inbound', 'outbound'])
      .nullish()
      .transform((value) => value ?? null),
    personIds: idSet(),
    companyId: optionalRef(),
    dealId: optionalRef(),
    ownerId: optionalRef(),
    externalId: optionalText(255),
    tags: textSet(),
  },
  indexes: [['occurredAt'], ['companyId'], ['dealId'], ['type']],
  includes: {
    people: { field: 'personIds', entity: 'person' },
    company: { field: 'companyId', entity: 'company' },
    deal: { field: 'dealId', entity: 'deal' },
    owner: { field: 'ownerId', entity: 'member' },
  },
  defaults: instantDefault('occurredAt'),
  refine(values, ctx) {
    if ((values.personIds as string[]).length === 0 && !values.companyId && !values.dealId) {
      ctx.addIssue({
        code: 'custom',
        path: ['personIds'],
        message: 'An activity links to a person, a company or a deal',
      });
    }
  },
});
