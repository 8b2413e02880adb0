import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const e164Form = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number to E.164 with libphonenumber's metadata. Numbers without a `+` are read in
 * `defaultCountry`. Returns the input unchanged when it is not a valid number, so validation can report it.
 *
 * @example
 * ```ts
 * normalisePhone('(415) 555-0132', 'US'); // '+14155550132'
 * ```
 */
export function normalisePhone(input: string, defaultCountry: string | null): string {
  const trimmed = input.trim();
  // A number already in E.164 form is what normalising would produce: skip the costly parse, which bulk
  // imports of clean data would pay on every row.
  if (e164Form.test(trimmed)) return trimmed;
  const parsed = parsePhoneNumberFromString(
    trimmed,
    (defaultCountry ?? undefined) as CountryCode | undefined,
  );
  return parsed?.isValid() ? parsed.number : trimmed;
}
