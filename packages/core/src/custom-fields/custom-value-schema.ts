import * as z from 'zod';
import { normalisePhone } from '../entities/phone';
import {
  currency,
  e164,
  emailAddress,
  idRef,
  instant,
  isoDate,
  minorUnits,
  storableNumber,
  storableString,
} from '../entities/values';
import type { CustomFieldDefinition } from './custom-field-definition';

type Bounds = Pick<CustomFieldDefinition, 'min' | 'max'>;

const numericBound = (value: number | string | null) => (typeof value === 'number' ? value : undefined);
const textBound = (value: number | string | null) => (typeof value === 'string' ? value : undefined);

function boundedNumber(schema: z.ZodNumber, { min, max }: Bounds): z.ZodNumber {
  let bounded = schema;
  if (numericBound(min) !== undefined) bounded = bounded.min(numericBound(min) as number);
  if (numericBound(max) !== undefined) bounded = bounded.max(numericBound(max) as number);
  return bounded;
}

function boundedText(definition: CustomFieldDefinition, defaultMax: number): z.ZodType<string> {
  let schema = storableString()
    .trim()
    .max(numericBound(definition.max) ?? defaultMax);
  if (numericBound(definition.min) !== undefined) schema = schema.min(numericBound(definition.min) as number);
  if (definition.pattern === null) return schema;
  const pattern = new RegExp(`^(?:${definition.pattern})$`, 'u');
  return schema.refine((value) => pattern.test(value), {
    message: `Does not match the pattern ${definition.pattern}`,
  });
}

/**
 * Dates and instants compare as their stored ISO text, so a bound is brought to that form first: an
 * instant bound written with an offset or without milliseconds would otherwise compare as text, wrongly.
 */
export function storedBound(type: 'date' | 'datetime', bound: number | string | null): string | undefined {
  const text = textBound(bound);
  if (text === undefined || type === 'date') return text;
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString();
}

function boundedDate<T extends z.ZodType<string>>(
  schema: T,
  type: 'date' | 'datetime',
  { min, max }: Bounds,
): z.ZodType<string> {
  const lower = storedBound(type, min);
  const upper = storedBound(type, max);
  return schema
    .refine((value) => lower === undefined || value >= lower, { message: `Earliest allowed is ${lower}` })
    .refine((value) => upper === undefined || value <= upper, { message: `Latest allowed is ${upper}` });
}

function hasScale(value: number, scale: number): boolean {
  const scaled = value * 10 ** scale;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function optionSchema(definition: CustomFieldDefinition) {
  const values = new Set(definition.options.map((option) => option.value));
  return z.string().refine((value) => values.has(value), { message: 'Not one of the options' });
}

/**
 * The zod schema of one custom field's non-null value, built from its definition at run time.
 * `defaultCountry` reads phone numbers written without a country code.
 *
 * @example
 * ```ts
 * customValueSchema(scoreDefinition, null).parse(42); // 42, or throws for 'forty-two'
 * ```
 */
export function customValueSchema(
  definition: CustomFieldDefinition,
  defaultCountry: string | null,
): z.ZodType {
  switch (definition.type) {
    case 'text':
      return boundedText(definition, 1_000);
    case 'longText':
      return boundedText(definition, 100_000);
    case 'number':
      return boundedNumber(storableNumber().int('Expected a whole number'), definition);
    case 'decimal': {
      const scale = definition.scale ?? 2;
      return boundedNumber(storableNumber(), definition).refine((value) => hasScale(value, scale), {
        message: `At most ${scale} digits after the point`,
      });
    }
    case 'boolean':
      return z.boolean();
    case 'date':
      return boundedDate(isoDate(), 'date', definition);
    case 'datetime':
      return boundedDate(instant(), 'datetime', definition);
    case 'select':
      return optionSchema(definition);
    case 'multiSelect': {
      let list = z.array(optionSchema(definition)).transform((values) => [...new Set(values)]);
      const min = numericBound(definition.min);
      const max = numericBound(definition.max);
      if (min !== undefined)
        list = list.refine((values) => values.length >= min, { message: `Choose at least ${min}` });
      if (max !== undefined)
        list = list.refine((values) => values.length <= max, { message: `Choose at most ${max}` });
      return list;
    }
    case 'email':
      return emailAddress();
    case 'phone':
      return z
        .string()
        .transform((value) => normalisePhone(value, defaultCountry))
        .pipe(e164());
    case 'url':
      return z.url({ protocol: /^https?$/, message: 'Use an http or https URL' }).max(2_000);
    case 'money':
      return z.strictObject({ amount: boundedNumber(minorUnits(), definition), currency: currency() });
    case 'relation':
      return idRef();
  }
}
