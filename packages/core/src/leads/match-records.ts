import type { StorageReader } from '../storage/adapter';
import type { Condition } from '../storage/condition';
import type { Row } from '../storage/schema';

const textIn = (column: string, values: readonly string[]): Condition => ({
  kind: 'in',
  field: { operand: { kind: 'column', column }, type: 'text' },
  values,
  negate: false,
  caseInsensitive: false,
});

/** The first of `keys` (in order) that a row holds in `column`, with that row. */
function firstByKey(rows: readonly Row[], column: string, keys: readonly string[]): Row | undefined {
  for (const key of keys) {
    const row = rows.find((candidate) => candidate[column] === key);
    if (row !== undefined) return row;
  }
  return undefined;
}

/**
 * Rows of `table` whose `column` holds one of `keys`, oldest first: one indexed lookup. The key earlier in
 * `keys` wins when several match, then the oldest row (ids are time-ordered).
 */
async function findByKeys(
  reader: StorageReader,
  tenantId: string,
  table: string,
  column: string,
  keys: readonly string[],
): Promise<Row | undefined> {
  if (keys.length === 0) return undefined;
  const rows = await reader.findMany({
    table,
    tenantId,
    where: textIn(column, keys),
    orderBy: [{ field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' }],
  });
  return firstByKey(rows, column, keys);
}

/** The normalised keys a captured person is matched by. */
export interface PersonKeys {
  /** Every email address given, lower-cased, the primary first. */
  readonly emails: readonly string[];
  /** Every phone number given, in E.164, the primary first. */
  readonly phones: readonly string[];
}

/**
 * The stored person a capture is about: the first whose primary email (the indexed, normalised `email`
 * column) is one of the given addresses, else the first whose primary phone is one of the given numbers.
 * Archived people match too: their email is still taken.
 *
 * @example
 * ```ts
 * const match = await matchPerson(tx, tenantId, { emails: ['ann@example.com'], phones: ['+4930123456'] });
 * match?.by; // 'email'
 * ```
 */
export async function matchPerson(
  reader: StorageReader,
  tenantId: string,
  keys: PersonKeys,
): Promise<{ readonly row: Row; readonly by: 'email' | 'phone' } | undefined> {
  const byEmail = await findByKeys(reader, tenantId, 'people', 'email', keys.emails);
  if (byEmail !== undefined) return { row: byEmail, by: 'email' };
  const byPhone = await findByKeys(reader, tenantId, 'people', 'phone', keys.phones);
  return byPhone === undefined ? undefined : { row: byPhone, by: 'phone' };
}

/**
 * The stored company a capture names: the one with its normalised domain (archived or not, the domain is
 * unique), else the oldest unarchived company with exactly its name.
 *
 * @example
 * ```ts
 * const match = await matchCompany(tx, tenantId, { domain: 'example.com', name: 'Example Ltd' });
 * ```
 */
export async function matchCompany(
  reader: StorageReader,
  tenantId: string,
  keys: { readonly domain: string | null; readonly name: string },
): Promise<{ readonly row: Row; readonly by: 'domain' | 'name' } | undefined> {
  if (keys.domain !== null) {
    const byDomain = await findByKeys(reader, tenantId, 'companies', 'domain', [keys.domain]);
    if (byDomain !== undefined) return { row: byDomain, by: 'domain' };
  }
  const named = await reader.findMany({
    table: 'companies',
    tenantId,
    where: {
      kind: 'and',
      conditions: [
        textIn('name', [keys.name]),
        {
          kind: 'null',
          field: { operand: { kind: 'column', column: 'archived_at' }, type: 'timestamp' },
          negate: false,
        },
      ],
    },
    orderBy: [{ field: { operand: { kind: 'column', column: 'id' }, type: 'text' }, direction: 'asc' }],
    limit: 1,
  });
  const byName = named[0];
  return byName === undefined ? undefined : { row: byName, by: 'name' };
}
