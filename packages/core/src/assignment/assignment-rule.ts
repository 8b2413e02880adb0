import type { Filter } from '../filter/filter-types';

/** The entities whose records assignment rules give an owner to (people who are leads, companies, deals). */
export const assignableEntities = ['person', 'company', 'deal'] as const;

/** One of {@link assignableEntities}. */
export type AssignableEntity = (typeof assignableEntities)[number];

/**
 * How a rule picks one member among those eligible:
 * - `roundRobin`: the member this rule assigned to least recently (never first), so members take turns;
 * - `weighted`: shares in proportion to each member's weight (smooth weighted round robin), see
 *   {@link AssignmentWeights}.
 */
export const assignmentStrategies = ['roundRobin', 'weighted'] as const;

/** One of {@link assignmentStrategies}. */
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

/**
 * Where a weighted rule's weights come from:
 * - `member`: the member's `assignmentWeight`, a target the host sets (a member without one weighs 1);
 * - `wonAmount`: the amount of the deals the member owns that were won in the last `days` days, in
 *   `currency` (the tenant's default currency when not given; deals in other currencies do not count);
 * - `wonCount`: how many deals the member owns that were won in the last `days` days.
 *
 * A member of weight 0 receives nothing while another eligible member weighs more; when every eligible
 * member weighs 0 they share equally.
 */
export type AssignmentWeights =
  | { readonly by: 'member' }
  | { readonly by: 'wonAmount'; readonly days: number; readonly currency?: string }
  | { readonly by: 'wonCount'; readonly days: number };

/** The member attributes a rule can match against the record: territory and skills. */
export const matchAttributes = ['region', 'industry', 'language', 'skill'] as const;

/** One of {@link matchAttributes}. */
export type MatchAttribute = (typeof matchAttributes)[number];

/**
 * One condition a member must meet for the record: the record's value of `field` must be the member's
 * `region` (`region`, compared without regard to case), or be among the member's `industries`,
 * `languages` or `skills`. `field` is a field of the record (`region`, `custom.language`) or of its
 * company (`company.industry`); `region` and `industry` default to the record's own (or, for a person or
 * deal, its company's) field. A record with no value for the field does not narrow the members.
 *
 * @example
 * ```ts
 * const criteria: MatchCriterion[] = [{ attribute: 'region' }, { attribute: 'language', field: 'custom.language' }];
 * ```
 */
export interface MatchCriterion {
  readonly attribute: MatchAttribute;
  readonly field?: string;
}

/** Calendar periods capacity is counted in, in the tenant's time zone (weeks start on Monday). */
export const capacityPeriods = ['day', 'week', 'month'] as const;

/** One of {@link capacityPeriods}. */
export type CapacityPeriod = (typeof capacityPeriods)[number];

/**
 * A quota of records per period, as Odoo's: a member who has received `limit` records of the rule's entity
 * (from any rule) in the current period is skipped. The member's own `capacity` field, when set, is their
 * limit; `limit` is the limit of members without one (no limit when absent).
 */
export interface AssignmentCapacity {
  readonly period: CapacityPeriod;
  readonly limit?: number | null;
}

/**
 * Who a rule may assign to: the members named (in that order), or the members of a team, or every member of
 * the tenant. Members who are inactive, archived, away or opted out are always skipped.
 */
export interface AssignmentPool {
  readonly memberIds?: readonly string[];
  readonly team?: string;
}

/**
 * An assignment rule of a tenant. Rules of an entity are tried in `priority` order (lower first, ties in
 * the order they were created); the first whose `condition` holds for the record and that has an eligible
 * member assigns it.
 *
 * @example
 * ```ts
 * const rule: AssignmentRule = await crm.assignment.createRule({
 *   name: 'Northern leads', entity: 'person', strategy: 'roundRobin',
 *   condition: { field: 'region', op: 'eq', value: 'North' },
 *   pool: { team: 'north' }, capacity: { period: 'week', limit: 20 },
 * });
 * ```
 */
export interface AssignmentRule {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly entity: AssignableEntity;
  readonly priority: number;
  /** A filter of `entity`, in the language `list({ where })` takes; null matches every record. */
  readonly condition: Filter | null;
  readonly strategy: AssignmentStrategy;
  /** The weights of a `weighted` rule; null for round robin. */
  readonly weights: AssignmentWeights | null;
  readonly pool: AssignmentPool;
  readonly match: readonly MatchCriterion[];
  readonly capacity: AssignmentCapacity | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  /** Set while archived: an archived rule assigns nothing. */
  readonly archivedAt: string | null;
}

/**
 * What `assignment.createRule` takes.
 *
 * @example
 * ```ts
 * const input: AssignmentRuleInput = {
 *   name: 'By performance', entity: 'deal', strategy: 'weighted',
 *   weights: { by: 'wonAmount', days: 90 },
 * };
 * ```
 */
export interface AssignmentRuleInput<F = Filter> {
  readonly name: string;
  readonly entity: AssignableEntity;
  /** Lower runs first; 0 by default. */
  readonly priority?: number;
  readonly condition?: F | null;
  readonly strategy: AssignmentStrategy;
  /** Required for `weighted`, refused for `roundRobin`. */
  readonly weights?: AssignmentWeights | null;
  readonly pool?: AssignmentPool;
  readonly match?: readonly MatchCriterion[];
  readonly capacity?: AssignmentCapacity | null;
}

/** What `assignment.updateRule` may change: anything but the entity. */
export type AssignmentRuleChanges<F = Filter> = Partial<Omit<AssignmentRuleInput<F>, 'entity'>>;
