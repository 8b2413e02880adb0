/**
 * The pure strategy functions: which eligible member gets the record, given the rule's rotation state.
 * They read nothing and write nothing; the caller loads the state inside the assignment's transaction and
 * stores what they return in the same transaction.
 */

/** A member's rotation state for one rule. */
export interface Turn {
  /** The assignment sequence number of the member's last record from the rule; null if never. */
  readonly lastSequence: number | null;
  /** The member's running credit under smooth weighted round robin (0 to start with). */
  readonly credit: number;
}

/** What round robin picked, and why. */
export interface RoundRobinPick {
  readonly memberId: string;
  /** The chosen member's previous turn (null: never assigned by this rule before). */
  readonly lastSequence: number | null;
}

/**
 * Round robin: the eligible member this rule assigned to least recently; members it never assigned to come
 * first, in pool order. With the same members eligible every time this is a plain rotation; a member who
 * was skipped (away, at capacity) gets the next turn when eligible again, once, and is then last in line.
 * Undefined when there is no candidate.
 *
 * @example
 * ```ts
 * const turns = new Map([['ann', { lastSequence: 7, credit: 0 }], ['bo', { lastSequence: 8, credit: 0 }]]);
 * pickRoundRobin(['ann', 'bo', 'cy'], turns); // { memberId: 'cy', lastSequence: null }
 * pickRoundRobin(['ann', 'bo'], turns); // { memberId: 'ann', lastSequence: 7 }
 * ```
 */
export function pickRoundRobin(
  candidates: readonly string[],
  turns: ReadonlyMap<string, Turn>,
): RoundRobinPick | undefined {
  let best: RoundRobinPick | undefined;
  for (const memberId of candidates) {
    const lastSequence = turns.get(memberId)?.lastSequence ?? null;
    if (best === undefined) best = { memberId, lastSequence };
    else if (best.lastSequence !== null && (lastSequence === null || lastSequence < best.lastSequence))
      best = { memberId, lastSequence };
  }
  return best;
}

/** A candidate of a weighted rule, with its weight (a non-negative integer). */
export interface WeightedCandidate {
  readonly memberId: string;
  readonly weight: number;
}

/** What the weighted strategy picked, and every participant's credit after the pick. */
export interface WeightedPick {
  readonly memberId: string;
  /** The weights the pick used: all 1 when every candidate weighed 0. */
  readonly weights: ReadonlyMap<string, number>;
  /** The new credit of each member that took part (members of weight 0 keep theirs). */
  readonly credits: ReadonlyMap<string, number>;
}

/**
 * Weighted: smooth weighted round robin (as nginx balances upstreams). Every candidate of positive weight
 * adds its weight to its credit; the one with the highest credit (the first in pool order on a tie) gets
 * the record and gives back the total weight. Over any run of picks each member's share follows its weight
 * and picks are spread out (weights 2:1 give A, B, A, not A, A, B), with the state bounded. A member of
 * weight 0 gets nothing while another weighs more; when all weigh 0 they share equally. Undefined when
 * there is no candidate.
 *
 * @example
 * ```ts
 * const pick = pickWeighted([{ memberId: 'ann', weight: 2 }, { memberId: 'bo', weight: 1 }], new Map());
 * pick?.memberId; // 'ann'
 * pick?.credits; // Map { 'ann' => -1, 'bo' => 1 }
 * ```
 */
export function pickWeighted(
  candidates: readonly WeightedCandidate[],
  credits: ReadonlyMap<string, number>,
): WeightedPick | undefined {
  if (candidates.length === 0) return undefined;
  const isAllZero = candidates.every((candidate) => candidate.weight <= 0);
  const weights = new Map(
    candidates.map((candidate) => [candidate.memberId, isAllZero ? 1 : Math.max(0, candidate.weight)]),
  );
  const next = new Map<string, number>();
  let total = 0;
  let chosen: string | undefined;
  for (const [memberId, weight] of weights) {
    if (weight === 0) continue;
    total += weight;
    const credit = (credits.get(memberId) ?? 0) + weight;
    next.set(memberId, credit);
    if (chosen === undefined || credit > (next.get(chosen) as number)) chosen = memberId;
  }
  const memberId = chosen as string;
  next.set(memberId, (next.get(memberId) as number) - total);
  return { memberId, weights, credits: next };
}
