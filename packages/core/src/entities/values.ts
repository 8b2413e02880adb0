import * as z from 'zod';

/**
 * Zod building blocks shared by the entity schemas, so every entity normalises the same way: text is
 * trimmed and an empty optional text becomes null; instants become ISO-8601 UTC with milliseconds;
 * currencies are upper-cased ISO 4217 codes; money is an integer of minor units.
 */

const maxText = 1_000;
const maxLongText = 100_000;

// Postgres stores no U+0000 in text or jsonb, and a lone surrogate has no UTF-8 form (engines would store
// U+FFFD instead). Refusing both keeps every adapter storing exactly what it was given.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point of this pattern.
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string every adapter can store as given: no NUL character, no lone surrogate. */
export const storableString = () =>
  z.string().refine((value) => !unstorable.test(value), {
    message: 'Text cannot hold a NUL character or a lone surrogate',
  });

/** Required text, trimmed, not empty. */
export const requiredText = (max = maxText) => storableString().trim().min(1, 'Required').max(max);

/** Optional text, trimmed; empty becomes null. */
export const optionalText = (max = maxText) =>
  storableString()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value === '' || value === undefined ? null : value));

/** Optional long text (bodies, notes). */
export const optionalLongText = () => optionalText(maxLongText);

/** An id of another record (UUIDv7 made by Rapport, or a host's member id). */
export const idRef = () => storableString().trim().min(1).max(255);

/** An optional reference to another record. */
export const optionalRef = () =>
  idRef()
    .nullish()
    .transform((value) => value ?? null);

const currencies = new Set<string>(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code, upper-cased. */
export const currency = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => currencies.has(code), { message: 'Unknown ISO 4217 currency code' });

/** Money in integer minor units (cents): never a float. */
export const minorUnits = () => storableNumber().int('Money is an integer of minor units');

const largestNumber = Number.MAX_SAFE_INTEGER;

/**
 * A number every adapter stores and adds up alike: at most 2^53 - 1 in size, the largest a double holds
 * to the unit. Sums of such numbers never overflow, where Postgres would fail on a sum beyond
 * double precision's range and JavaScript would give Infinity.
 */
export const storableNumber = () =>
  z
    .number()
    .min(-largestNumber, `Numbers are at least -${largestNumber}`)
    .max(largestNumber, `Numbers are at most ${largestNumber}`);

/** A date without time, `YYYY-MM-DD`, checked against the calendar (no 30 February). */
export const isoDate = () => z.iso.date();

/** An optional date. */
export const optionalDate = () =>
  isoDate()
    .nullish()
    .transform((value) => value ?? null);

/** An instant: a Date or an ISO-8601 string with offset, stored as UTC with milliseconds. */
export const instant = () =>
  z
    .union([z.date(), z.iso.datetime({ offset: true })])
    .transform((value) => new Date(value).toISOString())
    .refine((value) => value.length === 24, { message: 'Instant out of range' });

/** An optional instant. */
export const optionalInstant = () =>
  instant()
    .nullish()
    .transform((value) => value ?? null);

/** A list of unique, trimmed, non-empty strings (tags, skills). Order is kept; duplicates are dropped. */
export const textSet = () =>
  z
    .array(requiredText(100))
    .max(200)
    .default([])
    .transform((values) => [...new Set(values)]);

/** A list of ids, duplicates dropped. */
export const idSet = () =>
  z
    .array(idRef())
    .max(1_000)
    .default([])
    .transform((values) => [...new Set(values)]);

/** An email address, trimmed and lower-cased. */
export const emailAddress = () => z.string().trim().toLowerCase().pipe(z.email('Invalid email address'));

/** A phone number in E.164 (`+14155550100`); the write path converts local numbers before validation. */
export const e164 = () => z.string().regex(/^\+[1-9]\d{6,14}$/, 'Invalid phone number');

/** A postal address. */
export const address = () =>
  z
    .strictObject({
      line1: optionalText(),
      line2: optionalText(),
      city: optionalText(),
      region: optionalText(),
      postalCode: optionalText(40),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code')
        .nullish()
        .transform((value) => value ?? null),
    })
    .nullish()
    .transform((value) => value ?? null);

/** One value of an enum, required. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);
