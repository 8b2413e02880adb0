import type { Explanation } from '../segments/explanation';
import type { Row } from '../storage/schema';
import { daysBetween, decayedPoints, decayFactor, totalScore } from './score-math';
import type { EngagementRule, LeadScoringConfig } from './scoring-config';

/**
 * One fit rule for one lead: whether its filter held and the points it gave (its points, or 0).
 *
 * @example
 * ```ts
 * // { key: 'eu', label: 'In the EU', matched: true, rulePoints: 10, points: 10, explanation: { kind: 'comparison', ... } }
 * ```
 */
export interface FitResult {
  readonly key: string;
  readonly label: string | null;
  readonly matched: boolean;
  /** The rule's points. */
  readonly rulePoints: number;
  /** What it gave this lead: `rulePoints` when matched, else 0. */
  readonly points: number;
  /** Why the filter held or not (given by `leads.score`, left out of rankings). */
  readonly explanation?: Explanation;
}

/**
 * What one activity gave a lead: the points of the rule it matched, decayed by its age in days.
 *
 * @example
 * ```ts
 * // { activityId, type: 'meeting', direction: null, occurredAt: '2025-01-01T10:00:00.000Z', day: '2025-01-01',
 * //   ageDays: 14, rule: 'meeting', rulePoints: 20, decay: 0.5, points: 10 }
 * ```
 */
export interface EngagementContribution {
  readonly activityId: string;
  readonly type: string;
  readonly direction: string | null;
  readonly occurredAt: string;
  /** The day it happened in the tenant's time zone. */
  readonly day: string;
  /** Whole days from that day to today, in the tenant's calendar. */
  readonly ageDays: number;
  readonly rule: string;
  readonly rulePoints: number;
  /** `0.5 ^ (ageDays / halfLifeDays)`. */
  readonly decay: number;
  /** `rulePoints × decay`, rounded to two decimals. */
  readonly points: number;
}

/**
 * A lead's score and why: each fit rule with whether it matched, each activity's decayed contribution.
 * `score` is `fitPoints + engagementPoints` rounded to a whole number.
 *
 * @example
 * ```ts
 * const { score, fit, engagement } = await crm.leads.score(lead.id);
 * ```
 */
export interface LeadScore {
  readonly personId: string;
  readonly score: number;
  readonly fitPoints: number;
  /** The sum of the contributions, two decimals. */
  readonly engagementPoints: number;
  readonly fit: readonly FitResult[];
  /** Newest activity first. */
  readonly engagement: readonly EngagementContribution[];
  /** The instant scored at, by the CRM clock; ages are counted from its day in the tenant's time zone. */
  readonly at: string;
  /** The scoring configuration's version. */
  readonly configVersion: number;
}

/** The first engagement rule an activity row matches, in list order. */
function ruleFor(rules: readonly EngagementRule[], activity: Row): EngagementRule | undefined {
  return rules.find(
    (rule) =>
      rule.type === activity.type && (rule.direction === null || rule.direction === activity.direction),
  );
}

/**
 * The engagement contributions of a lead's activities, given the day each happened in the tenant's
 * calendar: activities that match no rule, lie ahead of today or are older than `maxAgeDays` give none.
 *
 * @example
 * ```ts
 * const contributions = engagementOf(activities, config, '2025-01-15', (row) => '2025-01-01');
 * ```
 */
export function engagementOf(
  activities: readonly Row[],
  config: Pick<LeadScoringConfig, 'engagement' | 'halfLifeDays' | 'maxAgeDays'>,
  today: string,
  dayOf: (activity: Row) => string,
): EngagementContribution[] {
  const contributions: EngagementContribution[] = [];
  for (const activity of activities) {
    const rule = ruleFor(config.engagement, activity);
    if (rule === undefined) continue;
    const day = dayOf(activity);
    const ageDays = daysBetween(day, today);
    if (ageDays < 0 || ageDays > config.maxAgeDays) continue;
    contributions.push({
      activityId: activity.id as string,
      type: activity.type as string,
      direction: (activity.direction as string | null) ?? null,
      occurredAt: activity.occurred_at as string,
      day,
      ageDays,
      rule: rule.key,
      rulePoints: rule.points,
      decay: decayFactor(ageDays, config.halfLifeDays),
      points: decayedPoints(rule.points, ageDays, config.halfLifeDays),
    });
  }
  return contributions.sort(
    (a, b) => b.occurredAt.localeCompare(a.occurredAt) || a.activityId.localeCompare(b.activityId),
  );
}

/**
 * A lead's score from its fit results and engagement contributions.
 *
 * @example
 * ```ts
 * const score = assembleScore({ personId, at, configVersion: 3, fit, engagement });
 * ```
 */
export function assembleScore(parts: Omit<LeadScore, 'score' | 'fitPoints' | 'engagementPoints'>): LeadScore {
  const fitPoints = parts.fit.reduce((sum, rule) => sum + rule.points, 0);
  const contributions = parts.engagement.map((contribution) => contribution.points);
  const engagementPoints = Math.round(contributions.reduce((sum, points) => sum + points, 0) * 100) / 100;
  return {
    personId: parts.personId,
    score: totalScore(
      parts.fit.map((rule) => rule.points),
      contributions,
    ),
    fitPoints,
    engagementPoints,
    fit: parts.fit,
    engagement: parts.engagement,
    at: parts.at,
    configVersion: parts.configVersion,
  };
}
