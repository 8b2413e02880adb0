import * as z from 'zod';
import { activityTypes } from '../entities/activity';
import { optionalText, storableString } from '../entities/values';
import type { Filter } from '../filter/filter-types';

/** The most fit rules and engagement rules a configuration holds: each is evaluated for every lead scored. */
export const maxScoringRules = 50;

/**
 * A fit rule: who the lead is. When its filter holds for the person, the lead gets its points.
 *
 * @example
 * ```ts
 * const eu: FitRule = { key: 'eu', label: 'In the EU', filter: { field: 'region', op: 'eq', value: 'EU' }, points: 10 };
 * ```
 */
export interface FitRule {
  readonly key: string;
  readonly label: string | null;
  /** A filter over the person: fields, custom fields, related records, segments. */
  readonly filter: Filter;
  /** Whole points, negative for a poor fit. */
  readonly points: number;
}

/**
 * An engagement rule: what the lead did. Each of the lead's activities of the type (and direction, when
 * given) gives the points, halved every half-life since the day it happened.
 *
 * @example
 * ```ts
 * const meetings: EngagementRule = { key: 'meeting', label: null, type: 'meeting', direction: null, points: 20 };
 * ```
 */
export interface EngagementRule {
  readonly key: string;
  readonly label: string | null;
  readonly type: (typeof activityTypes)[number];
  /** Only activities of this direction; null for either. */
  readonly direction: 'inbound' | 'outbound' | null;
  readonly points: number;
}

/**
 * A tenant's lead scoring configuration, as stored.
 *
 * @example
 * ```ts
 * const { version, fit, engagement, halfLifeDays } = await crm.leads.scoring();
 * ```
 */
export interface LeadScoringConfig {
  /** 0 until first configured: no rules, every lead scores 0. */
  readonly version: number;
  readonly fit: readonly FitRule[];
  /** Tried in order: an activity counts for the first rule it matches. */
  readonly engagement: readonly EngagementRule[];
  /** Days after which an activity gives half its points (30 by default). */
  readonly halfLifeDays: number;
  /** Activities older than this many days count nothing (365 by default). */
  readonly maxAgeDays: number;
  readonly updatedAt: string | null;
}

/**
 * What `leads.configureScoring` takes: the whole configuration, replacing the one before.
 *
 * @example
 * ```ts
 * const input: LeadScoringInput = {
 *   fit: [
 *     { key: 'eu', filter: { field: 'region', op: 'eq', value: 'EU' }, points: 10 },
 *     { key: 'director', filter: { field: 'title', op: 'contains', value: 'director', mode: 'insensitive' }, points: 15 },
 *   ],
 *   engagement: [{ type: 'meeting', points: 20 }, { type: 'email', direction: 'inbound', points: 5 }],
 *   halfLifeDays: 14,
 * };
 * ```
 */
export interface LeadScoringInput {
  readonly fit?: readonly {
    readonly key: string;
    readonly label?: string | null;
    readonly filter: Filter<'person'> | Filter;
    readonly points: number;
  }[];
  readonly engagement?: readonly {
    /** Defaults to the type, with the direction when given (`email.inbound`). */
    readonly key?: string;
    readonly label?: string | null;
    readonly type: (typeof activityTypes)[number];
    readonly direction?: 'inbound' | 'outbound' | null;
    readonly points: number;
  }[];
  readonly halfLifeDays?: number;
  readonly maxAgeDays?: number;
}

const ruleKey = storableString().trim().min(1, 'A rule needs a key').max(50);
const points = z.number().int('Points are whole numbers').min(-1000).max(1000);

function uniqueKeys(rules: readonly { key: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    if (seen.has(rule.key))
      ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `Rule "${rule.key}" is listed twice` });
    seen.add(rule.key);
  });
}

const fitRule = z.strictObject({
  key: ruleKey,
  label: optionalText(200),
  // Checked by resolving it against the tenant's schema, with the path of the offending node.
  filter: z.custom<Filter>(
    (value) => typeof value === 'object' && value !== null,
    'A fit rule needs a filter',
  ),
  points,
});

const engagementRule = z
  .strictObject({
    key: ruleKey.optional(),
    label: optionalText(200),
    type: z.enum(activityTypes),
    direction: z
      .enum(['inbound', 'outbound'])
      .nullish()
      .transform((value) => value ?? null),
    points,
  })
  .transform((rule) => ({
    ...rule,
    key: rule.key ?? (rule.direction === null ? rule.type : `${rule.type}.${rule.direction}`),
  }));

/** The schema of {@link LeadScoringInput}, before fit filters are resolved. */
export const scoringInputSchema = z.strictObject({
  fit: z.array(fitRule).max(maxScoringRules).superRefine(uniqueKeys).default([]),
  engagement: z.array(engagementRule).max(maxScoringRules).superRefine(uniqueKeys).default([]),
  halfLifeDays: z.number().positive('The half-life is a number of days above 0').max(3650).default(30),
  maxAgeDays: z.number().int().min(1).max(3650).default(365),
});

/** The configuration of a tenant that never configured lead scoring. */
export const unconfiguredScoring: LeadScoringConfig = {
  version: 0,
  fit: [],
  engagement: [],
  halfLifeDays: 30,
  maxAgeDays: 365,
  updatedAt: null,
};
