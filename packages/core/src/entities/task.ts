import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import {
  optionalInstant,
  optionalLongText,
  optionalRef,
  optionalText,
  requiredText,
  textSet,
} from './values';

/** Where a task stands. */
export const taskStatuses = ['open', 'done', 'cancelled'] as const;

/** A to-do for a member: a call back, a follow-up, with a due time and a reminder. */
export const taskEntity = defineEntity({
  name: 'task',
  collection: 'tasks',
  table: 'tasks',
  extensible: true,
  fields: {
    title: field.text({ nullable: false }),
    notes: field.text(),
    dueAt: field.timestamp(),
    remindAt: field.timestamp(),
    assigneeId: field.text({ references: 'member' }),
    status: field.text({ nullable: false }),
    completedAt: field.timestamp(),
    personId: field.text({ references: 'person' }),
    companyId: field.text({ references: 'company' }),
    dealId: field.text({ references: 'deal' }),
  },
  input: {
    title: requiredText(500),
    notes: optionalLongText(),
    dueAt: optionalInstant(),
    remindAt: optionalInstant(),
    assigneeId: optionalRef(),
    status: z.enum(taskStatuses).default('open'),
    completedAt: optionalInstant(),
    personId: optionalRef(),
    companyId: optionalRef(),
    dealId: optionalRef(),
    externalId: optionalText(255),
    tags: textSet(),
  },
  indexes: [['assigneeId', 'status', 'dueAt'], ['personId'], ['companyId'], ['dealId'], ['remindAt']],
  includes: {
    assignee: { field: 'assigneeId', entity: 'member' },
    person: { field: 'personId', entity: 'person' },
    company: { field: 'companyId', entity: 'company' },
    deal: { field: 'dealId', entity: 'deal' },
  },
  refine(values, ctx) {
    if (values.remindAt && values.dueAt && (values.remindAt as string) > (values.dueAt as string)) {
      ctx.addIssue({ code: 'custom', path: ['remindAt'], message: 'The reminder comes before the due time' });
    }
  },
});
