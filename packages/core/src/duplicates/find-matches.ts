import type { StorageReader } from '../storage/adapter';
import type { DuplicateRule, MatchOn } from './duplicate-rules';
import { findCandidates } from './match-keys-store';
import type { DuplicateEntity, MatchProfile } from './match-profile';
import type { RuleMatch } from './match-rules';
import { matchRecord } from './match-rules';

/**
 * The rules each profile matches among the tenant's live records of its entity, by looking up the keys
 * the active rules need (never scanning the tenant; a name key brings at most its
 * `nameCandidatesPerKey` most recent records). Returned in the order of `profiles`; a profile that
 * matches nothing gets an empty list. Records of the profiles themselves are never their own match, but
 * profiles stored in the same write do match each other.
 *
 * @example
 * ```ts
 * const [matches] = await findMatches(tx, tenantId, 'person', rules, [profileOf('person', record)]);
 * ```
 */
export async function findMatches(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  rules: readonly DuplicateRule[],
  profiles: readonly MatchProfile[],
): Promise<RuleMatch[][]> {
  const ruled = rules.filter((rule) => rule.entity === entity);
  if (ruled.length === 0 || profiles.length === 0) return profiles.map(() => []);
  const kinds = new Set<MatchOn>(ruled.map((rule) => rule.on));
  const candidates = await findCandidates(reader, tenantId, entity, profiles, kinds);
  return profiles.map((profile, index) => matchRecord(ruled, profile, candidates[index] ?? []));
}
