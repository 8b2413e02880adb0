import { entityDef } from '../entities/registry';
import { allOf, archivedIs, columnEquals, columnIn } from '../records/conditions';
import { rowMapping } from '../records/row-mapping';
import type { WrittenRecord } from '../records/write-hooks';
import type { StorageReader, StorageWriter } from '../storage/adapter';
import type { Condition, OrderTerm } from '../storage/condition';
import type { Row } from '../storage/schema';
import type { MatchOn } from './duplicate-rules';
import { duplicateKeysTable } from './duplicate-tables';
import type { DuplicateEntity, MatchProfile } from './match-profile';
import { isDuplicateEntity, matchKeys, profileOf } from './match-profile';

const chunk = 500;

/** The keys a record version is found by: none when it does not exist or is archived. */
function keysOfVersion(
  entity: DuplicateEntity,
  record: Readonly<Record<string, unknown>> | undefined,
): string[] {
  if (record === undefined || record.archivedAt != null) return [];
  return matchKeys(profileOf(entity, record));
}

const sameKeys = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key, index) => key === b[index]);

/**
 * Keeps the match keys of written people and companies current, inside the write's transaction: a
 * created or restored record gets its keys, a changed one its new keys, an archived or deleted one none.
 * Writes that change no key write nothing.
 *
 * @example
 * ```ts
 * await syncMatchKeys(tx, tenantId, writes);
 * ```
 */
export async function syncMatchKeys(
  tx: StorageWriter,
  tenantId: string,
  writes: readonly WrittenRecord[],
): Promise<void> {
  const inserts: Row[] = [];
  const stale: string[] = [];
  for (const write of writes) {
    if (!isDuplicateEntity(write.entity)) continue;
    const before = keysOfVersion(write.entity, write.before);
    const after = keysOfVersion(write.entity, write.after);
    if (sameKeys(before, after)) continue;
    const id = (write.after ?? write.before)?.id as string;
    if (before.length > 0) stale.push(id);
    for (const key of after)
      inserts.push({ tenant_id: tenantId, entity: write.entity, match_key: key, record_id: id });
  }
  for (let start = 0; start < stale.length; start += chunk) {
    await tx.delete({
      table: duplicateKeysTable.name,
      tenantId,
      where: columnIn('record_id', stale.slice(start, start + chunk)),
    });
  }
  for (let start = 0; start < inserts.length; start += chunk)
    await tx.insert({ table: duplicateKeysTable.name, rows: inserts.slice(start, start + chunk) });
}

/**
 * Inserts the match keys of records that have none yet (a rebuild), inside the caller's transaction.
 *
 * @example
 * ```ts
 * await insertMatchKeys(tx, tenantId, profiles);
 * ```
 */
export async function insertMatchKeys(
  tx: StorageWriter,
  tenantId: string,
  profiles: readonly MatchProfile[],
): Promise<void> {
  const rows: Row[] = profiles.flatMap((profile) =>
    matchKeys(profile).map((key) => ({
      tenant_id: tenantId,
      entity: profile.entity,
      match_key: key,
      record_id: profile.id,
    })),
  );
  for (let start = 0; start < rows.length; start += chunk)
    await tx.insert({ table: duplicateKeysTable.name, rows: rows.slice(start, start + chunk) });
}

/** The kind of key (`email`, `name`, ...) a rule looks records up by. */
const kindOf = (key: string) => key.slice(0, key.indexOf(':')) as MatchOn;

/**
 * How many records a name rule compares a new record with, at most, per name key: the most recent ones.
 * A crowded key (a common name) would otherwise make every create compare with thousands of records;
 * `duplicates.scan` is the thorough search.
 */
export const nameCandidatesPerKey = 25;

const newestFirst: OrderTerm[] = [
  { field: { operand: { kind: 'column', column: 'record_id' }, type: 'text' }, direction: 'desc' },
];

/** The stored keys (`match_key`, `record_id`) of `entity` among `keys`, in one read per chunk. */
async function readKeys(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  keys: readonly string[],
  limit?: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < keys.length; start += chunk) {
    rows.push(
      ...(await reader.findMany({
        table: duplicateKeysTable.name,
        tenantId,
        where: allOf(columnEquals('entity', entity), columnIn('match_key', keys.slice(start, start + chunk))),
        ...(limit === undefined ? {} : { orderBy: newestFirst, limit }),
      })),
    );
  }
  return rows;
}

/**
 * The stored name keys among `keys`, at most {@link nameCandidatesPerKey} records each: one read for all
 * of them when no key is crowded (the usual case), else one bounded read per key.
 */
async function readNameKeys(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  keys: readonly string[],
): Promise<Row[]> {
  const perKey = nameCandidatesPerKey;
  if (keys.length <= chunk) {
    const rows = await readKeys(reader, tenantId, entity, keys, keys.length * perKey + 1);
    if (rows.length <= keys.length * perKey && !crowded(rows, perKey)) return rows;
  }
  const rows: Row[] = [];
  for (const key of keys) rows.push(...(await readKeys(reader, tenantId, entity, [key], perKey)));
  return rows;
}

function crowded(rows: readonly Row[], perKey: number): boolean {
  const counts = new Map<unknown, number>();
  for (const row of rows) {
    const count = (counts.get(row.match_key) ?? 0) + 1;
    if (count > perKey) return true;
    counts.set(row.match_key, count);
  }
  return false;
}

/**
 * For each profile, in order, the live records of `entity` that share with it a key of a kind in `kinds`
 * (its own record left out), as match profiles. Indexed lookups only: the keys by the key table's primary
 * key, then the records by id. Exact keys (email, phone, domain) find every record that has them; a name
 * key finds at most {@link nameCandidatesPerKey} records, the most recent.
 *
 * @example
 * ```ts
 * const [candidates] = await findCandidates(tx, tenantId, 'person', [profile], new Set(['email', 'name']));
 * ```
 */
export async function findCandidates(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  profiles: readonly MatchProfile[],
  kinds: ReadonlySet<MatchOn>,
): Promise<MatchProfile[][]> {
  const keysOf = profiles.map((profile) => matchKeys(profile).filter((key) => kinds.has(kindOf(key))));
  const keys = [...new Set(keysOf.flat())];
  const rows = [
    ...(await readKeys(
      reader,
      tenantId,
      entity,
      keys.filter((key) => kindOf(key) !== 'name'),
    )),
    ...(await readNameKeys(
      reader,
      tenantId,
      entity,
      keys.filter((key) => kindOf(key) === 'name'),
    )),
  ];
  const idsByKey = new Map<string, string[]>();
  for (const row of rows) {
    const ids = idsByKey.get(row.match_key as string) ?? [];
    ids.push(row.record_id as string);
    idsByKey.set(row.match_key as string, ids);
  }
  const loaded = await loadProfiles(reader, tenantId, entity, [
    ...new Set(rows.map((row) => row.record_id as string)),
  ]);
  const byId = new Map(loaded.map((profile) => [profile.id, profile]));
  return profiles.map((profile, index) => {
    const ids = new Set((keysOf[index] ?? []).flatMap((key) => idsByKey.get(key) ?? []));
    ids.delete(profile.id);
    return [...ids].flatMap((id) => byId.get(id) ?? []);
  });
}

/**
 * The match profiles of live records by id (archived and missing ones left out).
 *
 * @example
 * ```ts
 * const [profile] = await loadProfiles(storage, tenantId, 'company', [companyId]);
 * ```
 */
export async function loadProfiles(
  reader: StorageReader,
  tenantId: string,
  entity: DuplicateEntity,
  ids: readonly string[],
): Promise<MatchProfile[]> {
  const def = entityDef(entity);
  const mapping = rowMapping(def);
  const profiles: MatchProfile[] = [];
  for (let start = 0; start < ids.length; start += chunk) {
    const rows = await reader.findMany({
      table: def.table,
      tenantId,
      where: allOf(columnIn('id', ids.slice(start, start + chunk)), archivedIs(false)) as Condition,
    });
    for (const row of rows) profiles.push(profileOf(entity, mapping.toRecord(row)));
  }
  return profiles;
}
