import type { EntityName } from '../../entities/entity-name';
import type { GetOptions } from '../../records/read-records';
import type { WithIncludes } from '../../records/repository';
import type { CrmClient } from '../../transport/crm-client';
import type { QueryKey } from '../cache/hash-key';
import type { QueryDefinition } from '../cache/query';
import type { FieldName, IncludeName } from '../entity-types';
import { recordsOf } from '../entity-types';

/** What `useRecord` reads besides the id: field selection and includes, as `get` takes them. */
export type RecordReadOptions<E extends EntityName, I extends IncludeName<E>> = GetOptions<FieldName<E>, I>;

function readOptions(options: GetOptions | undefined): GetOptions | null {
  if (options === undefined) return null;
  const { select, include } = options;
  if (select === undefined && include === undefined) return null;
  return { ...(select === undefined ? {} : { select }), ...(include === undefined ? {} : { include }) };
}

/**
 * The key of one record's query. A plain read (no `select`, no `include`) ends in null: live events and
 * mutations replace its data with the record they carry.
 *
 * @example
 * ```ts
 * recordKey('person', id); // ['record', 'person', id, null]
 * ```
 */
export function recordKey(entity: EntityName, id: string, options?: GetOptions): QueryKey {
  return ['record', entity, id, readOptions(options)];
}

/** True for the key of a plain read of a record. */
export function isPlainRecordKey(key: QueryKey): boolean {
  return key[0] === 'record' && key[3] === null;
}

/**
 * How to read one record.
 *
 * @example
 * ```ts
 * await prefetchQuery(cache, recordQuery(client, 'person', id, { include: ['company'] }));
 * ```
 */
export function recordQuery<E extends EntityName, I extends IncludeName<E>>(
  client: CrmClient,
  entity: E,
  id: string,
  options?: RecordReadOptions<E, I>,
): QueryDefinition<WithIncludes<E, I>> {
  const read = readOptions(options);
  return {
    key: recordKey(entity, id, options),
    fetch: () =>
      recordsOf(client, entity).get(id, (read ?? undefined) as RecordReadOptions<E, I>) as Promise<
        WithIncludes<E, I>
      >,
  };
}
