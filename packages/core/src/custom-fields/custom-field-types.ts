import type { ValueType } from '../storage/condition';

/** The types a custom field can have. */
export const customFieldTypes = [
  'text',
  'longText',
  'number',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'select',
  'multiSelect',
  'email',
  'phone',
  'url',
  'money',
  'relation',
] as const;

/** One of {@link customFieldTypes}. */
export type CustomFieldType = (typeof customFieldTypes)[number];

/** How filters compare a custom field of each type (money compares by its `amount`). */
export const customFieldValueType: Readonly<Record<CustomFieldType, ValueType>> = {
  text: 'text',
  longText: 'text',
  number: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamp',
  select: 'text',
  multiSelect: 'textList',
  email: 'text',
  phone: 'text',
  url: 'text',
  money: 'number',
  relation: 'text',
};

/** Types whose values can be declared unique (scalars with a stable text form). */
export const uniqueCapableTypes: ReadonlySet<CustomFieldType> = new Set([
  'text',
  'number',
  'decimal',
  'date',
  'datetime',
  'select',
  'email',
  'phone',
  'url',
  'relation',
]);
