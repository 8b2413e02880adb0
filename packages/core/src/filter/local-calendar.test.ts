import { describe, expect, it } from 'vitest';
import { addToDate, isLeapYear, isoWeekdayIndex, startOfDayIn, todayIn } from './local-calendar';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone} ${withTime}`;
  let format = formats.get(key);
  if (format === undefined) {
    const time = withTime ? ({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const) : {};
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...time,
    });
    formats.set(key, format);
  }
  return format;
}

/** The calendar date of an instant in a zone, by the runtime's own time zone data: the reference. */
function intlDate(instant: Date, timeZone: string): string {
  return formatIn(timeZone, false).format(instant);
}

/**
 * The days of 2024 worth checking in a zone: the first of each month, and the days around each change of
 * offset (read from the local time at noon UTC, which moves when the offset does).
 */
function daysToCheck(timeZone: string): string[] {
  const days = new Set<string>();
  let previous: string | undefined;
  for (let date = '2024-01-01'; date < '2025-01-02'; date = addToDate(date, 1, 'day')) {
    const noon = formatIn(timeZone, true)
      .format(new Date(`${date}T12:00:00Z`))
      .slice(-5);
    if (date.endsWith('-01')) days.add(date);
    if (previous !== undefined && noon !== previous)
      for (const offset of [-2, -1, 0, 1]) days.add(addToDate(date, offset, 'day'));
    previous = noon;
  }
  return [...days];
}

// Zones with daylight saving at midnight (Santiago, Havana, Beirut), half and quarter hour offsets, the
// farthest from UTC both ways, and a southern-hemisphere half-hour DST shift.
const zones = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('todayIn', () => {
  it('reads the date in the zone, not in UTC', () => {
    const instant = new Date('2025-01-15T23:30:00Z');
    expect(todayIn(instant, 'UTC')).toBe('2025-01-15');
    expect(todayIn(instant, 'Europe/Paris')).toBe('2025-01-16');
    expect(todayIn(new Date('2025-01-15T09:30:00Z'), 'Pacific/Kiritimati')).toBe('2025-01-15');
    expect(todayIn(new Date('2025-01-15T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2025-01-16');
    expect(todayIn(new Date('2025-01-15T10:59:59.999Z'), 'Pacific/Pago_Pago')).toBe('2025-01-14');
    expect(todayIn(new Date('2025-01-15T11:00:00Z'), 'Pacific/Pago_Pago')).toBe('2025-01-15');
  });

  it('crosses the year end at local midnight', () => {
    expect(todayIn(new Date('2024-12-31T22:59:59.999Z'), 'Europe/Paris')).toBe('2024-12-31');
    expect(todayIn(new Date('2024-12-31T23:00:00Z'), 'Europe/Paris')).toBe('2025-01-01');
    expect(todayIn(new Date('2025-01-01T04:59:59.999Z'), 'America/New_York')).toBe('2024-12-31');
  });

  it('agrees with the runtime time zone data on both sides of every local midnight', () => {
    for (const zone of zones) {
      for (const date of daysToCheck(zone)) {
        const start = Date.parse(startOfDayIn(date, zone));
        expect(todayIn(new Date(start), zone), `${date} in ${zone}`).toBe(date);
        const before = new Date(start - 1);
        expect(todayIn(before, zone), `before ${date} in ${zone}`).toBe(intlDate(before, zone));
      }
    }
  });
});

describe('startOfDayIn', () => {
  it('is local midnight as UTC on both sides of daylight saving changes', () => {
    expect(startOfDayIn('2024-03-30', 'Europe/Paris')).toBe('2024-03-29T23:00:00.000Z');
    expect(startOfDayIn('2024-03-31', 'Europe/Paris')).toBe('2024-03-30T23:00:00.000Z');
    expect(startOfDayIn('2024-04-01', 'Europe/Paris')).toBe('2024-03-31T22:00:00.000Z');
    expect(startOfDayIn('2024-10-27', 'Europe/Paris')).toBe('2024-10-26T22:00:00.000Z');
    expect(startOfDayIn('2024-10-28', 'Europe/Paris')).toBe('2024-10-27T23:00:00.000Z');
    expect(startOfDayIn('2024-03-10', 'America/New_York')).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDayIn('2024-03-11', 'America/New_York')).toBe('2024-03-11T04:00:00.000Z');
  });

  it('is the first instant that exists when midnight falls in a gap', () => {
    // Chile moves from 00:00 to 01:00 on 8 September 2024: the day starts at 01:00 -03, 04:00 UTC.
    expect(startOfDayIn('2024-09-08', 'America/Santiago')).toBe('2024-09-08T04:00:00.000Z');
    expect(startOfDayIn('2024-09-09', 'America/Santiago')).toBe('2024-09-09T03:00:00.000Z');
  });

  it('is the first of two midnights when clocks go back across midnight', () => {
    // Cuba went from 01:00 back to 00:00 on 3 November 2024: the day began at the first midnight, -04:00.
    expect(startOfDayIn('2024-11-03', 'America/Havana')).toBe('2024-11-03T04:00:00.000Z');
    expect(startOfDayIn('2024-11-04', 'America/Havana')).toBe('2024-11-04T05:00:00.000Z');
  });

  it('gives a skipped day no instants: Samoa went from 29 to 31 December 2011', () => {
    expect(startOfDayIn('2011-12-30', 'Pacific/Apia')).toBe(startOfDayIn('2011-12-31', 'Pacific/Apia'));
    expect(startOfDayIn('2011-12-29', 'Pacific/Apia')).toBe('2011-12-29T10:00:00.000Z');
  });

  it('starts each day exactly where the runtime says the date begins, around every offset change', () => {
    for (const zone of zones) {
      for (const date of daysToCheck(zone)) {
        const start = new Date(startOfDayIn(date, zone));
        expect(intlDate(start, zone), `${date} in ${zone}`).toBe(date);
        expect(intlDate(new Date(start.getTime() - 1), zone) < date, `before ${date} in ${zone}`).toBe(true);
      }
    }
  });
});

describe('calendar arithmetic', () => {
  it('moves by days across month and year ends and 29 February', () => {
    expect(addToDate('2024-12-31', 1, 'day')).toBe('2025-01-01');
    expect(addToDate('2024-02-28', 1, 'day')).toBe('2024-02-29');
    expect(addToDate('2025-02-28', 1, 'day')).toBe('2025-03-01');
    expect(addToDate('2025-01-01', -1, 'day')).toBe('2024-12-31');
  });

  it('keeps the day of the month, or takes the last day of a shorter month', () => {
    expect(addToDate('2024-01-31', 1, 'month')).toBe('2024-02-29');
    expect(addToDate('2025-01-31', 1, 'month')).toBe('2025-02-28');
    expect(addToDate('2025-03-31', -1, 'month')).toBe('2025-02-28');
    expect(addToDate('2024-02-29', 1, 'year')).toBe('2025-02-28');
    expect(addToDate('2024-02-29', 4, 'year')).toBe('2028-02-29');
  });

  it('numbers weekdays from Monday', () => {
    expect(isoWeekdayIndex('2025-01-13')).toBe(0);
    expect(isoWeekdayIndex('2025-01-19')).toBe(6);
  });

  it('knows leap years', () => {
    expect([2024, 2025, 1900, 2000, 2100].map(isLeapYear)).toEqual([true, false, false, true, false]);
  });
});
