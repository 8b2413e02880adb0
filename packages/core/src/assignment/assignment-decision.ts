import type { Row } from '../storage/schema';
import type { AssignableEntity, AssignmentStrategy } from './assignment-rule';
import type { SkipReason } from './eligibility';

/** How one member of a rule's pool fared for the record. */
export interface CandidateTrace {
  readonly memberId: string;
  readonly eligible: boolean;
  /** Why the member was skipped; absent when eligible. */
  readonly skip?: SkipReason;
  /** What the rule saw: the skip's reason, or the member's turn, weight or load. */
  readonly detail: string;
  /** Records of the entity the member received in the current capacity period (capacity rules). */
  readonly load?: number;
  /** The member's quota for the period (capacity rules with a limit for the member). */
  readonly quota?: number;
  /** The member's weight (weighted rules). */
  readonly weight?: number;
}

/** How one rule fared for the record, in the order rules were tried. */
export interface RuleTrace {
  readonly ruleId: string;
  readonly name: string;
  readonly priority: number;
  /**
   * `conditionInvalid`: the condition no longer resolves (it names a custom field archived since, say);
   * the rule is passed over rather than failing the write that asked for the assignment.
   */
  readonly outcome: 'assigned' | 'conditionFailed' | 'conditionInvalid' | 'noEligibleMember';
  /** Every member of the pool, eligible or not; empty when the condition did not hold. */
  readonly candidates: readonly CandidateTrace[];
}

/**
 * One assignment decision, as returned by `assign` and kept in the decision log: which rule assigned the
 * record to which member and why, or why no rule did.
 *
 * @example
 * ```ts
 * const decision = await crm.assignment.assign({ entity: 'person', id: lead.id });
 * decision.outcome; // 'assigned'
 * decision.reason; // 'Rule "Northern leads" (round robin) chose Ann Lee: next in turn (...)'
 * ```
 */
export interface AssignmentDecision {
  readonly id: string;
  /** The tenant's running count of assignment decisions: the order they were made in. */
  readonly sequence: number;
  readonly at: string;
  readonly entity: AssignableEntity;
  readonly recordId: string;
  readonly outcome: 'assigned' | 'unassigned';
  readonly ruleId: string | null;
  readonly ruleName: string | null;
  readonly strategy: AssignmentStrategy | null;
  /** The new owner; null when no rule assigned the record. */
  readonly memberId: string | null;
  readonly previousOwnerId: string | null;
  /** One sentence: the rule, the member and why; this is also the reason in the owner change's audit entry. */
  readonly reason: string;
  /** Every rule tried, with every member considered. */
  readonly rules: readonly RuleTrace[];
  /** Who asked for the assignment. */
  readonly actorId: string;
}

/** A decision as stored in `assignment_decisions`. */
export function decisionToRow(tenantId: string, decision: AssignmentDecision): Row {
  return {
    tenant_id: tenantId,
    id: decision.id,
    sequence: decision.sequence,
    at: decision.at,
    entity: decision.entity,
    record_id: decision.recordId,
    outcome: decision.outcome,
    rule_id: decision.ruleId,
    member_id: decision.memberId,
    previous_owner_id: decision.previousOwnerId,
    reason: decision.reason,
    explanation: { ruleName: decision.ruleName, strategy: decision.strategy, rules: decision.rules },
    actor_id: decision.actorId,
  };
}

/** A stored row of `assignment_decisions` as a decision. */
export function rowToDecision(row: Row): AssignmentDecision {
  const explanation = row.explanation as {
    ruleName: string | null;
    strategy: AssignmentStrategy | null;
    rules: RuleTrace[];
  };
  return {
    id: row.id as string,
    sequence: row.sequence as number,
    at: row.at as string,
    entity: row.entity as AssignableEntity,
    recordId: row.record_id as string,
    outcome: row.outcome as AssignmentDecision['outcome'],
    ruleId: row.rule_id as string | null,
    ruleName: explanation.ruleName,
    strategy: explanation.strategy,
    memberId: row.member_id as string | null,
    previousOwnerId: row.previous_owner_id as string | null,
    reason: row.reason as string,
    rules: explanation.rules,
    actorId: row.actor_id as string,
  };
}
