import { entityDef } from '../entities/registry';
import { allOf, archivedIs, textColumn } from '../records/conditions';
import type { CrmContext } from '../records/context';
import { rowMapping } from '../records/row-mapping';
import type { CrmRuntime } from '../records/runtime';
import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { DuplicateRule } from './duplicate-rules';
import type { DuplicateEntity, MatchProfile } from './match-profile';
import { profileOf } from './match-profile';
import type { DuplicateGroup } from './pair-blocks';
import { groupPairs, matchedPairs } from './pair-blocks';

const page = 1_000;

/**
 * Every live record of an entity within `scope` (the caller's read scope), as match profiles, read a page at a time in id
 * order (a keyset over the primary key, so each page is one indexed range read).
 *
 * @example
 * ```ts
 * const profiles = await readProfiles(storage, tenantId, 'company', undefined);
 * ```
 */
export async function readProfiles(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  scope: Condition | undefined,
): Promise<MatchProfile[]> {
  const def = entityDef(entity);
  const mapping = rowMapping(def);
  const profiles: MatchProfile[] = [];
  let after: string | undefined;
  for (;;) {
    const afterLast: Condition | undefined =
      after === undefined
        ? undefined
        : { kind: 'compare', field: textColumn('id'), op: 'gt', value: after, caseInsensitive: false };
    const rows = await reader.findMany({
      table: def.table,
      tenantId,
      where: allOf(archivedIs(false), afterLast, scope),
      orderBy: [{ field: textColumn('id'), direction: 'asc' }],
      limit: page,
    });
    for (const row of rows) profiles.push(profileOf(entity, mapping.toRecord(row)));
    if (rows.length < page) return profiles;
    after = rows[rows.length - 1]?.id as string;
  }
}

/** What a scan found. */
export interface ScanResult {
  readonly entity: DuplicateEntity;
  /** How many live records were read. */
  readonly scanned: number;
  /** How many groups there are in all; `groups` holds at most the `limit` best. */
  readonly total: number;
  readonly groups: readonly DuplicateGroup[];
}

/**
 * Finds the groups of duplicates among an entity's live records under the given rules (see
 * `matchedPairs` for the blocking that keeps it near linear), best first, at most `limit`.
 *
 * @example
 * ```ts
 * const { groups } = await scanTenant(runtime, context, 'person', rules, 100);
 * ```
 */
export async function scanTenant(
  runtime: CrmRuntime,
  context: CrmContext,
  entity: DuplicateEntity,
  rules: readonly DuplicateRule[],
  limit: number,
): Promise<ScanResult> {
  const scope = runtime.access.readScope({ context, entity });
  const profiles = await readProfiles(runtime.storage, context.tenantId, entity, scope);
  const groups = groupPairs(
    matchedPairs(
      rules.filter((rule) => rule.entity === entity),
      profiles,
    ),
  );
  return { entity, scanned: profiles.length, total: groups.length, groups: groups.slice(0, limit) };
}
