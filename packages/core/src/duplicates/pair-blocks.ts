import type { DuplicateRule } from './duplicate-rules';
import type { MatchProfile } from './match-profile';
import { matchKeys } from './match-profile';
import { ruleScore } from './match-rules';

/** One matched pair of records under one rule; `a` sorts before `b`. */
export interface MatchedPair {
  readonly a: string;
  readonly b: string;
  readonly rule: string;
  readonly score: number;
}

/** Blocks up to this size are compared pair by pair; larger ones by their sorted neighbourhood. */
export const fullBlockSize = 200;
/** How many following records each record of a large block is compared with, in name order. */
export const neighbourhood = 20;

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const kindOf = (key: string) => key.slice(0, key.indexOf(':'));
const byId = (x: MatchProfile, y: MatchProfile) => compare(x.id, y.id);

/** The records of each key that more than one record has. */
function blocksOf(
  profiles: readonly MatchProfile[],
  kinds: ReadonlySet<string>,
): Map<string, MatchProfile[]> {
  const blocks = new Map<string, MatchProfile[]>();
  for (const profile of profiles) {
    for (const key of matchKeys(profile)) {
      if (!kinds.has(kindOf(key))) continue;
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [profile]);
      else block.push(profile);
    }
  }
  for (const [key, block] of blocks) if (block.length < 2) blocks.delete(key);
  return blocks;
}

/**
 * The pairs of records that a rule matches, found by blocking so a tenant is never compared all with all:
 * only records sharing a key are compared. Records sharing an exact value (an email, a phone, a domain) are
 * all linked to the first of them (by id), so a switchboard number shared by thousands gives one pair per
 * record rather than one per two records. A name block of more than {@link fullBlockSize} records compares
 * each record with the {@link neighbourhood} after it in name order (the sorted-neighbourhood method),
 * which keeps the work linear. A pair appears once per rule.
 *
 * @example
 * ```ts
 * const pairs = matchedPairs(rules, profiles); // [{ a, b, rule: 'person-email', score: 1 }, ...]
 * ```
 */
export function matchedPairs(
  rules: readonly DuplicateRule[],
  profiles: readonly MatchProfile[],
): MatchedPair[] {
  const pairs = new Map<string, MatchedPair>();
  const compared = new Set<string>();
  const add = (rule: DuplicateRule, x: MatchProfile, y: MatchProfile) => {
    if (x.id === y.id) return;
    const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
    const id = `${rule.key}\u0000${a}\u0000${b}`;
    // Two records often share several keys: each pair is scored once per rule, and scores are exact.
    if (pairs.has(id) || compared.has(id)) return;
    compared.add(id);
    const score = ruleScore(rule, x, y);
    if (score !== null) pairs.set(id, { a, b, rule: rule.key, score });
  };
  const kinds = new Set<string>(rules.map((rule) => rule.on));
  for (const [key, block] of blocksOf(profiles, kinds)) {
    const kind = kindOf(key);
    const ruled = rules.filter((rule) => rule.on === kind);
    if (kind !== 'name') {
      const [first, ...rest] = [...block].sort(byId);
      for (const rule of ruled) for (const other of rest) add(rule, first as MatchProfile, other);
      continue;
    }
    const sorted = [...block].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : byId(x, y)));
    const reach = sorted.length <= fullBlockSize ? sorted.length : neighbourhood;
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < Math.min(sorted.length, i + 1 + reach); j++)
        for (const rule of ruled) add(rule, sorted[i] as MatchProfile, sorted[j] as MatchProfile);
    }
  }
  return [...pairs.values()];
}

/** A set of records that matched one another, directly or through others in the set. */
export interface DuplicateGroup {
  /** The records, by id. */
  readonly recordIds: readonly string[];
  /** The best score of any pair in the group. */
  readonly score: number;
  /** Each matched pair with the rule that matched it, best first. */
  readonly pairs: readonly MatchedPair[];
}

/**
 * Groups matched pairs into connected sets of records (union-find), best score first, then larger groups,
 * then by first id.
 *
 * @example
 * ```ts
 * groupPairs([{ a: '1', b: '2', rule: 'r', score: 1 }, { a: '2', b: '3', rule: 'r', score: 0.95 }]);
 * // [{ recordIds: ['1', '2', '3'], score: 1, pairs: [...] }]
 * ```
 */
export function groupPairs(pairs: readonly MatchedPair[]): DuplicateGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(id, root);
    return root;
  };
  for (const pair of pairs) {
    const [ra, rb] = [find(pair.a), find(pair.b)];
    // The smaller id becomes the root, so groups come out the same whatever the order of the pairs.
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  }
  const groups = new Map<string, { ids: Set<string>; pairs: MatchedPair[] }>();
  for (const pair of pairs) {
    const root = find(pair.a);
    const group = groups.get(root) ?? { ids: new Set<string>(), pairs: [] };
    group.ids.add(pair.a).add(pair.b);
    group.pairs.push(pair);
    groups.set(root, group);
  }
  return [...groups.values()]
    .map(({ ids, pairs: grouped }) => ({
      recordIds: [...ids].sort(),
      score: Math.max(...grouped.map((pair) => pair.score)),
      pairs: grouped.sort(
        (x, y) => y.score - x.score || compare(x.rule, y.rule) || compare(x.a, y.a) || compare(x.b, y.b),
      ),
    }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        y.recordIds.length - x.recordIds.length ||
        ((x.recordIds[0] as string) < (y.recordIds[0] as string) ? -1 : 1),
    );
}
