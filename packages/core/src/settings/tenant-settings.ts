import * as z from 'zod';
import { currency } from '../entities/values';

/** Per-tenant settings: time zone, default currency, default country for phone numbers, fiscal year. */
export interface TenantSettings {
  readonly version: number;
  /** An IANA time zone such as `Europe/Paris`; relative dates and schedules use it. */
  readonly timeZone: string;
  /** The ISO 4217 currency a money field takes when none is given. */
  readonly defaultCurrency: string;
  /** The ISO 3166-1 country that phone numbers without a country code are read in. */
  readonly defaultCountry: string | null;
  /** The month (1-12) the fiscal year starts in. */
  readonly fiscalYearStartMonth: number;
}

/** The settings of a tenant that never saved any. */
export const defaultSettings: TenantSettings = {
  version: 0,
  timeZone: 'UTC',
  defaultCurrency: 'USD',
  defaultCountry: null,
  fiscalYearStartMonth: 1,
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The schema of a settings change. */
export const settingsChangesSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, { message: 'Unknown IANA time zone' }),
    defaultCurrency: currency(),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 country code')
      .nullable(),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
  })
  .partial();

/** What `settings.update` takes. */
export type SettingsChanges = z.input<typeof settingsChangesSchema>;
