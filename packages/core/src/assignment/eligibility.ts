import { periodRange } from '../filter/date-ranges';
import { startOfDayIn, todayIn } from '../filter/local-calendar';
import type { CapacityPeriod, MatchAttribute } from './assignment-rule';

/** Why a member of a rule's pool was not eligible for a record. */
export type SkipReason = 'archived' | 'inactive' | 'optedOut' | 'away' | 'noMatch' | 'atCapacity';

/** A member as eligibility reads it (the member record's fields). */
export interface MemberTraits {
  readonly id: string;
  readonly active: boolean;
  readonly archivedAt: string | null;
  readonly awayUntil: string | null;
  readonly assignmentOptOut: boolean | null;
  readonly region: string | null;
  readonly industries: readonly string[] | null;
  readonly languages: readonly string[] | null;
  readonly skills: readonly string[] | null;
}

/** A skip with a sentence that says why, for the decision's explanation. */
export interface Skip {
  readonly reason: SkipReason;
  readonly detail: string;
}

/**
 * Whether a member can take records at all at `now`: archived, inactive, opted out of assignment and away
 * (until an instant after `now`) members are skipped, in that order of precedence.
 *
 * @example
 * ```ts
 * availabilitySkip({ ...ann, awayUntil: '2025-01-20T00:00:00.000Z' }, '2025-01-15T09:30:00.000Z');
 * // { reason: 'away', detail: 'away until 2025-01-20T00:00:00.000Z' }
 * ```
 */
export function availabilitySkip(member: MemberTraits, now: string): Skip | undefined {
  if (member.archivedAt !== null) return { reason: 'archived', detail: 'archived' };
  if (!member.active) return { reason: 'inactive', detail: 'inactive' };
  if (member.assignmentOptOut === true) return { reason: 'optedOut', detail: 'opted out of assignment' };
  if (member.awayUntil !== null && member.awayUntil > now)
    return { reason: 'away', detail: `away until ${member.awayUntil}` };
  return undefined;
}

/** One criterion with the record's values for it (empty: the record does not narrow the members). */
export interface RecordCriterion {
  readonly attribute: MatchAttribute;
  readonly field: string;
  readonly values: readonly string[];
}

const fold = (value: string) => value.toLocaleLowerCase('und');

function memberValues(member: MemberTraits, attribute: MatchAttribute): readonly string[] {
  switch (attribute) {
    case 'region':
      return member.region === null ? [] : [member.region];
    case 'industry':
      return member.industries ?? [];
    case 'language':
      return member.languages ?? [];
    case 'skill':
      return member.skills ?? [];
  }
}

/**
 * The first criterion a member fails for a record: the record's value (any of them, for a list) must be
 * among the member's values of the attribute, compared without regard to case. A criterion the record has
 * no value for is met by every member.
 *
 * @example
 * ```ts
 * matchSkip(ann, [{ attribute: 'language', field: 'custom.language', values: ['de'] }]);
 * // { reason: 'noMatch', detail: 'language: the record has de (custom.language), the member en, fr' }
 * ```
 */
export function matchSkip(member: MemberTraits, criteria: readonly RecordCriterion[]): Skip | undefined {
  for (const criterion of criteria) {
    if (criterion.values.length === 0) continue;
    const own = memberValues(member, criterion.attribute);
    const folded = new Set(own.map(fold));
    if (criterion.values.some((value) => folded.has(fold(value)))) continue;
    const has = own.length === 0 ? 'none' : own.join(', ');
    return {
      reason: 'noMatch',
      detail: `${criterion.attribute}: the record has ${criterion.values.join(', ')} (${criterion.field}), the member ${has}`,
    };
  }
  return undefined;
}

/**
 * The first instant of the capacity period `now` falls in, in the tenant's time zone: the day, the week
 * (from Monday) or the month.
 *
 * @example
 * ```ts
 * periodStart(new Date('2025-01-15T09:30:00Z'), 'week', 'Europe/Paris'); // '2025-01-12T23:00:00.000Z'
 * ```
 */
export function periodStart(now: Date, period: CapacityPeriod, timeZone: string): string {
  const today = todayIn(now, timeZone);
  const name = period === 'day' ? 'today' : period === 'week' ? 'thisWeek' : 'thisMonth';
  return startOfDayIn(periodRange(today, name, 1).start, timeZone);
}

/**
 * A member's quota for a period: their own `capacity` when set, else the rule's limit; undefined when
 * neither sets one (no limit).
 *
 * @example
 * ```ts
 * quotaOf(5, 20); // 5
 * quotaOf(null, 20); // 20
 * ```
 */
export function quotaOf(
  memberCapacity: number | null,
  ruleLimit: number | null | undefined,
): number | undefined {
  return memberCapacity ?? ruleLimit ?? undefined;
}
