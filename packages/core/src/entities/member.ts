import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import {
  idRef,
  optionalInstant,
  optionalRef,
  optionalText,
  requiredText,
  storableString,
  textSet,
} from './values';

/**
 * A list of names added to members by a later migration: members stored before it hold null, which an
 * update keeps (so an unrelated change does not report the list as changed); a new member gets a list.
 */
const addedTextSet = () =>
  z
    .array(requiredText(100))
    .max(200)
    .nullish()
    .transform((values) => (values === null ? null : [...new Set(values ?? [])]));

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
    // Assignment (migration 7): who may receive records, and what they match.
    awayUntil: field.timestamp({ since: 7 }),
    assignmentOptOut: field.boolean({ since: 7 }),
    assignmentWeight: field.integer({ since: 7 }),
    languages: field.textList({ since: 7, nullable: true }),
    industries: field.textList({ since: 7, nullable: true }),
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
    awayUntil: optionalInstant(),
    // Null on members stored before migration 7, kept by their updates; it reads as not opted out.
    assignmentOptOut: z
      .boolean()
      .nullish()
      .transform((value) => (value === undefined ? false : value)),
    assignmentWeight: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .nullish()
      .transform((value) => value ?? null),
    languages: addedTextSet(),
    industries: addedTextSet(),
  },
  indexes: [['team'], ['managerId']],
  includes: { manager: { field: 'managerId', entity: 'member' } },
  refine(values, ctx) {
    if (values.managerId !== null && values.managerId === values.id) {
      ctx.addIssue({ code: 'custom', path: ['managerId'], message: 'A member cannot be their own manager' });
    }
  },
});
