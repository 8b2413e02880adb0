import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

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
  const parsed = parsePhoneNumberFromString(trimmed, (defaultCountry ?? undefined) as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : trimmed;
}
