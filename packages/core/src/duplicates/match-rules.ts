import type { DuplicateRule, MatchOn, RuleAction } from './duplicate-rules';
import type { MatchProfile } from './match-profile';
import { foldedSimilarity } from './name-similarity';

const intersects = (a: readonly string[], b: readonly string[]) => a.some((value) => b.includes(value));

/**
 * Whether two records match under one rule, and how well: 1 for an exact rule's shared value, the name
 * similarity for a name rule at or above its threshold, null for no match (or a rule of another entity).
 *
 * @example
 * ```ts
 * ruleScore(nameRule, profileOf('person', ann), profileOf('person', anne)); // 0.95
 * ```
 */
export function ruleScore(rule: DuplicateRule, a: MatchProfile, b: MatchProfile): number | null {
  if (a.entity !== rule.entity || b.entity !== rule.entity) return null;
  switch (rule.on) {
    case 'email':
      return intersects(a.emails, b.emails) ? 1 : null;
    case 'phone':
      return intersects(a.phones, b.phones) ? 1 : null;
    case 'domain':
      return a.domain !== null && a.domain === b.domain ? 1 : null;
    case 'name': {
      const score = foldedSimilarity(a.name, b.name, a.sortedName, b.sortedName);
      return score >= (rule.threshold ?? 1) ? score : null;
    }
  }
}

/** One record a rule matched, with its score (1 for exact rules). */
export interface MatchedRecord {
  readonly id: string;
  readonly score: number;
}

/**
 * What one rule found for one record: the records it matched, best first.
 *
 * @example
 * ```ts
 * { rule: 'person-email', on: 'email', action: 'block', records: [{ id: '0193…', score: 1 }] }
 * ```
 */
export interface RuleMatch {
  readonly rule: string;
  readonly on: MatchOn;
  readonly action: RuleAction;
  readonly records: readonly MatchedRecord[];
}

/**
 * The rules a record matches among candidates (itself left out), one entry per rule that matched, in the
 * order of the rules; each lists its records best first, ties by id.
 *
 * @example
 * ```ts
 * const matches = matchRecord(rules, profile, candidates);
 * const blocked = matches.some((match) => match.action === 'block');
 * ```
 */
export function matchRecord(
  rules: readonly DuplicateRule[],
  profile: MatchProfile,
  candidates: readonly MatchProfile[],
): RuleMatch[] {
  const found: RuleMatch[] = [];
  for (const rule of rules) {
    if (rule.entity !== profile.entity) continue;
    const records: MatchedRecord[] = [];
    for (const candidate of candidates) {
      if (candidate.id === profile.id) continue;
      const score = ruleScore(rule, profile, candidate);
      if (score !== null) records.push({ id: candidate.id, score });
    }
    if (records.length === 0) continue;
    records.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    found.push({ rule: rule.key, on: rule.on, action: rule.action, records });
  }
  return found;
}
