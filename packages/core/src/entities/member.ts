import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { idRef, optionalRef, optionalText, requiredText, storableString, textSet } from './values';

/**
 * A member: one of the host's users as the CRM sees them. Its id is the host's user id, so ownership and
 * assignment use the host's identities.
 */
export const memberEntity = defineEntity({
  name: 'member',
  collection: 'members',
  table: 'members',
  extensible: false,
  fields: {
    name: field.text({ nullable: false }),
    email: field.text(),
    role: field.text({ nullable: false }),
    team: field.text(),
    managerId: field.text({ references: 'member' }),
    region: field.text(),
    skills: field.textList(),
    capacity: field.integer(),
    active: field.boolean({ nullable: false }),
  },
  input: {
    id: idRef(),
    name: requiredText(200),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email())
      .nullish()
      .transform((value) => value ?? null),
    role: storableString().trim().min(1).max(50).default('member'),
    team: optionalText(100),
    managerId: optionalRef(),
    region: optionalText(200),
    skills: textSet(),
    capacity: z
      .number()
      .int()
      .min(0)
      .nullish()
      .transform((value) => value ?? null),
    active: z.boolean().default(true),
  },
  indexes: [['team'], ['managerId']],
  includes: { manager: { field: 'managerId', entity: 'member' } },
  refine(values, ctx) {
    if (values.managerId !== null && values.managerId === values.id) {
      ctx.addIssue({ code: 'custom', path: ['managerId'], message: 'A member cannot be their own manager' });
    }
  },
});
