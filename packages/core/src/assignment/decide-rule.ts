import type { FilterContext } from '../filter/filter-context';
import type { StorageWriter } from '../storage/adapter';
import type { Row } from '../storage/schema';
import type { CandidateTrace, RuleTrace } from './assignment-decision';
import type { AssignmentRule, AssignmentWeights } from './assignment-rule';
import type { Skip } from './eligibility';
import { availabilitySkip, matchSkip, periodStart, quotaOf } from './eligibility';
import { loadsSince, memberWeights } from './member-figures';
import { recordCriteria } from './record-criteria';
import type { StoredTurn } from './rotation-state';
import { loadTurns } from './rotation-state';
import type { PoolMember } from './rule-pool';
import { loadPool } from './rule-pool';
import { pickRoundRobin, pickWeighted } from './strategies';

/** What deciding one rule for one record works with, all read through the assignment's transaction. */
export interface RuleScope {
  readonly tx: StorageWriter;
  readonly tenantId: string;
  readonly now: Date;
  readonly at: string;
  readonly timeZone: string;
  readonly defaultCurrency: string;
  /** The record's stored row. */
  readonly row: Row;
  /** The context match fields are resolved in. */
  readonly filterContext: FilterContext;
}

/** A rule's pick: the member, the rotation state to store, and the sentence that explains it. */
export interface RulePick {
  readonly member: PoolMember;
  readonly turns: ReadonlyMap<string, StoredTurn>;
  readonly credits: ReadonlyMap<string, number>;
  readonly why: string;
}

/** How a rule fared: its trace for the decision, and its pick when it had an eligible member. */
export interface RuleOutcome {
  readonly trace: RuleTrace;
  readonly pick?: RulePick;
}

interface Considered {
  readonly member: PoolMember;
  readonly skip?: Skip;
  readonly load?: number;
  readonly quota?: number;
}

const periodWords = { day: 'today', week: 'this week', month: 'this month' } as const;

/** Skips members at their quota for the period, counting what they received in it. */
async function withCapacity(scope: RuleScope, rule: AssignmentRule, considered: Considered[]) {
  const capacity = rule.capacity;
  if (capacity === null) return considered;
  const open = considered.filter((entry) => entry.skip === undefined).map((entry) => entry.member.id);
  const start = periodStart(scope.now, capacity.period, scope.timeZone);
  const loads = await loadsSince(scope.tx, scope.tenantId, rule.entity, open, start);
  return considered.map((entry): Considered => {
    if (entry.skip !== undefined) return entry;
    const load = loads.get(entry.member.id) ?? 0;
    const quota = quotaOf(entry.member.capacity, capacity.limit);
    const counted = { ...entry, load, ...(quota === undefined ? {} : { quota }) };
    if (quota === undefined || load < quota) return counted;
    const detail = `at capacity: ${load} of ${quota} ${periodWords[capacity.period]}`;
    return { ...counted, skip: { reason: 'atCapacity', detail } };
  });
}

function weightsWords(weights: AssignmentWeights): string {
  if (weights.by === 'member') return 'weighted by member weight';
  const what = weights.by === 'wonAmount' ? 'amount won' : 'deals won';
  return `weighted by ${what} in the last ${weights.days} days`;
}

function turnWords(turn: StoredTurn | undefined): string {
  return turn?.lastSequence == null
    ? 'never assigned by this rule'
    : `last assigned by this rule at decision ${turn.lastSequence}`;
}

function skippedWords(considered: readonly Considered[]): string {
  const skipped = considered.filter((entry) => entry.skip !== undefined);
  if (skipped.length === 0) return '';
  return `; skipped ${skipped.map((entry) => `${entry.member.name} (${entry.skip?.detail})`).join(', ')}`;
}

function trace(rule: AssignmentRule, outcome: RuleTrace['outcome'], candidates: CandidateTrace[]): RuleTrace {
  return { ruleId: rule.id, name: rule.name, priority: rule.priority, outcome, candidates };
}

function candidateTrace(entry: Considered, detail: string, weight?: number): CandidateTrace {
  return {
    memberId: entry.member.id,
    eligible: entry.skip === undefined,
    ...(entry.skip === undefined ? {} : { skip: entry.skip.reason }),
    detail: entry.skip?.detail ?? detail,
    ...(entry.load === undefined ? {} : { load: entry.load }),
    ...(entry.quota === undefined ? {} : { quota: entry.quota }),
    ...(weight === undefined ? {} : { weight }),
  };
}

/**
 * Decides one rule whose condition holds for the record: its pool's members, each skipped when inactive,
 * archived, opted out, away, not matching the record, or at capacity; then the rule's strategy picks among
 * the rest from the rule's rotation state. Reads only; the caller stores the pick.
 *
 * @example
 * ```ts
 * const { trace, pick } = await decideRule(scope, rule);
 * if (pick) console.log(pick.member.name, pick.why);
 * ```
 */
export async function decideRule(scope: RuleScope, rule: AssignmentRule): Promise<RuleOutcome> {
  const { tx, tenantId } = scope;
  const members = await loadPool(tx, tenantId, rule.pool);
  const criteria = await recordCriteria(
    tx,
    tenantId,
    rule.entity,
    scope.row,
    rule.match,
    scope.filterContext,
  );
  const available = members.map((member): Considered => {
    const skip = availabilitySkip(member, scope.at) ?? matchSkip(member, criteria);
    return skip === undefined ? { member } : { member, skip };
  });
  const considered = await withCapacity(scope, rule, available);
  const eligible = considered.filter((entry) => entry.skip === undefined).map((entry) => entry.member);
  const turns = await loadTurns(tx, tenantId, rule.id);
  if (rule.strategy === 'weighted' && rule.weights !== null) {
    const weights = await memberWeights(
      tx,
      tenantId,
      eligible,
      rule.weights,
      scope.now,
      scope.defaultCurrency,
    );
    const pick = pickWeighted(
      eligible.map((member) => ({ memberId: member.id, weight: weights.get(member.id) ?? 0 })),
      new Map([...turns].map(([id, turn]) => [id, turn.credit])),
    );
    const candidates = considered.map((entry) => {
      const weight = pick?.weights.get(entry.member.id);
      return candidateTrace(entry, `weight ${weight ?? 0}`, entry.skip === undefined ? weight : undefined);
    });
    if (pick === undefined) return { trace: trace(rule, 'noEligibleMember', candidates) };
    const member = eligible.find((candidate) => candidate.id === pick.memberId) as PoolMember;
    const total = [...pick.weights.values()].reduce((sum, weight) => sum + weight, 0);
    const why =
      `Rule "${rule.name}" (${weightsWords(rule.weights)}) assigned it to ${member.name}: the largest share due ` +
      `among ${eligible.length} eligible (weight ${pick.weights.get(member.id)} of ${total})${skippedWords(considered)}`;
    return {
      trace: trace(rule, 'assigned', candidates),
      pick: { member, turns, credits: pick.credits, why },
    };
  }
  const pick = pickRoundRobin(
    eligible.map((member) => member.id),
    turns,
  );
  const candidates = considered.map((entry) => candidateTrace(entry, turnWords(turns.get(entry.member.id))));
  if (pick === undefined) return { trace: trace(rule, 'noEligibleMember', candidates) };
  const member = eligible.find((candidate) => candidate.id === pick.memberId) as PoolMember;
  const why =
    `Rule "${rule.name}" (round robin) assigned it to ${member.name}: next in turn among ${eligible.length} ` +
    `eligible (${turnWords(turns.get(member.id))})${skippedWords(considered)}`;
  return { trace: trace(rule, 'assigned', candidates), pick: { member, turns, credits: new Map(), why } };
}
