import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A calendar date, `YYYY-MM-DD`: a day of the tenant's calendar, not an instant. */
export type CalendarDate = string;

/**
 * The calendar date an instant falls on in a time zone.
 *
 * @example
 * ```ts
 * todayIn(new Date('2025-01-15T23:30:00Z'), 'Europe/Paris'); // '2025-01-16'
 * ```
 */
export function todayIn(now: Date, timeZone: string): CalendarDate {
  return dayjs(now).tz(timeZone).format('YYYY-MM-DD');
}

/**
 * The first instant of a calendar date in a time zone, as ISO-8601 UTC with milliseconds. Where the
 * day starts in a daylight-saving gap (midnight does not exist), it is the first instant that does; where
 * clocks went back across midnight, the first of the two midnights; a day a zone skipped entirely starts
 * where the next day starts.
 *
 * @example
 * ```ts
 * startOfDayIn('2024-03-31', 'Europe/Paris'); // '2024-03-30T23:00:00.000Z'
 * ```
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): string {
  const midnight = dayjs.tz(date, timeZone);
  const justBefore = dayjs(midnight.valueOf() - 1).tz(timeZone);
  if (justBefore.format('YYYY-MM-DD') !== date) return midnight.toISOString();
  // Clocks went back across midnight, so midnight came twice and dayjs took the second: the day began at
  // the first, earlier by the change of offset.
  const shift = justBefore.utcOffset() - midnight.utcOffset();
  return new Date(midnight.valueOf() - shift * 60_000).toISOString();
}

/**
 * A calendar date moved by whole units. Months and years keep the day of the month, or take the last day
 * of a shorter month (31 January plus one month is 28 or 29 February).
 *
 * @example
 * ```ts
 * addToDate('2024-01-31', 1, 'month'); // '2024-02-29'
 * ```
 */
export function addToDate(date: CalendarDate, amount: number, unit: 'day' | 'month' | 'year'): CalendarDate {
  return dayjs.utc(date).add(amount, unit).format('YYYY-MM-DD');
}

/** The day of the week of a calendar date, Monday 0 to Sunday 6 (ISO 8601 order). */
export function isoWeekdayIndex(date: CalendarDate): number {
  return (dayjs.utc(date).day() + 6) % 7;
}

/** Whether a year has 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether a string names a time zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
