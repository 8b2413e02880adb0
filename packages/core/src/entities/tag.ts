import * as z from 'zod';
import { defineEntity } from './define-entity';
import { field } from './field-def';
import { optionalText, requiredText } from './values';

/** A tag a tenant uses on records, with a colour for the UI. Records store tag names in their `tags`. */
export const tagEntity = defineEntity({
  name: 'tag',
  collection: 'tags',
  table: 'tags',
  extensible: false,
  fields: {
    name: field.text({ nullable: false }),
    color: field.text(),
    description: field.text(),
  },
  input: {
    name: requiredText(100),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Use a hex colour such as #1f6feb')
      .nullish()
      .transform((value) => value ?? null),
    description: optionalText(500),
  },
  uniqueKeys: ['name'],
});
