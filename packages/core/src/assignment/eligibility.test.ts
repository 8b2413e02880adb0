import { describe, expect, it } from 'vitest';
import type { MemberTraits } from './eligibility';
import { availabilitySkip, matchSkip, periodStart, quotaOf } from './eligibility';

const ann: MemberTraits = {
  id: 'ann',
  active: true,
  archivedAt: null,
  awayUntil: null,
  assignmentOptOut: false,
  region: 'North',
  industries: ['Retail', 'Banking'],
  languages: ['en', 'fr'],
  skills: ['enterprise'],
};
const now = '2025-01-15T09:30:00.000Z';

describe('availability', () => {
  it('lets an active member who is not away or opted out take records', () => {
    expect(availabilitySkip(ann, now)).toBeUndefined();
  });

  it('skips archived, inactive and opted-out members', () => {
    expect(availabilitySkip({ ...ann, archivedAt: now }, now)?.reason).toBe('archived');
    expect(availabilitySkip({ ...ann, active: false }, now)?.reason).toBe('inactive');
    expect(availabilitySkip({ ...ann, assignmentOptOut: true }, now)?.reason).toBe('optedOut');
  });

  it('skips a member away until a later instant, and not once that instant has come', () => {
    expect(availabilitySkip({ ...ann, awayUntil: '2025-01-15T09:30:00.001Z' }, now)).toEqual({
      reason: 'away',
      detail: 'away until 2025-01-15T09:30:00.001Z',
    });
    expect(availabilitySkip({ ...ann, awayUntil: now }, now)).toBeUndefined();
  });

  it('reads a member stored before the assignment fields (nulls) as available', () => {
    expect(availabilitySkip({ ...ann, assignmentOptOut: null }, now)).toBeUndefined();
  });
});

describe('matching', () => {
  it('matches region, industries, languages and skills without regard to case', () => {
    expect(
      matchSkip(ann, [
        { attribute: 'region', field: 'region', values: ['north'] },
        { attribute: 'industry', field: 'company.industry', values: ['banking'] },
        { attribute: 'language', field: 'custom.language', values: ['FR'] },
        { attribute: 'skill', field: 'custom.segment', values: ['Enterprise'] },
      ]),
    ).toBeUndefined();
  });

  it('reports the first criterion a member fails, with both sides', () => {
    expect(
      matchSkip(ann, [
        { attribute: 'region', field: 'region', values: ['North'] },
        { attribute: 'language', field: 'custom.language', values: ['de'] },
      ]),
    ).toEqual({
      reason: 'noMatch',
      detail: 'language: the record has de (custom.language), the member en, fr',
    });
  });

  it('lets a record without a value match every member, and a member without values match no value', () => {
    expect(matchSkip(ann, [{ attribute: 'region', field: 'region', values: [] }])).toBeUndefined();
    expect(
      matchSkip({ ...ann, region: null }, [{ attribute: 'region', field: 'region', values: ['North'] }]),
    ).toMatchObject({ reason: 'noMatch' });
  });

  it('matches a record with several values when any of them is the member’s', () => {
    expect(
      matchSkip(ann, [{ attribute: 'skill', field: 'custom.needs', values: ['smb', 'enterprise'] }]),
    ).toBeUndefined();
  });
});

describe('capacity periods', () => {
  const at = new Date('2025-01-15T09:30:00.000Z'); // a Wednesday

  it('starts the day, the week (Monday) and the month in the tenant’s time zone', () => {
    expect(periodStart(at, 'day', 'UTC')).toBe('2025-01-15T00:00:00.000Z');
    expect(periodStart(at, 'week', 'UTC')).toBe('2025-01-13T00:00:00.000Z');
    expect(periodStart(at, 'month', 'UTC')).toBe('2025-01-01T00:00:00.000Z');
    expect(periodStart(at, 'week', 'Europe/Paris')).toBe('2025-01-12T23:00:00.000Z');
    // 22:30 on the 15th in Auckland (UTC+13), whose day began at 11:00 UTC on the 14th.
    expect(periodStart(at, 'day', 'Pacific/Auckland')).toBe('2025-01-14T11:00:00.000Z');
  });

  it('takes the member’s own capacity before the rule’s limit', () => {
    expect(quotaOf(5, 20)).toBe(5);
    expect(quotaOf(0, 20)).toBe(0);
    expect(quotaOf(null, 20)).toBe(20);
    expect(quotaOf(null, null)).toBeUndefined();
  });
});
