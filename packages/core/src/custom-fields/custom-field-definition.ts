import * as z from 'zod';
import type { EntityName } from '../entities/entity-name';
import type { CustomFieldType } from './custom-field-types';
import { customFieldTypes } from './custom-field-types';

/** The entities that carry custom fields. */
export const extensibleEntityNames = [
  'company',
  'person',
  'deal',
  'activity',
  'task',
  'product',
  'order',
] as const;

/** One of {@link extensibleEntityNames}. */
export type ExtensibleEntityName = (typeof extensibleEntityNames)[number];

/** A choice of a select or multi-select field. */
export interface CustomFieldOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A custom field a tenant defines at run time. `key` names the value in a record's `custom` and never
 * changes; `label` is what people see and can change freely.
 */
export interface CustomFieldDefinition {
  readonly id: string;
  readonly version: number;
  readonly entity: ExtensibleEntityName;
  readonly key: string;
  readonly label: string;
  readonly description: string | null;
  readonly type: CustomFieldType;
  readonly required: boolean;
  readonly unique: boolean;
  /**
   * Filters and sorts on this field should be served by an index. Adapters that can (SQLite, Postgres)
   * keep an expression index on the field's values; the memory adapter needs none.
   */
  readonly indexed: boolean;
  readonly defaultValue: unknown;
  /** Numbers: the smallest value; text: the shortest length; multi-select: the fewest choices; dates: earliest. */
  readonly min: number | string | null;
  readonly max: number | string | null;
  /** Text types: a regular expression the whole value must match. */
  readonly pattern: string | null;
  readonly options: readonly CustomFieldOption[];
  /** Relation fields: the entity the id points at. */
  readonly relationEntity: EntityName | null;
  /** Decimal fields: digits after the point (default 2). */
  readonly scale: number | null;
  readonly position: number;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const keyPattern = /^[a-z][a-zA-Z0-9_]{0,62}$/;

const bound = z
  .union([z.number().finite(), z.string().min(1).max(40)])
  .nullish()
  .transform((value) => value ?? null);

/** The definable part of a custom field, as a host passes it to `customFields.define`. */
export const customFieldInputSchema = z.strictObject({
  entity: z.enum(extensibleEntityNames),
  key: z.string().regex(keyPattern, 'Use a camelCase key: a lower-case letter, then letters, digits or _'),
  label: z.string().trim().min(1).max(200),
  description: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((value) => value || null),
  type: z.enum(customFieldTypes),
  required: z.boolean().default(false),
  unique: z.boolean().default(false),
  indexed: z.boolean().default(false),
  defaultValue: z
    .unknown()
    .optional()
    .transform((value) => value ?? null),
  min: bound,
  max: bound,
  pattern: z
    .string()
    .min(1)
    .max(500)
    .nullish()
    .transform((value) => value ?? null),
  options: z
    .array(
      z.strictObject({ value: z.string().trim().min(1).max(200), label: z.string().trim().min(1).max(200) }),
    )
    .max(500)
    .default([]),
  relationEntity: z
    .enum(['company', 'person', 'deal', 'activity', 'task', 'product', 'order', 'member'])
    .nullish()
    .transform((value) => value ?? null),
  scale: z
    .number()
    .int()
    .min(0)
    .max(10)
    .nullish()
    .transform((value) => value ?? null),
  position: z.number().int().min(0).default(0),
});

/** What a host passes to define a custom field. */
export type CustomFieldInput = z.input<typeof customFieldInputSchema>;

/** What a host may change on a custom field: everything but its entity and key. */
export const customFieldChangesSchema = customFieldInputSchema.omit({ entity: true, key: true }).partial();

/** Changes to a custom field definition. */
export type CustomFieldChanges = z.input<typeof customFieldChangesSchema>;
