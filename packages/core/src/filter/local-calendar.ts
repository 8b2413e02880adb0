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
  const time = now.getTime();
  // Outside four-digit years the formatter's year needs an era and padding: dayjs spells those out.
  if (!(time >= fourDigitYears.from && time < fourDigitYears.until))
    return dayjs(now).tz(timeZone).format('YYYY-MM-DD');
  const parts = dateFormatIn(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// A day's margin on each side: the date in any zone of an instant in this range has a four-digit year.
const fourDigitYears = { from: Date.UTC(1000, 0, 2), until: Date.UTC(9999, 11, 31) };

// Making an Intl formatter costs far more than using one: resolving a filter asks for today's date on
// every call, so each zone's formatter is made once. Only zones Intl accepts get one.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
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
  const key = `${timeZone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = computeStartOfDay(date, timeZone);
    if (dayStarts.size >= maxDayStarts) dayStarts.delete(dayStarts.keys().next().value as string);
    dayStarts.set(key, start);
  }
  return start;
}

// Day starts are pure functions of the date and the zone, and filters ask for the same few again and
// again (the bounds of "the last 30 days" move once a day): the latest ones are kept.
const dayStarts = new Map<string, string>();
const maxDayStarts = 10_000;

function computeStartOfDay(date: CalendarDate, timeZone: string): string {
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
  if (dateFormats.has(zone)) return true;
  try {
    dateFormatIn(zone);
    return true;
  } catch {
    return false;
  }
}
